"""Options and choices shared by the commands, defined once.

Parameter types are ``Annotated`` builtins, ``Path`` and ``Enum``: typer evaluates them at run
time.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ownerdiag.cli.exits import ARGV
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
    engagement = "engagement"


class FormFormat(str, Enum):
    yaml = "yaml"
    html = "html"


FORM_SUFFIXES = {".html": "html", ".htm": "html", ".yaml": "yaml", ".yml": "yaml"}


def form_format(format: FormFormat | None, out: Path | None) -> str:
    """The form's format: as asked, else as --out's extension says, else YAML."""
    named = FORM_SUFFIXES.get(out.suffix.lower()) if out is not None else None
    if format is not None and named is not None and named != format.value:
        raise InputError.single(
            f"the file name says {named} but --format says {format.value}",
            str(out),
            "make them agree",
        )
    return format.value if format is not None else named or "yaml"


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


def continuing(resume: bool, restart: bool) -> bool | None:
    """--resume, --restart, or neither: ask if progress is saved."""
    if resume and restart:
        raise InputError.single("--resume and --restart contradict each other", "--restart")
    return True if resume else False if restart else None


AllowIncomplete = Annotated[
    bool, typer.Option("--allow-incomplete", help="Use unfinished surveys too.")
]
AnswersFile = Annotated[
    Path | None,
    _option("--answers", metavar="FILE", help="Take the answers from a YAML file, not prompts."),
]
Role = Annotated[str, _option("--role", "-r", metavar="ROLE", help="A role of the bank, e.g. cro.")]
Name = Annotated[str, _option("--name", "-n", metavar="NAME", help="Your name (else asked).")]
_FORMAT_HELP = (
    "Default: from --out's extension (.md, .html, .json, .csv, .xlsx, .txt), else the terminal."
)
Format = Annotated[ReportFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)]
ListFormat = Annotated[TableOrJson, typer.Option("--format", "-f")]
ShowFormat = Annotated[BankFormat, typer.Option("--format", "-f")]
CharterFormat = Annotated[
    DocFormat | None,
    typer.Option("--format", "-f", help="Default: from --out's extension, else markdown."),
]
FailOnOpt = Annotated[
    FailOn | None, _option("--fail-on", help="Exit 1 if any conflict is at least this severe.")
]
Decisions = Annotated[
    Path | None, _option("--decisions", "-d", metavar="FILE", help="Decisions from resolve.")
]
Date = Annotated[
    str | None, _option("--date", metavar="YYYY-MM-DD", help="Date of the agreement (today).")
]


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


def check_survey_input(answers: Path | None, name: str, bank: str, role: str) -> None:
    """Answers from a file need a name; answers from prompts need a terminal."""
    if answers is not None and not name.strip():
        raise InputError.single("--name is required with --answers", "--name")
    if answers is None:
        require_terminal(
            "ask the questions",
            f"answer from a file instead: ownerdiag form --bank {bank} --role {role} "
            "> answers.yaml, fill it in, then add --answers answers.yaml",
        )


def require_terminal(what: str, how: str) -> None:
    if not sys.stdin.isatty():
        raise InputError.single(f"no terminal to {what} on", "", how)


def continue_command(ctx: typer.Context) -> Callable[..., list[str]]:
    """The command as it was run, without ``--out``, ``--force`` or ``--resume``: given the file
    being filled in (and the name asked for, if any), the command that continues it."""
    ran, kept = list(ctx.meta.get(ARGV, [])), []
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


def inputs(files: list[Path], bank: str | None) -> list[Path]:
    """The files a command reads, never to be written over: ``files``, and the bank when it
    was given as a path."""
    from ownerdiag.files.banks import named_file

    path = named_file(bank)
    return [*files, *([path] if path else [])]


def print_meeting_review(comparison: Any, decisions: Any) -> None:
    """What the meeting settled, on stderr, one line per item: the screen before the charter."""
    from datetime import date as day

    from ownerdiag.core.charter import draft
    from ownerdiag.core.text import literal
    from ownerdiag.render.charter_view import decisions_review

    lines = decisions_review(comparison, draft(comparison, decisions, day.min))
    if lines:
        typer.echo("\nThe meeting's decisions:", err=True)
        for line in lines:
            typer.echo(literal(line), err=True)


def survey_target(
    bank: str, role: str, name: str, person: str, out: Path | None, bank_dirs: list[Path]
) -> tuple[Any, str, str, Path | None]:
    """The bank, role, name and output file of a survey: as given, or, with ``--person``, from
    the engagement the working folder is in."""
    from ownerdiag.files.banks import resolve

    if not person:
        if not bank or not role:
            raise InputError.single(
                "which bank and role?",
                "--bank",
                "give --bank and --role, or --person NAME inside an engagement folder",
            )
        return resolve(bank, bank_dirs).bank, role, name, out
    from ownerdiag.files import engagements

    found = engagements.required()
    invited = found.engagement.person(person)
    if invited is not None and ((role and role != invited.role) or (name and name != invited.name)):
        raise InputError.single(
            f"--person {person!r} is {invited.name} ({invited.role}) in this engagement",
            "--person",
            "leave --role and --name out: they come from ownerdiag.yaml",
        )
    if invited is None:
        names = ", ".join(p.name for p in found.engagement.people)
        raise InputError.single(
            f"{person!r} is not invited to this engagement", "--person", f"invited: {names}"
        )
    chosen = found.bank(bank_dirs)
    if bank and resolve(bank, bank_dirs).bank.id != chosen.id:
        raise InputError.single(
            f"this engagement answers bank {chosen.id}, not {bank}", "--bank", "leave --bank out"
        )
    target = out or engagements.response_out(found, chosen, invited.role, invited.name)
    return chosen, invited.role, invited.name, target


def response_files(
    files: list[Path] | None, bank: str | None, title: str, bank_dirs: list[Path]
) -> tuple[list[Path], str | None, str]:
    """The files, bank and title given; or, with no files, the current round of the engagement
    the working folder is in: its responses, its bank, and the client and round as the title."""
    if files:
        return files, bank, title.strip()
    from ownerdiag.files import engagements
    from ownerdiag.files.banks import resolve

    found = engagements.required()
    chosen = bank or found.bank_ref()
    done = engagements.round_responses(found, resolve(chosen, bank_dirs).bank)
    return done, chosen, title.strip() or found.title()


def trend_rounds(
    rounds: list[Path] | None, labels: list[str] | None
) -> tuple[list[Path], list[str] | None, str | None, str]:
    """The folders given; or, with none, every round of the engagement, labelled by name, with
    the engagement's bank file and the client as the title."""
    if rounds:
        return rounds, labels, None, ""
    from ownerdiag.files import engagements

    found = engagements.required()
    folders = [found.round_dir(r) for r in found.engagement.rounds]
    names = labels or [r.name for r in found.engagement.rounds]
    return folders, names, found.bank_file(), found.engagement.client
