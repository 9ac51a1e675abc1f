"""Options and choices shared by the commands, defined once.

Annotations stay builtins, ``Path`` and ``Enum``: typer evaluates them at run time.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from ownerdiag.errors import InputError
from ownerdiag.render.formats import FORMATS

ReportFormat = Enum("ReportFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
"""Every registered output format."""


class DocFormat(str, Enum):
    markdown = "markdown"
    html = "html"


class TableOrJson(str, Enum):
    table = "table"
    json = "json"


class BankFormat(str, Enum):
    table = "table"
    json = "json"
    yaml = "yaml"


class SchemaFor(str, Enum):
    bank = "bank"
    response = "response"
    decisions = "decisions"


class FailOn(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


def option(default: Any, *names: str, help: str, metavar: str | None = None) -> Any:
    return typer.Option(default, *names, metavar=metavar, help=help, show_default=False)


def bank_dir() -> Any:
    return typer.Option(
        None,
        "--bank-dir",
        metavar="DIR",
        help="Folder of your own banks (repeatable); also read from OWNERDIAG_BANK_DIR.",
        envvar="OWNERDIAG_BANK_DIR",
        show_default=False,
    )


def bank_to_answer() -> Any:
    return option(..., "--bank", "-b", metavar="ID|PATH", help="Bank id or path of a bank file.")


def bank_answered() -> Any:
    return option(
        None,
        "--bank",
        "-b",
        metavar="ID|PATH",
        help="The bank file the responses answered (default: found by id).",
    )


def argument(help: str, metavar: str | None = None) -> Any:
    return typer.Argument(..., metavar=metavar, help=help, show_default=False)


def out(what: str, default: Path | None = None) -> Any:
    help = f"Write the {what} to this file" + (f" (default: {default})." if default else ".")
    return option(default, "--out", "-o", metavar="FILE", help=help)


def role(default: Any, help: str) -> Any:
    return option(default, "--role", "-r", metavar="ROLE", help=help)


def check_role(bank: Any, role: str) -> None:
    if role not in bank.roles:
        valid = ", ".join(f"{k} ({v})" for k, v in bank.roles.items())
        raise InputError.single(
            f"{role!r} is not a role of bank {bank.id!r}", "--role", f"use one of: {valid}"
        )


def agreement_date(text: str | None) -> date:
    """``--date``: a day from 1900 to 9000 (later ones leave no room for a review date)."""
    try:
        day = date.fromisoformat(text) if text else date.today()
    except ValueError:
        day = date.min  # refused just below
    if not 1900 <= day.year <= 9000:
        raise InputError.single(f"{text!r} is not a date", "--date", "use YYYY-MM-DD, 1900 to 9000")
    return day


def answers(what: str) -> Any:
    return option(None, "--answers", metavar="FILE", help=what)


def allow_incomplete() -> Any:
    return typer.Option(False, "--allow-incomplete", help="Use unfinished surveys too.")


def resume(what: str) -> Any:
    return typer.Option(False, "--resume", help=f"Continue an interrupted {what}.")


def force(what: str) -> Any:
    return typer.Option(False, "--force", help=f"Replace an existing {what}.")


def format_option(default: Enum) -> Any:
    return typer.Option(default, "--format", "-f")
