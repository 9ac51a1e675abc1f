"""The command line: argument parsing over the library, errors and exit codes handled once.

Each command parses its options and hands off; heavy libraries are imported inside the
commands that need them.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from ownerdiag import __version__
from ownerdiag.cli import options as opt
from ownerdiag.cli.exits import exit_tripped, new_typer, remember_tripped
from ownerdiag.errors import InputError

# pydantic looks for plugins by scanning every installed package's entry points the first time a
# model is built: ~70 ms per command here, for plugins ownerdiag never uses. Set before any
# command imports pydantic; an explicit setting in the environment still wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

app = new_typer(
    "Ask each revenue leader separately who owns what, then compare the answers.\n\n"
    "\b\nThe workflow:\n"
    "  ownerdiag banks                      # pick a question bank\n"
    "  ownerdiag survey --bank outbound --role cro --name 'Dana Reyes'\n"
    "  ownerdiag compare responses/*.yaml   # the lane-gap report"
)
bank_app = new_typer("Show, validate and describe question banks.")
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


@app.command("banks", epilog="Example: ownerdiag banks --format json")
def banks_command(
    format: opt.TableOrJson = opt.format_option(opt.TableOrJson.table),
    bank_dir: list[Path] = opt.bank_dir(),
) -> None:
    """List the question banks: built-in ones and those in --bank-dir folders."""
    from ownerdiag.render import bankview

    bankview.list_banks(bank_dir or [], as_json=format is opt.TableOrJson.json)


@bank_app.command("show", epilog="Example: ownerdiag bank show outbound --format json")
def bank_show(
    bank: str = opt.argument("A bank id, or the path of a bank file.", "ID|PATH"),
    format: opt.BankFormat = opt.format_option(opt.BankFormat.table),
    bank_dir: list[Path] = opt.bank_dir(),
) -> None:
    """Show one bank: its roles, lanes and every question with the framework's answer."""
    from ownerdiag.files.banks import resolve
    from ownerdiag.render import bankview

    bankview.show_bank(resolve(bank, bank_dir or []).bank, format.value)


@bank_app.command("validate", epilog="Example: ownerdiag bank validate my-banks/*.yaml")
def bank_validate(
    paths: list[Path] = opt.argument("Bank files to check.", "PATH"),
) -> None:
    """Check bank files; print one line per problem with file:line:column. Exit 2 if any fail."""
    from ownerdiag.render import bankview

    bankview.validate_banks(paths)


@bank_app.command("schema", epilog="Example: ownerdiag bank schema > bank.schema.json")
def bank_schema(
    schema_for: opt.SchemaFor = typer.Option(opt.SchemaFor.bank, "--for", help="Which file."),
) -> None:
    """Print the JSON Schema of bank, response or decisions files, for editor completion."""
    from ownerdiag.render import bankview

    bankview.print_schema(schema_for.value)


SURVEY_EPILOG = """\b
Examples:
  ownerdiag survey --bank outbound --role cro --name "Dana Reyes"
  ownerdiag survey --bank outbound --role cro --name "Dana Reyes" --resume
  ownerdiag form --bank outbound --role vp_sales > vp.yaml   # fill it in, then:
  ownerdiag survey --bank outbound --role vp_sales --name "Sam Ortiz" --answers vp.yaml
"""


@app.command("survey", epilog=SURVEY_EPILOG)
def survey_command(
    bank: str = opt.bank_to_answer(),
    role: str = opt.role(..., "The role you answer as, e.g. cro."),
    name: str = opt.option(
        "", "--name", "-n", metavar="NAME", help="Your name (asked if not given)."
    ),
    out: Path = opt.out("response file (default: responses/BANK-ROLE-NAME.yaml)"),
    answers: Path = opt.answers("Answer from a YAML/JSON file (question id: answer)."),
    resume: bool = opt.resume("survey"),
    force: bool = opt.force("response file"),
    bank_dir: list[Path] = opt.bank_dir(),
) -> None:
    """Answer a question bank alone, in the terminal (or from a file with --answers).

    Progress is saved after every answer; Ctrl-C keeps it and prints how to resume.
    """
    from ownerdiag.files.banks import resolve
    from ownerdiag.interactive import jobs

    found = resolve(bank, bank_dir or []).bank
    opt.check_role(found, role)
    if answers is not None and not name.strip():
        raise InputError.single("--name is required with --answers", "--name")
    response, target = jobs.survey(
        found,
        role,
        name.strip(),
        out,
        bank_ref=bank,
        answers_file=answers,
        resume=resume,
        force=force,
    )
    typer.echo(f"Saved {len(response.answers)} answers to {target}", err=True)


@app.command("form", epilog="Example: ownerdiag form --bank outbound --role cro > cro-answers.yaml")
def form_command(
    bank: str = opt.bank_to_answer(),
    role: str = opt.role(None, "The role who will fill it in."),
    bank_dir: list[Path] = opt.bank_dir(),
) -> None:
    """Print a commented answer template to fill in with any editor, for survey --answers."""
    from ownerdiag.files.banks import resolve
    from ownerdiag.render.form import answer_form

    found = resolve(bank, bank_dir or []).bank
    if role:
        opt.check_role(found, role)
    typer.echo(answer_form(found, role), nl=False)


COMPARE_EPILOG = """\b
Examples:
  ownerdiag compare responses/cro.yaml responses/vp.yaml
  ownerdiag compare responses/*.yaml --format html --out report.html
  ownerdiag compare cro.yaml vp.yaml --fail-on high   # exit 1 if any high-severity conflict
"""


