"""The command line: thin typer commands over the core, with errors and exit codes handled once.

Parameter annotations stay builtins, ``Path`` and ``Enum`` (typer evaluates them at run time),
and heavy libraries are imported inside the commands that need them.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from ownerdiag import __version__
from ownerdiag.errors import InputError

EXIT_OK, EXIT_TRIPPED, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130

# pydantic looks for plugins by scanning every installed package's entry points the first time a
# model is built: ~70 ms per command here, for plugins ownerdiag never uses. Set before any
# command imports pydantic; an explicit setting in the environment still wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


class _Group(TyperGroup):
    """Turns the core's errors into one-line messages and exit codes, in one place."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            if ctx.meta.get("ownerdiag.debug"):
                raise
            fail(exc)
        except KeyboardInterrupt:
            if ctx.meta.get("ownerdiag.debug"):
                raise
            typer.echo("\ninterrupted", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:  # `ownerdiag compare ... | head`: the reader left early
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_OK) from None


def fail(exc: InputError) -> NoReturn:
    for problem in exc.problems:
        typer.echo(str(problem), err=True)
    raise typer.Exit(EXIT_INPUT)


app = typer.Typer(
    cls=_Group,
    name="ownerdiag",
    help=(
        "Ask each revenue leader separately who owns what, then compare the answers.\n\n"
        "\b\nThe workflow:\n"
        "  ownerdiag banks                      # pick a question bank\n"
        "  ownerdiag survey --bank outbound --role cro --name 'Dana Reyes'\n"
        "  ownerdiag compare responses/*.yaml   # the lane-gap report"
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
bank_app = typer.Typer(
    cls=_Group,
    help="Show, validate and describe question banks.",
    rich_markup_mode=None,
    no_args_is_help=True,
)
app.add_typer(bank_app, name="bank")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ownerdiag {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    debug: bool = typer.Option(False, "--debug", help="Show full tracebacks for errors."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    ctx.meta["ownerdiag.debug"] = debug


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


BANK_DIR_HELP = "Folder of your own banks (repeatable); also read from OWNERDIAG_BANK_DIR."


def bank_dir_option() -> Any:
    return typer.Option(
        None,
        "--bank-dir",
        metavar="DIR",
        help=BANK_DIR_HELP,
        envvar="OWNERDIAG_BANK_DIR",
        show_default=False,
    )


def load_comparison(
    files: list[Path], bank: str | None, bank_dir: list[Path] | None, allow_incomplete: bool
) -> Any:
    from ownerdiag.core import engine
    from ownerdiag.files import collect

    bank_model, responses = collect.gather(
        files, bank_ref=bank, bank_dirs=bank_dir or [], allow_incomplete=allow_incomplete
    )
    return engine.compare(bank_model, responses)


def response_files_argument(help: str) -> Any:
    return typer.Argument(..., metavar="FILE", help=help, show_default=False)


def out_option(what: str) -> Any:
    return typer.Option(
        None,
        "--out",
        "-o",
        metavar="FILE",
        help=f"Write the {what} to this file.",
        show_default=False,
    )


def allow_incomplete_option() -> Any:
    return typer.Option(False, "--allow-incomplete", help="Use unfinished surveys too.")


def bank_option() -> Any:
    return typer.Option(
        None,
        "--bank",
        "-b",
        metavar="ID|PATH",
        help="The bank file the responses answered (default: found by id).",
        show_default=False,
    )


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@app.command("banks", epilog="Example: ownerdiag banks --format json")
def banks_command(
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f"),
    bank_dir: list[Path] = bank_dir_option(),
) -> None:
    """List the question banks: built-in ones and those in --bank-dir folders."""
    from ownerdiag.files import banks
    from ownerdiag.render import bankview

    found, problems = banks.discover(bank_dir or [])
    for problem in problems:
        typer.echo(f"{problem} (skipped)", err=True)
    if format is TableOrJson.json:
        print_json([bankview.bank_summary(entry) for entry in found])
    else:
        bankview.print_bank_list(found)


@bank_app.command("show", epilog="Example: ownerdiag bank show outbound --format json")
def bank_show(
    bank: str = typer.Argument(
        ..., metavar="ID|PATH", help="A bank id, or the path of a bank file."
    ),
    format: BankFormat = typer.Option(BankFormat.table, "--format", "-f"),
    bank_dir: list[Path] = bank_dir_option(),
) -> None:
    """Show one bank: its roles, lanes and every question with the framework's answer."""
    from ownerdiag.files import banks
    from ownerdiag.render import bankview

    entry = banks.resolve(bank, bank_dir or [])
    if format is BankFormat.json:
        print_json(bankview.bank_json(entry.bank))
    elif format is BankFormat.yaml:
        from ownerdiag.files.yamlio import dump_yaml

        typer.echo(dump_yaml(bankview.bank_json(entry.bank)), nl=False)
    else:
        bankview.print_bank(entry.bank)


@bank_app.command("validate", epilog="Example: ownerdiag bank validate my-banks/*.yaml")
def bank_validate(
    paths: list[Path] = typer.Argument(..., metavar="PATH", help="Bank files to check."),
) -> None:
    """Check bank files; print one line per problem with file:line:column. Exit 2 if any fail."""
    from ownerdiag.files import banks

    problems = []
    for path in paths:
        try:
            bank = banks.load_bank(path)
        except InputError as exc:
            problems.extend(exc.problems)
        else:
            typer.echo(f"{path}: ok — {bank.id} {bank.version}, {len(bank.questions)} questions")
    if problems:
        fail(InputError(problems))


@bank_app.command("schema", epilog="Example: ownerdiag bank schema > bank.schema.json")
def bank_schema(
    schema_for: SchemaFor = typer.Option(SchemaFor.bank, "--for", help="Which file format."),
) -> None:
    """Print the JSON Schema of bank, response or decisions files, for editor completion."""
    from ownerdiag.core.models import Bank, Decisions, Response

    model = {SchemaFor.bank: Bank, SchemaFor.response: Response, SchemaFor.decisions: Decisions}
    print_json(model[schema_for].model_json_schema())


SURVEY_EPILOG = """\b
Examples:
  ownerdiag survey --bank outbound --role cro --name "Dana Reyes"
  ownerdiag survey --bank outbound --role cro --name "Dana Reyes" --resume
  ownerdiag form --bank outbound --role vp_sales > vp.yaml   # fill it in, then:
  ownerdiag survey --bank outbound --role vp_sales --name "Sam Ortiz" --answers vp.yaml
"""


@app.command("survey", epilog=SURVEY_EPILOG)
def survey_command(
    bank: str = typer.Option(
        ..., "--bank", "-b", metavar="ID|PATH", help="Bank id or path of a bank file."
    ),
    role: str = typer.Option(
        ..., "--role", "-r", metavar="ROLE", help="The role you answer as, e.g. cro."
    ),
    name: str = typer.Option(
        "",
        "--name",
        "-n",
        metavar="NAME",
        help="Your name; asked for if not given.",
        show_default=False,
    ),
    out: Path = typer.Option(
        None,
        "--out",
        "-o",
        metavar="FILE",
        help="Response file. Default: responses/BANK-ROLE-NAME.yaml",
        show_default=False,
    ),
    answers: Path = typer.Option(
        None,
        "--answers",
        metavar="FILE",
        help="Answer from a YAML/JSON file (question id: answer) instead of prompts.",
        show_default=False,
    ),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted survey."),
    force: bool = typer.Option(False, "--force", help="Replace an existing response file."),
    bank_dir: list[Path] = bank_dir_option(),
) -> None:
    """Answer a question bank alone, in the terminal (or from a file with --answers).

    Progress is saved after every answer; Ctrl-C keeps it and prints how to resume.
    """
    from ownerdiag.files import banks, responses, storage
    from ownerdiag.files.yamlio import read_yaml

    entry = banks.resolve(bank, bank_dir or [])
    responses.check_role(entry.bank, role)
    name = name.strip()
    if answers is not None:
        if not name:
            raise InputError.single("--name is required with --answers", "--name")
        target = out or responses.default_out(entry.bank.id, role, name)
        storage.refuse_overwrite(target, force, "response file")
        parsed = responses.parse_answers(entry.bank, read_yaml(answers))
        started = responses.utc_now()
        response = responses.start(entry.bank, role, name, started)
        response = response.model_copy(update={"answers": parsed})
        response = responses.finish(entry.bank, response, started)
        storage.write_atomic(target, responses.to_yaml(response), force=force)
        typer.echo(f"Saved {len(parsed)} answers to {target}", err=True)
        return
    if not sys.stdin.isatty():
        raise InputError.single(
            "no terminal to ask the questions on",
            "survey",
            f"answer from a file instead: ownerdiag form --bank {entry.bank.id} --role {role} "
            "> answers.yaml, fill it in, then add --answers answers.yaml",
        )
    from ownerdiag.interactive import interview

    interview.run_in_terminal(entry, bank, role, name, out, resume=resume, force=force)


@app.command("form", epilog="Example: ownerdiag form --bank outbound --role cro > cro-answers.yaml")
def form_command(
    bank: str = typer.Option(
        ..., "--bank", "-b", metavar="ID|PATH", help="Bank id or path of a bank file."
    ),
    role: str = typer.Option(
        None, "--role", "-r", metavar="ROLE", help="The role who will fill it in."
    ),
    bank_dir: list[Path] = bank_dir_option(),
) -> None:
    """Print a commented answer template to fill in with any editor, for survey --answers."""
    from ownerdiag.files import banks, responses
    from ownerdiag.render.form import answer_form

    entry = banks.resolve(bank, bank_dir or [])
    if role:
        responses.check_role(entry.bank, role)
    typer.echo(answer_form(entry.bank, role), nl=False)


class ReportFormat(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"


class FailOn(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


COMPARE_EPILOG = """\b
Examples:
  ownerdiag compare responses/cro.yaml responses/vp.yaml
  ownerdiag compare responses/*.yaml --format html --out report.html
  ownerdiag compare cro.yaml vp.yaml --fail-on high   # exit 1 if any high-severity conflict
"""


@app.command("compare", epilog=COMPARE_EPILOG)
def compare_command(
    files: list[Path] = response_files_argument("Two or more response files."),
    format: ReportFormat = typer.Option(ReportFormat.terminal, "--format", "-f"),
    out: Path = out_option("report"),
    fail_on: FailOn = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 if any conflict is at least this severe.",
        show_default=False,
    ),
    allow_incomplete: bool = allow_incomplete_option(),
    bank: str = bank_option(),
    bank_dir: list[Path] = bank_dir_option(),
) -> None:
    """Line the responses up against each other and the framework: the lane-gap report."""
    from ownerdiag.core import engine

    comparison = load_comparison(files, bank, bank_dir, allow_incomplete)
    emit_report(comparison, format, out)
    if fail_on is not None:
        threshold = engine.Severity(fail_on.value).rank
        if any(item.severity.rank >= threshold for item in comparison.items):
            raise typer.Exit(EXIT_TRIPPED)


def emit_report(comparison: Any, format: ReportFormat, out: Path | None) -> None:
    def data() -> Any:
        from ownerdiag.render.report_json import comparison_json

        return comparison_json(comparison)

    def view() -> Any:
        from ownerdiag.render.view import report_view

        return report_view(comparison)

    def terminal(console: Any) -> None:
        from ownerdiag.render.terminal import print_report

        print_report(comparison, console)

    deliver(format, out, data=data, view=view, template="report", terminal=terminal)


def deliver(
    format: ReportFormat,
    out: Path | None,
    *,
    data: Any,
    view: Any,
    template: str,
    terminal: Any,
) -> None:
    """Print or write one result in the chosen format (terminal output to a file is plain)."""
    if format is ReportFormat.json:
        text = json.dumps(data(), indent=2, ensure_ascii=False) + "\n"
    elif format in (ReportFormat.markdown, ReportFormat.html):
        from ownerdiag.render.templating import render

        suffix = "md" if format is ReportFormat.markdown else "html"
        text = render(f"{template}.{suffix}.j2", **view())
    else:
        from ownerdiag.render.console import make_console

        if out is None:
            terminal(make_console())
            return
        import io

        buffer = io.StringIO()
        terminal(make_console(file=buffer, width=100, plain=True))
        text = buffer.getvalue()
    write_or_print(text, out)


def write_or_print(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text, nl=False)
    else:
        from ownerdiag.files.storage import write_atomic

        write_atomic(out, text, mode=0o644)
        typer.echo(f"Wrote {out}", err=True)


RESOLVE_EPILOG = """\b
Examples:
  ownerdiag resolve responses/*.yaml --out decisions.yaml
  ownerdiag resolve responses/*.yaml --out decisions.yaml --resume
  ownerdiag resolve responses/*.yaml --answers agreed.yaml --out decisions.yaml
  (agreed.yaml maps question id to the agreed answer, or to {decision: ..., note: ...})
"""


@app.command("resolve", epilog=RESOLVE_EPILOG)
def resolve_command(
    files: list[Path] = response_files_argument("The response files."),
    out: Path = typer.Option(
        Path("decisions.yaml"), "--out", "-o", metavar="FILE", help="Decisions file."
    ),
    answers: Path = typer.Option(
        None,
        "--answers",
        metavar="FILE",
        help="Take the decisions from a YAML file instead of prompts.",
        show_default=False,
    ),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted meeting."),
    force: bool = typer.Option(False, "--force", help="Replace an existing decisions file."),
    allow_incomplete: bool = allow_incomplete_option(),
    bank: str = bank_option(),
    bank_dir: list[Path] = bank_dir_option(),
) -> None:
    """Walk through every conflict, worst first, and record what the room agrees."""
    from ownerdiag.files import resolution, storage
    from ownerdiag.files.responses import utc_now

    comparison = load_comparison(files, bank, bank_dir, allow_incomplete)
    items = resolution.agenda(comparison)
    if answers is not None:
        from ownerdiag.files.yamlio import read_yaml

        storage.refuse_overwrite(out, force, "decisions file")
        decided = resolution.parse_input(comparison.bank, read_yaml(answers))
        decisions = resolution.start(comparison.bank, comparison.responses, utc_now())
        decisions = decisions.model_copy(update={"decisions": decided})
        decisions = resolution.finish(decisions, items, utc_now())
        storage.write_atomic(out, resolution.to_yaml(decisions), force=force)
    else:
        if not sys.stdin.isatty():
            raise InputError.single(
                "no terminal to run the meeting on",
                "resolve",
                "give the decisions with --answers FILE (question id: agreed answer)",
            )
        from ownerdiag.interactive import meeting

        command = ["ownerdiag", "resolve", *map(str, files), "--out", str(out)]
        decisions = meeting.run_in_terminal(
            comparison, items, out, command, resume=resume, force=force
        )
    still_open = len(resolution.open_items(decisions, items))
    typer.echo(
        f"Saved {out}: {len(items) - still_open} of {len(items)} conflicts settled, "
        f"{still_open} still open",
        err=True,
    )


class DocFormat(str, Enum):
    markdown = "markdown"
    html = "html"


CHARTER_EPILOG = """\b
Examples:
  ownerdiag charter responses/*.yaml --decisions decisions.yaml --out charter.md
  ownerdiag charter responses/*.yaml --decisions decisions.yaml --format html --out charter.html
"""


@app.command("charter", epilog=CHARTER_EPILOG)
def charter_command(
    files: list[Path] = response_files_argument("The response files."),
    decisions: Path = typer.Option(
        None,
        "--decisions",
        "-d",
        metavar="FILE",
        help="Decisions from ownerdiag resolve.",
        show_default=False,
    ),
    format: DocFormat = typer.Option(DocFormat.markdown, "--format", "-f"),
    out: Path = out_option("charter"),
    on: str = typer.Option(
        None,
        "--date",
        metavar="YYYY-MM-DD",
        help="Date of the agreement, YYYY-MM-DD (default: today).",
        show_default=False,
    ),
    allow_incomplete: bool = allow_incomplete_option(),
    bank: str = bank_option(),
    bank_dir: list[Path] = bank_dir_option(),
) -> None:
    """Write the ownership agreement: who owns what, what is still open, when to review it."""
    from datetime import date

    from ownerdiag.files import resolution
    from ownerdiag.render.charter_view import charter_view
    from ownerdiag.render.templating import render

    try:
        today = date.fromisoformat(on) if on else date.today()
    except ValueError:
        raise InputError.single(f"{on!r} is not a date", "--date", "use YYYY-MM-DD") from None
    comparison = load_comparison(files, bank, bank_dir, allow_incomplete)
    settled = resolution.load(decisions, comparison.bank) if decisions else None
    suffix = "md" if format is DocFormat.markdown else "html"
    text = render(f"charter.{suffix}.j2", **charter_view(comparison, settled, today))
    write_or_print(text, out)


TREND_EPILOG = """\b
Examples:
  ownerdiag trend responses/2026-q3 responses/2026-q4
  ownerdiag trend examples/outbound examples/outbound-next-quarter --format html --out trend.html
Each folder holds one round's response files (and, optionally, the bank file they answered).
"""


@app.command("trend", epilog=TREND_EPILOG)
def trend_command(
    rounds: list[Path] = typer.Argument(
        ..., help="Two or more folders, one per round, oldest first.", show_default=False
    ),
    format: ReportFormat = typer.Option(ReportFormat.terminal, "--format", "-f"),
    out: Path = out_option("trend"),
    allow_incomplete: bool = allow_incomplete_option(),
    bank_dir: list[Path] = bank_dir_option(),
) -> None:
    """Show which conflicts closed, opened or persisted between rounds, and how scores moved."""
    from ownerdiag.core import engine
    from ownerdiag.core import trend as trends
    from ownerdiag.files import collect
    from ownerdiag.render.trend_terminal import print_trend
    from ownerdiag.render.trend_view import trend_view

    if len(rounds) < 2:
        raise InputError.single(
            "a trend needs two or more rounds", "trend", "give one folder of responses per round"
        )
    followed = []
    for folder in rounds:
        bank_model, responses = collect.gather_round(folder, bank_dir or [], allow_incomplete)
        label = folder.resolve().name
        followed.append(trends.Round(label, engine.compare(bank_model, responses)))
    view = trend_view(trends.trend(followed))
    deliver(
        format,
        out,
        data=lambda: view,
        view=lambda: view,
        template="trend",
        terminal=lambda console: print_trend(view, console),
    )


def main() -> None:
    """Console-script entry point."""
    app()
