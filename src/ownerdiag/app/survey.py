"""``survey`` (a leader answers alone) and ``form`` (the same questions for a browser or paper)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ownerdiag.app.common import check_name, check_role, continue_command, continuing, inputs
from ownerdiag.app.context import EngagementContext
from ownerdiag.app.outcome import Document, Outcome
from ownerdiag.errors import InputError
from ownerdiag.files.environment import current


def survey(
    *,
    bank: str,
    role: str,
    name: str,
    person: str,
    out: Path | None,
    answers: Path | None,
    resume: bool,
    restart: bool,
    force: bool,
    plain: bool,
    bank_dirs: Sequence[Path],
    argv: Sequence[str],
) -> Outcome:
    """Progress is saved after every answer; the response goes to ``out``."""
    from ownerdiag.interactive import jobs

    context = EngagementContext(bank_dirs=bank_dirs)
    found, role, name, out, invitation = context.survey_target(bank, role, name, person, out)
    check_role(found, role)
    _check_survey_input(answers, name, bank or found.id, role)
    response, target = jobs.survey(
        found, role, name.strip(), out, answers, force=force,
        resume=continuing(resume, restart), continue_with=continue_command(argv),
        inputs=inputs([], bank), plain=plain or current().dumb, invitation=invitation,
    )  # fmt: skip
    return Outcome(
        notes=[
            f"Saved {len(response.answers)} answers to {target}. The file holds your answers "
            "only: send it to whoever runs the comparison."
        ]
    )


def _check_survey_input(answers: Path | None, name: str, bank: str, role: str) -> None:
    """Answers from a file need a name; answers from prompts need a terminal."""
    from ownerdiag.app.common import require_terminal

    if answers is not None and not name.strip():
        raise InputError.single("--name is required with --answers", "--name")
    if name.strip():
        check_name(name, "--name")
    if answers is None:
        require_terminal(
            "ask the questions",
            f"answer from a file instead: ownerdiag form --bank {bank} --role {role} "
            "> answers.yaml, fill it in, then add --answers answers.yaml",
        )


def form(
    *,
    bank: str,
    role: str,
    name: str,
    format: str | None,
    out: Path | None,
    force: bool,
    bank_dirs: Sequence[Path],
) -> Outcome:
    """The survey as one offline page (html), or a commented answer file (yaml)."""
    from ownerdiag.files.banks import resolve
    from ownerdiag.render.form import FormRequest
    from ownerdiag.render.formats import choose

    found = resolve(bank, bank_dirs).bank
    if role:
        check_role(found, role)
    chosen = choose("form", format, out)
    if chosen == "html" and not role:
        raise InputError.single("a browser form is for one role", "--role", "give --role")
    request = FormRequest(found, role or None, check_name(name, "--name") if name.strip() else "")
    document = Document("form", request, chosen, out, force, inputs([], bank))
    notes = []
    if out is not None and chosen == "html":
        notes.append(
            f"Send {out} to the leader: they open it in a browser, answer, and send back the "
            "response file it saves."
        )
    return Outcome(document, notes=notes)
