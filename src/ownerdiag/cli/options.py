"""Options and choices shared by the commands, defined once.

Parameter types are ``Annotated`` builtins, ``Path`` and ``Enum``: typer evaluates them at run
time.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ownerdiag.app.formats import DOCUMENTS


def formats_of(document: str) -> Any:
    """The formats that write ``document``, as the choices of a --format option."""
    names = DOCUMENTS[document]
    return Enum(f"{document.title()}Format", {name: name for name in names}, type=str)


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
    engagement = "engagement"


class ColorWhen(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class FailOn(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


def _option(*names: str, help: str, metavar: str | None = None, **extra: Any) -> Any:
    return typer.Option(*names, metavar=metavar, help=help, show_default=False, **extra)


# Parameter types: each option is declared once and used as `name: opt.Type = default`.
BankDirs = Annotated[
    list[Path] | None,
    _option(
        "--bank-dir",
        metavar="DIR",
        help="Folder of your own banks (repeatable); also read from OWNERDIAG_BANK_DIR.",
        envvar="OWNERDIAG_BANK_DIR",
    ),
]
BankToAnswer = Annotated[
    str, _option("--bank", "-b", metavar="ID|PATH", help="Bank id or path of a bank file.")
]
BankAnswered = Annotated[
    str | None,
    _option("--bank", "-b", metavar="ID|PATH", help="The bank file the responses answered."),
]
ResponseFiles = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="FILE",
        help="Response files, one per person; inside an engagement folder, by default the "
        "current round's.",
        show_default=False,
    ),
]
Out = Annotated[Path | None, _option("--out", "-o", metavar="FILE", help="Write it to this file.")]
Force = Annotated[bool, typer.Option("--force", help="Replace an existing --out file.")]
Color = Annotated[
    ColorWhen,
    typer.Option(
        "--color", help="Colour in the terminal: auto (not when piped, NO_COLOR or TERM=dumb)."
    ),
]
NoPager = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Never page. By default a report taller than the terminal opens in "
        "$OWNERDIAG_PAGER, $PAGER or less, at the top.",
    ),
]
Title = Annotated[
    str,
    _option(
        "--title",
        metavar="TEXT",
        help="Name the document after the organisation, e.g. 'Acme Corp'; shown on every "
        "printed page.",
    ),
]
ShowAll = Annotated[bool, typer.Option("--all", help="Show aligned items in the lane tables too.")]
Resume = Annotated[bool, typer.Option("--resume", help="Continue saved progress, no question.")]
Plain = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="Line-by-line questions for screen readers: no drawing, colour or escape sequences "
        "(also when TERM=dumb).",
    ),
]
Restart = Annotated[bool, typer.Option("--restart", help="Start over, dropping saved progress.")]


RoundName = Annotated[
    str | None,
    _option(
        "--round",
        metavar="NAME",
        help="Inside an engagement: this round's responses (default: the round folder you are "
        "in, else the current round).",
    ),
]
AllowIncomplete = Annotated[
    bool, typer.Option("--allow-incomplete", help="Use unfinished surveys too.")
]
AnswersFile = Annotated[
    Path | None,
    _option("--answers", metavar="FILE", help="Take the answers from a YAML file, not prompts."),
]
Role = Annotated[str, _option("--role", "-r", metavar="ROLE", help="A role of the bank, e.g. cro.")]
Name = Annotated[str, _option("--name", "-n", metavar="NAME", help="Your name (else asked).")]


def value(choice: Enum | None) -> Any:
    """The value of an optional choice, or ``None``."""
    return None if choice is None else choice.value


def format_option(document: str) -> Any:
    """``--format`` offering exactly the formats that write ``document``."""
    default = DOCUMENTS[document][0]
    hint = "the terminal" if default == "terminal" else default
    return Annotated[
        formats_of(document) | None,
        typer.Option("--format", "-f", help=f"Default: from --out's extension, else {hint}."),
    ]


Format = format_option("report")
TrendFormat = format_option("trend")
PortfolioFormat = format_option("portfolio")
CharterFormat = format_option("charter")
FormFormat = format_option("form")
MeetingFormat = format_option("meeting")
ListFormat = Annotated[TableOrJson, typer.Option("--format", "-f")]
ShowFormat = Annotated[BankFormat, typer.Option("--format", "-f")]
FailOnOpt = Annotated[
    FailOn | None, _option("--fail-on", help="Exit 1 if any conflict is at least this severe.")
]
Decisions = Annotated[
    Path | None, _option("--decisions", "-d", metavar="FILE", help="Decisions from resolve.")
]
Date = Annotated[
    str | None, _option("--date", metavar="YYYY-MM-DD", help="Date of the agreement (today).")
]
