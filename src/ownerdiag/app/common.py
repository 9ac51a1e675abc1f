"""Checks and helpers that several commands share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ownerdiag.errors import InputError


def check_name(name: str, where: str) -> str:
    """A person's name as given on the command line, or why it cannot be one."""
    from ownerdiag.core.fields import line_problem

    problem = line_problem(name)
    if problem is not None:
        raise InputError.single(
            f"the name {name!r} {problem}", where, "give the name as one line of plain text"
        )
    return " ".join(name.split())


def check_role(bank: Any, role: str) -> None:
    if role not in bank.roles:
        valid = ", ".join(f"{k} ({v})" for k, v in bank.roles.items())
        raise InputError.single(
            f"{role!r} is not a role of bank {bank.id!r}", "--role", f"use one of: {valid}"
        )


def continuing(resume: bool, restart: bool) -> bool | None:
    """--resume, --restart, or neither: ask if progress is saved."""
    if resume and restart:
        raise InputError.single("--resume and --restart contradict each other", "--restart")
    return True if resume else False if restart else None


def agreement_date(text: str | None) -> date:
    """``--date``: a day from 1900 to 9000 (later ones leave no room for a review date)."""
    try:
        day = date.fromisoformat(text) if text else date.today()
    except ValueError:
        day = date.min  # refused just below
    if not 1900 <= day.year <= 9000:
        raise InputError.single(f"{text!r} is not a date", "--date", "use YYYY-MM-DD, 1900 to 9000")
    return day


def require_terminal(what: str, how: str) -> None:
    from ownerdiag.files.environment import current

    if not current().stdin_isatty:
        raise InputError.single(f"no terminal to {what} on", "", how)


def inputs(files: Sequence[Path], bank: str | None) -> list[Path]:
    """The files a command reads, never to be written over: ``files``, and the bank when it
    was given as a path."""
    from ownerdiag.files.banks import named_file

    path = named_file(bank)
    return [*files, *([path] if path else [])]


def continue_command(argv: Sequence[str]) -> Callable[..., list[str]]:
    """The command as it was run, without ``--out``, ``--force`` or ``--resume``: given the file
    being filled in (and the name asked for, if any), the command that continues it."""
    ran, kept = list(argv), []
    while ran:
        arg = ran.pop(0)
        if arg in ("--out", "-o") and ran:
            ran.pop(0)
        elif arg not in ("--force", "--resume", "--restart") and not arg.startswith("--out="):
            kept.append(arg)

    def command(out: Path, name: str = "") -> list[str]:
        named = name and not {"--name", "-n"} & set(kept)
        return [
            "ownerdiag",
            *kept,
            *(["--name", name] if named else []),
            "--out",
            str(out),
            "--resume",
        ]

    return command
