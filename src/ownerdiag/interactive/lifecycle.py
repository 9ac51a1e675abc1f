"""One lifecycle for anything a person fills in over time (a survey, a meeting's decisions):
start or resume, answer with autosave, interrupt, finish, write.

Answers come from prompts in a terminal or, for scripts and paper forms, from an ``--answers``
file; either way the same checks apply and the result is written the same way. Prompt libraries
are imported only when prompts are shown.
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Generic, TypeVar

from ownerdiag.core.answers import asked_order, first_unanswered, record
from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.models import Bank, Response
from ownerdiag.errors import Fix, InputError
from ownerdiag.files import storage
from ownerdiag.files.documents import SavedFile, to_yaml
from ownerdiag.files.environment import current
from ownerdiag.files.yamlio import Document, read_yaml

Doc = TypeVar("Doc", bound=SavedFile)
Save = Callable[[SavedFile], None]


BACK = "\x00back"
"""What a prompt returns when the person asks to go back one question."""


def answer_all(
    bank: Bank,
    response: Response,
    save: Callable[[Response], None],
    ask: Callable[[QuestionBase, int, int, Any], Any],
) -> Response:
    """Ask every unanswered question in the respondent's order, saving after each answer and
    timing it; ``ask(question, index, total, previous)`` returns the answer or ``BACK``."""
    questions = asked_order(bank, response)
    index = first_unanswered(questions, response)
    while index < len(questions):
        question = questions[index]
        started = time.monotonic()
        answer = ask(question, index, len(questions), response.answers.get(question.id))
        if answer == BACK:
            index = max(0, index - 1)
            continue
        response = record(bank, response, question, answer, time.monotonic() - started)
        save(response)
        index += 1
    return response


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class Terminal:
    """Where a job's prompts draw, and how it asks whether to continue saved progress."""

    session: Callable[[], AbstractContextManager[object]]
    confirm_continue: Callable[[], bool]


@dataclass(frozen=True)
class Job(Generic[Doc]):
    """What one fill-in session needs to know; the runner does the rest."""

    what: str
    """The file written, in words: ``response file``, ``decisions file``."""
    start: Callable[[datetime], Doc]
    load_progress: Callable[[Path], Doc]
    from_answers: Callable[[Document], Doc]
    """The whole document from an answers file (every problem reported at once)."""
    ask: Callable[[Doc, Callable[[Doc], None]], Doc]
    """Prompts in the terminal, calling save after every answer; raises KeyboardInterrupt."""
    finish: Callable[[Doc, datetime], Doc]
    terminal: Terminal
    """How prompts reach the person: drawn, or line by line."""
    continue_with: Callable[[Path], Sequence[str]]
    """The command that continues it, for the progress file written to the given path: printed
    after an interruption."""


def run(
    job: Job[Doc],
    out: Path,
    *,
    answers: Path | None,
    resume: bool | None,
    force: bool,
    inputs: Sequence[Path] = (),
) -> Doc:
    """Fill ``job`` in from ``answers`` or from prompts, then write it to ``out``.

    ``resume``: True continues saved progress, False starts over, None asks when there is any.
    """
    storage.refuse_overwrite(out, force, job.what, [*inputs, *([answers] if answers else [])])
    partial = storage.partial_path(out)
    if answers is not None:
        doc = job.from_answers(read_yaml(answers))
    else:
        doc = _ask(job, out, partial, resume=resume, force=force)
    doc = job.finish(doc, utc_now())
    storage.write_atomic(out, to_yaml(doc), force=force)
    if answers is None:
        storage.remove_quietly(partial)
    return doc


def _ask(job: Job[Doc], out: Path, partial: Path, *, resume: bool | None, force: bool) -> Doc:
    with storage.exclusive(out, job.what):
        return _ask_alone(job, out, partial, resume=resume, force=force)


def _ask_alone(job: Job[Doc], out: Path, partial: Path, *, resume: bool | None, force: bool) -> Doc:
    def save(progress: Doc) -> None:
        storage.write_atomic(partial, to_yaml(progress))

    with job.terminal.session():
        if resume is None and partial.exists() and not force:
            resume = _offer_to_continue(partial, job.terminal)
        if storage.check_partial(partial, resume=bool(resume), force=force or resume is False):
            doc = job.load_progress(partial)
        else:
            doc = job.start(utc_now())
        try:
            return job.ask(doc, save)
        except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a prompt
            print_resume_hint(job.continue_with(out), partial)
            raise KeyboardInterrupt from None


def _offer_to_continue(partial: Path, terminal: Terminal) -> bool:
    """The same command again finds the saved progress: continue it (the default), or keep it
    and stop."""
    going_on = terminal.confirm_continue()
    if going_on:
        return True
    raise InputError.single(
        "unfinished work is saved here", str(partial), fix=Fix.CONTINUE_OR_RESTART
    )


def print_resume_hint(command: Sequence[str], partial: Path) -> None:
    env = current()
    if not partial.exists():
        env.note("\nNothing was saved yet.")
        return
    env.note(f"\nProgress saved in {partial}. To continue:\n  {plain_join(command)}")


_SHELL_SPECIAL = set('"$`\\!')


def plain_join(command: Sequence[str]) -> str:
    """A command to copy and paste, quoted no more than needed: ``--name "Chris O'Neil"``."""
    words = []
    for word in command:
        quoted = shlex.quote(word)
        if quoted != word and not _SHELL_SPECIAL.intersection(word):
            quoted = f'"{word}"'
        words.append(quoted)
    return " ".join(words)
