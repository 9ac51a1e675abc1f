"""Running the survey in a real terminal: where prompts draw, where progress goes, how to resume."""

from __future__ import annotations

import contextlib
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import typer

from ownerdiag import responses, storage
from ownerdiag.banks import BankFile
from ownerdiag.errors import InputError
from ownerdiag.models import Bank, Response


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
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_input
    from prompt_toolkit.output import create_output

    from ownerdiag import survey

    bank = entry.bank
    with (
        _terminal() as tty,
        create_app_session(input=create_input(sys.stdin), output=create_output(stdout=tty)),
    ):
        name = name or survey.ask_name()
        target = out or responses.default_out(bank.id, role, name)
        partial = storage.partial_path(target)
        storage.refuse_overwrite(target, force, "response file")
        response = _starting_point(bank, role, name, partial, resume=resume, force=force)

        def save(progress: Response) -> None:
            storage.write_atomic(partial, responses.to_yaml(progress))

        survey.opening_screen(bank, role, name, len(response.answers))
        try:
            finished = survey.run(bank, response, save)
        except KeyboardInterrupt:
            _print_resume_hint(bank_ref, role, name, target, partial)
            raise
    storage.write_atomic(target, responses.to_yaml(finished), force=force)
    storage.remove_quietly(partial)
    typer.echo(f"Saved {len(finished.answers)} answers to {target}", err=True)


def _starting_point(
    bank: Bank, role: str, name: str, partial: Path, *, resume: bool, force: bool
) -> Response:
    if resume:
        if not partial.exists():
            raise InputError.single(
                "no unfinished survey to resume", str(partial), "start without --resume"
            )
        return load_partial(bank, role, partial)
    if partial.exists() and not force:
        raise InputError.single(
            "an unfinished survey is saved here",
            str(partial),
            "add --resume to continue it, or --force to start over",
        )
    return responses.start(bank, role, name, responses.utc_now())


def load_partial(bank: Bank, role: str, partial: Path) -> Response:
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


def _print_resume_hint(bank_ref: str, role: str, name: str, out: Path, partial: Path) -> None:
    command = shlex.join(
        [
            "ownerdiag",
            "survey",
            "--bank",
            bank_ref,
            "--role",
            role,
            "--name",
            name,
            "--out",
            str(out),
            "--resume",
        ]
    )
    saved = "Progress saved in " + str(partial) if partial.exists() else "No answers saved yet"
    typer.echo(f"\n{saved}. To continue:\n  {command}", err=True)


@contextlib.contextmanager
def _terminal() -> Iterator[TextIO]:
    """The controlling terminal, so prompts never land in redirected stdout."""
    try:
        tty = open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError:
        yield sys.stderr
        return
    try:
        yield tty
    finally:
        tty.close()
