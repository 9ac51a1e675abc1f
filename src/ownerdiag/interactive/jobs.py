"""The two things people fill in over time, as jobs for the lifecycle runner: a leader's
survey and the meeting's decisions."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from random import Random

from ownerdiag import __version__
from ownerdiag.core import answers, decisions
from ownerdiag.core.agenda import Step
from ownerdiag.core.agenda import items as agenda_items
from ownerdiag.core.engine import Comparison
from ownerdiag.core.models import Bank, Decisions, Response
from ownerdiag.errors import Fix, InputError
from ownerdiag.files.documents import default_out, load_decisions, load_response
from ownerdiag.files.yamlio import Document
from ownerdiag.interactive import lifecycle
from ownerdiag.interactive.lifecycle import Job, Terminal


def survey(
    bank: Bank,
    role: str,
    name: str,
    out: Path | None,
    answers_file: Path | None,
    *,
    resume: bool | None,
    force: bool,
    continue_with: Callable[[Path, str], Sequence[str]],
    inputs: Sequence[Path] = (),
    plain: bool = False,
    invitation: tuple[str, str] | None = None,
) -> tuple[Response, Path]:
    """One leader's survey, from prompts or an answers file; returns it and where it went.

    ``continue_with(out, name)`` is the command that resumes it; ``invitation`` (round, token)
    seals the finished response.
    """
    if answers_file is None:
        name = name or _ask_name(plain)
    target = out or default_out(bank.id, role, name)

    def start(now: datetime) -> Response:
        begun = answers.start(bank, role, name, now, __version__)
        if bank.order == "shuffle":  # each respondent their own order, kept for resume and review
            begun = begun.model_copy(update={"order": answers.shuffled_order(bank, Random())})
        return begun

    def from_answers(doc: Document) -> Response:
        parsed = answers.parse_answers(bank, doc)
        return start(lifecycle.utc_now()).model_copy(update={"answers": parsed})

    def ask(response: Response, save: Callable[[Response], None]) -> Response:
        if plain:
            from ownerdiag.interactive import plain as lines

            return lines.run(bank, response, save)
        from ownerdiag.interactive import survey as prompts

        prompts.opening_screen(bank, role, name, len(response.answers))
        return prompts.run(bank, response, save)

    job = Job(
        what="response file",
        start=start,
        load_progress=lambda partial: _progress(bank, role, name, partial),
        from_answers=from_answers,
        ask=ask,
        finish=lambda response, now: sealed(answers.finish(bank, response, now), invitation),
        terminal=terminal(plain),
        continue_with=lambda path: continue_with(path, name),
    )
    done = lifecycle.run(
        job, target, answers=answers_file, resume=resume, force=force, inputs=inputs
    )
    return done, target


def sealed(response: Response, invitation: tuple[str, str] | None) -> Response:
    return response.stamped(*invitation) if invitation else response


def terminal(plain: bool, saved: str = "Answers") -> Terminal:
    """Line-by-line prompts (no prompt_toolkit, no escape sequences), or drawn ones; ``saved``
    names what a resumed session finds (``Answers``, ``Decisions``)."""
    if plain:
        return Terminal(contextlib.nullcontext, _confirm_in_lines)
    return Terminal(_drawn_session, lambda: _confirm_drawn(saved))


def _drawn_session() -> AbstractContextManager[object]:
    from ownerdiag.interactive.prompts import terminal_session

    return terminal_session()


def _confirm_in_lines() -> bool:
    from ownerdiag.interactive.plain import confirm_continue

    return confirm_continue()


def _confirm_drawn(saved: str) -> bool:
    import questionary

    return bool(
        questionary.confirm(
            f"{saved} from before are saved. Continue where you left off?"
        ).unsafe_ask()
    )


def _ask_name(plain: bool) -> str:
    if plain:
        from ownerdiag.interactive import plain as lines

        return lines.ask_name()
    from ownerdiag.interactive.prompts import terminal_session
    from ownerdiag.interactive.survey import ask_name

    with terminal_session():
        return ask_name()


def _progress(bank: Bank, role: str, name: str, partial: Path) -> Response:
    response, doc = load_response(partial)
    saved = response.respondent
    if response.bank.hash != bank.content_hash() or (saved.role, saved.name) != (role, name):
        raise InputError.single(
            f"this progress was saved by {saved.name} as {saved.role}, for bank "
            f"{response.bank.id} {response.bank.version}",
            str(partial),
            fix=Fix.SAME_SURVEY,
        )
    return answers.check_response(bank, response, doc)


def meeting(
    comparison: Comparison,
    agenda: list[Step],
    out: Path,
    answers_file: Path | None,
    *,
    resume: bool | None,
    force: bool,
    continue_with: Callable[[Path], Sequence[str]],
    inputs: Sequence[Path],
) -> Decisions:
    """The meeting's decisions on the ``agenda``, from prompts or a decisions file."""
    bank = comparison.bank
    items = agenda_items(agenda)

    def start(now: datetime) -> Decisions:
        return decisions.start(bank, comparison.responses, now, __version__)

    def from_answers(doc: Document) -> Decisions:
        decided = decisions.with_origins(comparison, decisions.parse_input(bank, doc))
        return start(lifecycle.utc_now()).model_copy(update={"decisions": decided})

    def ask(progress: Decisions, save: Callable[[Decisions], None]) -> Decisions:
        from ownerdiag.interactive import meeting as prompts

        return prompts.run(comparison, agenda, progress, save)

    job = Job(
        what="decisions file",
        start=start,
        load_progress=lambda partial: load_decisions(partial, bank, comparison.responses),
        from_answers=from_answers,
        ask=ask,
        finish=lambda progress, now: decisions.finish(progress, items, now),
        terminal=terminal(plain=False, saved="Decisions"),
        continue_with=continue_with,
    )
    return lifecycle.run(job, out, answers=answers_file, resume=resume, force=force, inputs=inputs)
