"""Shared pieces of every interactive flow (survey, meeting): where prompts draw, going back,
help on demand, and telling the user how to resume.

Everything draws through prompt_toolkit's current app session, so a command points it at the
terminal (never stdout) and tests point it at a pipe.
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator
from typing import Any, TypeVar

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.application import get_app_session
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

from ownerdiag.core.text import literal
from ownerdiag.files.environment import current
from ownerdiag.interactive.lifecycle import BACK

HELP = "\x00help"
T = TypeVar("T")


def say(*parts: tuple[str, str] | str) -> None:
    """Print styled text through the current app session (the terminal, or a test's output)."""
    fragments = [(p, "") if isinstance(p, str) else (p[0], p[1]) for p in parts]
    fragments = [(literal(text), style) for text, style in fragments]
    print_formatted_text(FormattedText([(style, text) for text, style in fragments]))


def with_back(
    prompt: questionary.Question, help_key: bool = True, arrow_back: bool = False
) -> questionary.Question:
    """Add Ctrl-B (back), ← (back, for choice prompts: Ctrl-B is tmux's and screen's prefix key)
    and '?' (help) to a questionary prompt."""
    keys = KeyBindings()

    @keys.add("c-b", eager=True)
    def _back(event: Any) -> None:
        event.app.exit(result=BACK)

    @keys.add("c-d", eager=True)
    def _end(event: Any) -> None:  # Ctrl-D stops like Ctrl-C: progress kept, resume shown
        event.app.exit(exception=EOFError())

    if arrow_back:

        @keys.add("left", eager=True)
        def _left(event: Any) -> None:
            event.app.exit(result=BACK)

    if help_key:

        @keys.add("?", eager=True)
        def _help(event: Any) -> None:
            event.app.exit(result=HELP)

    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys
    return prompt


@contextlib.contextmanager
def terminal_session() -> Iterator[None]:
    """Prompts read stdin and draw on the controlling terminal, so stdout stays clean."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_input
    from prompt_toolkit.output import create_output

    try:
        tty = open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError:
        tty = None
    try:
        env = current()
        output = create_output(stdout=tty or env.stderr)
        with create_app_session(input=create_input(env.stdin), output=output):
            yield
    finally:
        if tty:
            tty.close()


def fresh_screen() -> None:
    """Each question on a cleared screen: no growing transcript, nothing left over from a resize.
    A dumb terminal gets no escape sequences, so it keeps the transcript."""
    if current().dumb:
        return
    output = get_app_session().output
    output.erase_screen()
    output.cursor_goto(0, 0)
    output.flush()


def wrapped(text: str) -> str:
    """``text`` broken between words to fit the terminal (60 to 100 columns of text)."""
    columns = get_app_session().output.get_size().columns
    width = max(38, min(columns, 100) - 2)
    return "\n".join(textwrap.fill(part, width) for part in text.splitlines() or [""])


def screenfuls(lines: list[T], reserved: int) -> list[list[T]]:
    """``lines`` in pages that fit the terminal with ``reserved`` rows left for what follows
    them (cautions, a prompt); always one page at least."""
    room = max(8, get_app_session().output.get_size().rows - reserved)
    return [lines[start : start + room] for start in range(0, len(lines), room)] or [[]]


SAVE = "\x00save"


def review_choice(question: str, change: str, page: int, pages: int) -> str:
    """What to do on a review page: save (:data:`SAVE`), ``change``, ``next`` or ``previous``
    page. Save is the default: a review is where a person stops to look, then saves."""
    choices = [questionary.Choice("Save and finish", SAVE), questionary.Choice(change, "change")]
    if page + 1 < pages:
        choices.append(questionary.Choice("Next page", "next"))
    if page:
        choices.append(questionary.Choice("Previous page", "previous"))
    picked: str = questionary.select(question, choices=choices, default=SAVE).unsafe_ask()
    return picked
