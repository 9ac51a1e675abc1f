"""Running the survey in a real terminal: where progress goes, how it resumes."""

from __future__ import annotations

from pathlib import Path

import typer

from ownerdiag.core.models import Bank, Response
from ownerdiag.errors import InputError
from ownerdiag.files import responses, storage
from ownerdiag.files.banks import BankFile


def run_in_terminal(
    entry: BankFile,
    bank_ref: str,
    role: str,
    name: str,
    out: Path | None,
    *,
    resume: bool,
    force: bool,
) -> None:
    from ownerdiag.interactive import survey
    from ownerdiag.interactive.prompts import print_resume_hint, terminal_session

    bank = entry.bank
    with terminal_session():
        name = name or survey.ask_name()
        target = out or responses.default_out(bank.id, role, name)
        partial = storage.partial_path(target)
        storage.refuse_overwrite(target, force, "response file")
        response = starting_point(bank, role, name, partial, resume=resume, force=force)

        def save(progress: Response) -> None:
            storage.write_atomic(partial, responses.to_yaml(progress))

        survey.opening_screen(bank, role, name, len(response.answers))
        try:
            finished = survey.run(bank, response, save)
        except KeyboardInterrupt:
            command = ["ownerdiag", "survey", "--bank", bank_ref, "--role", role, "--name", name]
            print_resume_hint([*command, "--out", str(target)], partial)
            raise
    storage.write_atomic(target, responses.to_yaml(finished), force=force)
    storage.remove_quietly(partial)
    typer.echo(f"Saved {len(finished.answers)} answers to {target}", err=True)


def starting_point(
    bank: Bank, role: str, name: str, partial: Path, *, resume: bool, force: bool
) -> Response:
    if not storage.check_partial(partial, resume=resume, force=force):
        return responses.start(bank, role, name, responses.utc_now())
    response, doc = responses.load_response(partial)
    if response.bank.hash != bank.content_hash() or response.respondent.role != role:
        raise InputError.single(
            f"this progress was saved for bank {response.bank.id} {response.bank.version} as "
            f"{response.respondent.role}",
            str(partial),
            "resume with the same --bank and --role, or --force to start over",
        )
    responses.check_response(bank, response, doc)
    return response
