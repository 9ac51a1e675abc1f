"""The consultant's desk: init, invite, status and new-round, and what "inside an engagement"
means for the other commands (the current round's files, the person's bank and role)."""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path
from typing import Any

import typer

from ownerdiag.errors import InputError


def parse_person(text: str, roles: dict[str, str]) -> tuple[str, str]:
    """``cro=Dana Reyes`` -> (role, name), the role checked against the bank."""
    role, sep, name = text.partition("=")
    role, name = role.strip(), " ".join(name.split())
    if not sep or not name:
        raise InputError.single(
            f"{text!r} is not ROLE=NAME", "--person", 'write it as --person "cro=Dana Reyes"'
        )
    if role not in roles:
        raise InputError.single(
            f"{role!r} is not a role of this bank", "--person", f"roles: {', '.join(roles)}"
        )
    return role, name


def init(
    folder: Path,
    client: str,
    bank_ref: str,
    people: list[str],
    round_name: str | None,
    force: bool,
    bank_dirs: list[Path],
) -> None:
    from ownerdiag.core.engagement import ENGAGEMENT_FILE, quarter
    from ownerdiag.files import engagements
    from ownerdiag.files.banks import named_file, resolve
    from ownerdiag.files.storage import write_atomic

    entry = resolve(bank_ref, bank_dirs)
    target = folder / ENGAGEMENT_FILE
    if target.exists() and not force:
        raise InputError.single(
            "an engagement is already set up here", str(target), "use it, or give --force"
        )
    if not people:
        raise InputError.single(
            "nobody invited", "--person", 'add --person "cro=Dana Reyes" for each leader'
        )
    invited = [
        {"role": r, "name": n} for r, n in (parse_person(p, entry.bank.roles) for p in people)
    ]
    engagement = _engagement(
        client=client.strip(),
        bank=_bank_ref(bank_ref, named_file(bank_ref), folder),
        people=invited,
        rounds=[{"name": round_name or quarter(date.today())}],
    )
    round_dir = folder / engagement.current.name
    round_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(target, engagements.to_yaml(engagement))
    readme = folder / "README.txt"
    if force or not readme.exists():
        write_atomic(readme, engagements.readme(engagement), force=True)
    typer.echo(
        f"Set up {folder}: {engagement.client}, bank {entry.bank.id}, round {round_dir.name}.",
        err=True,
    )
    typer.echo(f"Next: cd {shlex.quote(str(folder))} && ownerdiag invite", err=True)


def _bank_ref(ref: str, file: Path | None, folder: Path) -> str:
    """A bank id as given; a bank file relative to the engagement when inside it, else whole."""
    if file is None:
        return ref
    whole = file.resolve()
    try:
        return str(whole.relative_to(folder.resolve()))
    except ValueError:
        return str(whole)


def invite(start: Path | None, force: bool, bank_dirs: list[Path]) -> None:
    """For each person: the survey command to run here, and a browser form in the round."""
    from ownerdiag.files import engagements
    from ownerdiag.files.storage import write_atomic
    from ownerdiag.render.form_html import form_page

    found = engagements.required(start)
    bank = found.bank(bank_dirs)
    forms = found.round_dir() / "forms"
    forms.mkdir(parents=True, exist_ok=True)
    for person in found.engagement.people:
        response = engagements.response_out(found, bank, person.role, person.name)
        page = forms / response.with_suffix(".html").name
        text = form_page(bank, person.role, person.name)
        if page.exists() and not force and _differs(page, text):
            note = "kept (it differs: --force to replace)"
        else:
            write_atomic(page, text, force=True)
            note = "written"
        echo(f"{person.name} ({bank.roles[person.role]}):")
        echo(
            f"  in a terminal, in this folder: ownerdiag survey --person {shlex.quote(person.name)}"
        )
        echo(f"  in a browser: send {page.relative_to(found.root)} ({note})")
    typer.echo(
        f"Responses that come back by e-mail go into {found.round_dir().relative_to(found.root)}/.",
        err=True,
    )


def echo(text: str) -> None:
    """A line for the terminal with anything a file said shown literally."""
    from ownerdiag.core.text import literal

    typer.echo(literal(text))


def _differs(page: Path, text: str) -> bool:
    try:
        return page.read_bytes() != text.encode("utf-8")
    except OSError:
        return True


def _engagement(**fields: Any) -> Any:
    """An :class:`Engagement`, or what is wrong with the values given, as for the file."""
    from ownerdiag.core.engagement import ENGAGEMENT_FILE, Engagement
    from ownerdiag.files.schema import validate
    from ownerdiag.files.yamlio import Document

    stamp = Engagement.model_fields["format"].default
    return validate(
        Engagement, Document({"format": stamp, **fields}, ENGAGEMENT_FILE), "engagement"
    )


def new_round(start: Path | None, name: str | None) -> None:
    from ownerdiag.core.engagement import ENGAGEMENT_FILE, next_quarter
    from ownerdiag.files import engagements
    from ownerdiag.files.storage import write_atomic

    found = engagements.required(start)
    chosen = name or next_quarter(found.engagement.current.name, date.today())
    current = found.engagement.model_dump()
    updated = _engagement(**{**current, "rounds": [*current["rounds"], {"name": chosen}]})
    (found.root / chosen).mkdir(exist_ok=True)
    write_atomic(found.root / ENGAGEMENT_FILE, engagements.to_yaml(updated), force=True)
    typer.echo(f"Round {chosen} started in {found.root / chosen}. Next: ownerdiag invite", err=True)


def status(start: Path | None, as_json: bool, bank_dirs: list[Path]) -> bool:
    """Print who has answered; returns whether anyone is missing in the current round."""
    from ownerdiag.files import engagements

    found = engagements.required(start)
    bank = found.bank(bank_dirs)
    rounds = engagements.status(found, bank)
    if as_json:
        from ownerdiag.render.json_format import dumps

        typer.echo(dumps(_status_json(found, bank, rounds)), nl=False)
    else:
        _print_status(found, bank, rounds)
    return bool(rounds[-1].missing)


def _status_json(found: Any, bank: Any, rounds: list[Any]) -> dict[str, Any]:
    return {
        "client": found.engagement.client,
        "bank": {"id": bank.id, "version": bank.version, "questions": len(bank.questions)},
        "rounds": [
            {
                "round": r.round,
                "people": [
                    {
                        "name": p.person.name,
                        "role": p.person.role,
                        "state": p.state,
                        "file": p.file or None,
                        "answered_on": p.answered_on.isoformat() if p.answered_on else None,
                        "answers": p.answers,
                    }
                    for p in r.people
                ],
                "stray": [{"file": f, "reason": why} for f, why in r.stray],
            }
            for r in rounds
        ],
    }


def _print_status(found: Any, bank: Any, rounds: list[Any]) -> None:

    size = len(bank.questions)
    echo(f"{found.engagement.client} — bank {bank.id} {bank.version} ({size} questions)")
    for r in rounds:
        echo(f"\n{r.round}")
        width = max(len(f"{p.person.name} ({p.person.role})") for p in r.people)
        for p in r.people:
            who = f"{p.person.name} ({p.person.role})".ljust(width)
            if p.state == "answered":
                echo(f"  ✓ {who}  answered {p.answered_on}  {p.file}")
            elif p.state == "part-way":
                echo(f"  … {who}  part-way: {p.answers} of {len(bank.questions)} answers  {p.file}")
            else:
                echo(f"  ✗ {who}  missing")
        for file, why in r.stray:
            echo(f"  ! {file}: {why}")