@app.command("compare", epilog=COMPARE_EPILOG)
def compare_command(
    ctx: typer.Context,
    files: list[Path] = opt.argument("Two or more response files.", "FILE"),
    format: opt.ReportFormat = opt.format_option(opt.ReportFormat("terminal")),
    out: Path = opt.out("report"),
    fail_on: opt.FailOn = opt.option(
        None, "--fail-on", help="Exit 1 if any conflict is at least this severe."
    ),
    force: bool = opt.force("output file"),
    allow_incomplete: bool = opt.allow_incomplete(),
    bank: str = opt.bank_answered(),
    bank_dir: list[Path] = opt.bank_dir(),
) -> None:
    """Line the responses up against each other and the framework: the lane-gap report."""
    from ownerdiag.files.collect import compare_files
    from ownerdiag.render.formats import deliver

    comparison = compare_files(files, bank, bank_dir, allow_incomplete)
    remember_tripped(ctx, fail_on is not None and comparison.reaches(fail_on.value))
    deliver("report", format.value, comparison, out, force=force, inputs=files)
    exit_tripped(ctx)


RESOLVE_EPILOG = """\b
Examples:
  ownerdiag resolve responses/*.yaml --out decisions.yaml
  ownerdiag resolve responses/*.yaml --out decisions.yaml --resume
  ownerdiag resolve responses/*.yaml --answers agreed.yaml --out decisions.yaml
  (agreed.yaml maps question id to the agreed answer, or to {decision: ..., note: ...})
"""


@app.command("resolve", epilog=RESOLVE_EPILOG)
def resolve_command(
    files: list[Path] = opt.argument("The response files.", "FILE"),
    out: Path = opt.out("decisions", Path("decisions.yaml")),
    answers: Path = opt.answers("Take the decisions from a YAML file instead of prompts."),
    resume: bool = opt.resume("meeting"),
    force: bool = opt.force("decisions file"),
    allow_incomplete: bool = opt.allow_incomplete(),
    bank: str = opt.bank_answered(),
    bank_dir: list[Path] = opt.bank_dir(),
) -> None:
    """Walk through every conflict, worst first, and record what the room agrees."""
    from ownerdiag.core.decisions import agenda, open_items
    from ownerdiag.files.collect import compare_files
    from ownerdiag.interactive import jobs

    comparison = compare_files(files, bank, bank_dir, allow_incomplete)
    items = agenda(comparison)
    decisions = jobs.meeting(comparison, items, files, out, answers, resume=resume, force=force)
    still_open = len(open_items(decisions, items))
    typer.echo(
        f"Saved {out}: {len(items) - still_open} of {len(items)} conflicts settled, "
        f"{still_open} still open",
        err=True,
    )


CHARTER_EPILOG = """\b
Examples:
  ownerdiag charter responses/*.yaml --decisions decisions.yaml --out charter.md
  ownerdiag charter responses/*.yaml --decisions decisions.yaml --format html --out charter.html
"""


@app.command("charter", epilog=CHARTER_EPILOG)
def charter_command(
    files: list[Path] = opt.argument("The response files.", "FILE"),
    decisions: Path = opt.option(
        None, "--decisions", "-d", metavar="FILE", help="Decisions from ownerdiag resolve."
    ),
    format: opt.DocFormat = opt.format_option(opt.DocFormat.markdown),
    out: Path = opt.out("charter"),
    on: str = opt.option(
        None, "--date", metavar="YYYY-MM-DD", help="Date of the agreement (default: today)."
    ),
    force: bool = opt.force("output file"),
    allow_incomplete: bool = opt.allow_incomplete(),
    bank: str = opt.bank_answered(),
    bank_dir: list[Path] = opt.bank_dir(),
) -> None:
    """Write the ownership agreement: who owns what, what is still open, when to review it."""
    from ownerdiag.core.charter import draft
    from ownerdiag.files.collect import compare_files
    from ownerdiag.files.documents import load_decisions
    from ownerdiag.render.formats import deliver

    today = opt.agreement_date(on)
    comparison = compare_files(files, bank, bank_dir, allow_incomplete)
    settled = (
        load_decisions(decisions, comparison.bank, comparison.responses) if decisions else None
    )
    inputs = [*files, *([decisions] if decisions else [])]
    deliver(
        "charter", format.value, draft(comparison, settled, today), out, force=force, inputs=inputs
    )


TREND_EPILOG = """\b
Examples:
  ownerdiag trend responses/2026-q3 responses/2026-q4
  ownerdiag trend examples/outbound examples/outbound-next-quarter --format html --out trend.html
Each folder holds one round's response files (and, optionally, the bank file they answered).
"""


@app.command("trend", epilog=TREND_EPILOG)
def trend_command(
    rounds: list[Path] = opt.argument("Two or more folders, one per round, oldest first."),
    format: opt.ReportFormat = opt.format_option(opt.ReportFormat("terminal")),
    out: Path = opt.out("trend"),
    force: bool = opt.force("output file"),
    allow_incomplete: bool = opt.allow_incomplete(),
    bank_dir: list[Path] = opt.bank_dir(),
) -> None:
    """Show which conflicts closed, opened or persisted between rounds, and how scores moved."""
    from ownerdiag.files.collect import follow_rounds
    from ownerdiag.render.formats import deliver

    result = follow_rounds(rounds, bank_dir or [], allow_incomplete)
    inputs = [path for folder in rounds for path in folder.iterdir()]
    deliver("trend", format.value, result, out, force=force, inputs=inputs)


def main() -> None:
    """Console-script entry point."""
    app()
