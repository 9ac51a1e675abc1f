"""The command line: argument parsing over the library, errors and exit codes handled once.

Each command parses its options and hands off; heavy libraries are imported inside the
commands that need them.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Annotated

import typer

from ownerdiag import __version__
from ownerdiag.cli import options as opt
from ownerdiag.cli.exits import EXIT_TABLE, exit_tripped, new_typer, remember_tripped
from ownerdiag.errors import InputError

# pydantic looks for plugins by scanning every installed package's entry points the first time a
# model is built: ~70 ms per command here, for plugins ownerdiag never uses. Set before any
# command imports pydantic; an explicit setting in the environment still wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

app = new_typer(
    "Ask each revenue leader separately who owns what, then compare the answers.\n\n"
    "\b\nThe workflow:\n"
    "  ownerdiag banks                        # pick a question bank and see its roles\n"
    "  ownerdiag form --bank outbound --role cro --out dana.html   # or a page for a browser\n"
    "  ownerdiag survey --bank outbound --role cro --name 'Dana Reyes'   # each leader, alone\n"
    "  ownerdiag compare responses/*.yaml     # the lane-gap report, in the meeting\n"
    "  ownerdiag resolve responses/*.yaml     # settle each conflict with the room\n"
    "  ownerdiag charter responses/*.yaml --decisions decisions.yaml   # the agreement\n"
    "  ownerdiag trend 2026-q3/ 2026-q4/      # next quarter: what changed\n\n"
    "\b\nFor consultants: ownerdiag init makes one folder per client (then invite, status,\n"
    "and every command above without file names); ownerdiag portfolio compares clients.",
    epilog=EXIT_TABLE,
)
bank_app = new_typer("Show, validate and describe question banks.")
app.add_typer(bank_app, name="bank")


def _version(value: bool) -> None:
    if value:
        from ownerdiag.files.banks import builtin_versions

        typer.echo(f"ownerdiag {__version__}")
        for line in builtin_versions():
            typer.echo(f"  {line}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show full tracebacks for errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Show the version and the built-in banks' versions.",
        ),
    ] = False,
) -> None:
    ctx.meta["ownerdiag.debug"] = debug


@app.command(
    "banks",
    short_help="List the question banks and the roles each one asks.",
    epilog="Example: ownerdiag banks --format json",
)
def banks_command(
    format: opt.ListFormat = opt.TableOrJson.table, bank_dir: opt.BankDirs = None
) -> None:
    """List the question banks: built-in ones and those in --bank-dir folders."""
    from ownerdiag.render import bankview

    bankview.list_banks(bank_dir or [], as_json=format is opt.TableOrJson.json)


@bank_app.command("show", epilog="Example: ownerdiag bank show outbound --format json")
def bank_show(
    bank: Annotated[str, typer.Argument(metavar="ID|PATH", help="A bank id or bank file.")],
    format: opt.ShowFormat = opt.BankFormat.table,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Show one bank: its roles, lanes and every question with the framework's answer."""
    from ownerdiag.files.banks import resolve
    from ownerdiag.render import bankview

    bankview.show_bank(resolve(bank, bank_dir or []).bank, format.value)


@bank_app.command("validate", epilog="Example: ownerdiag bank validate my-banks/*.yaml")
def bank_validate(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="Bank files to check.")],
) -> None:
    """Check bank files; print one line per problem with file:line:column. Exit 2 if any fail."""
    from ownerdiag.render import bankview

    bankview.validate_banks(paths)


@bank_app.command("schema", epilog="Example: ownerdiag bank schema > bank.schema.json")
def bank_schema(
    schema_for: Annotated[opt.SchemaFor, typer.Option("--for", help="Which file.")] = (
        opt.SchemaFor.bank
    ),
) -> None:
    """Print the JSON Schema of bank, response, decisions or engagement files (for editors)."""
    from ownerdiag.render import bankview

    bankview.print_schema(schema_for.value)


SURVEY_EPILOG = """\b
Examples:
  ownerdiag survey --bank outbound --role cro --name "Dana Reyes"
  ownerdiag survey --bank outbound --role cro --name "Dana Reyes" --resume
  ownerdiag form --bank outbound --role vp_sales > vp.yaml   # fill it in, then:
  ownerdiag survey --bank outbound --role vp_sales --name "Sam Ortiz" --answers vp.yaml
"""


@app.command(
    "survey", short_help="Answer a question bank alone, in the terminal.", epilog=SURVEY_EPILOG
)
def survey_command(
    ctx: typer.Context,
    bank: opt.BankToAnswer = "",
    role: opt.Role = "",
    name: opt.Name = "",
    person: Annotated[
        str,
        typer.Option(
            "--person",
            "-p",
            metavar="NAME",
            help="Inside an engagement: answer as this invited person (bank, role, name and "
            "file come from ownerdiag.yaml).",
        ),
    ] = "",
    out: opt.Out = None,
    answers: opt.AnswersFile = None,
    resume: opt.Resume = False,
    restart: opt.Restart = False,
    force: opt.Force = False,
    plain: opt.Plain = False,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Answer a question bank alone, in the terminal (or from a file with --answers).

    Progress is saved after every answer; Ctrl-C keeps it and prints how to resume. The response
    goes to --out, by default responses/BANK-ROLE-NAME.yaml.
    """
    from ownerdiag.interactive import jobs

    found, role, name, out = opt.survey_target(bank, role, name, person, out, bank_dir or [])
    opt.check_role(found, role)
    opt.check_survey_input(answers, name, bank or found.id, role)
    response, target = jobs.survey(
        found, role, name.strip(), out, answers, force=force,
        resume=opt.continuing(resume, restart),
        continue_with=opt.continue_command(ctx), inputs=opt.inputs([], bank),
        plain=plain or os.environ.get("TERM") == "dumb",
    )  # fmt: skip
    typer.echo(
        f"Saved {len(response.answers)} answers to {target}. The file holds your answers only: "
        "send it to whoever runs the comparison.",
        err=True,
    )


FORM_EPILOG = """\b
Examples:
  ownerdiag form --bank outbound --role cro --out dana.html     # a page to open in a browser
  ownerdiag form --bank outbound --role cro > cro-answers.yaml  # a file to fill in by hand
The page works offline from the file itself and saves a response file to send back.
"""


@app.command(
    "form",
    short_help="Make the survey as a page for a browser, or a file to fill in.",
    epilog=FORM_EPILOG,
)
def form_command(
    bank: opt.BankToAnswer,
    role: opt.Role = "",
    name: Annotated[
        str,
        typer.Option(
            "--name", "-n", metavar="NAME", help="The leader's name, filled in on the page."
        ),
    ] = "",
    format: Annotated[
        opt.FormFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html: one offline page; yaml: a commented answer file. "
            "Default: from --out's extension, else yaml.",
        ),
    ] = None,
    out: opt.Out = None,
    force: opt.Force = False,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Make the survey for a leader who will not use the terminal: one self-contained HTML page
    (answered in any browser, offline, saving a response file to send back), or a commented
    answer file to fill in with any editor and import with survey --answers."""
    from ownerdiag.files.banks import resolve
    from ownerdiag.render.formats import emit

    found = resolve(bank, bank_dir or []).bank
    if role:
        opt.check_role(found, role)
    chosen = opt.form_format(format, out)
    if chosen == "html":
        if not role:
            raise InputError.single("a browser form is for one role", "--role", "give --role")
        from ownerdiag.render.form_html import form_page

        text = form_page(found, role, name.strip())
    else:
        from ownerdiag.render.form import answer_form

        text = answer_form(found, role or None)
    if out is not None:
        from ownerdiag.files.storage import refuse_overwrite

        refuse_overwrite(out, force, "output file", opt.inputs([], bank))
    emit(text, out, force=force)
    if out is not None and chosen == "html":
        typer.echo(
            f"Send {out} to the leader: they open it in a browser, answer, and send back the "
            "response file it saves.",
            err=True,
        )


COMPARE_EPILOG = """\b
Examples:
  ownerdiag compare responses/cro.yaml responses/vp.yaml
  ownerdiag compare responses/*.yaml --format html --out report.html
  ownerdiag compare cro.yaml vp.yaml --fail-on high   # exit 1 if any high-severity conflict
"""


@app.command(
    "compare", short_help="Compare the responses: the lane-gap report.", epilog=COMPARE_EPILOG
)
def compare_command(
    ctx: typer.Context,
    files: opt.ResponseFiles = None,
    format: opt.Format = None,
    out: opt.Out = None,
    fail_on: opt.FailOnOpt = None,
    force: opt.Force = False,
    show_all: opt.ShowAll = False,
    title: opt.Title = "",
    color: opt.Color = opt.ColorWhen.auto,
    no_pager: opt.NoPager = False,
    allow_incomplete: opt.AllowIncomplete = False,
    bank: opt.BankAnswered = None,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Line the responses up against each other and the framework: the lane-gap report."""
    from ownerdiag.files.collect import compare_files
    from ownerdiag.render.formats import deliver

    files, bank, title = opt.response_files(files, bank, title, bank_dir or [])
    comparison = compare_files(files, bank, bank_dir, allow_incomplete)
    remember_tripped(ctx, fail_on is not None and comparison.reaches(fail_on.value))
    inputs = opt.inputs(files, bank)
    deliver(
        "report", format, comparison, out, force=force, inputs=inputs,
        color=color.value, pager=not no_pager, show_all=show_all, title=title,
    )  # fmt: skip
    exit_tripped(ctx)


RESOLVE_EPILOG = """\b
Examples:
  ownerdiag resolve responses/*.yaml --out decisions.yaml
  ownerdiag resolve responses/*.yaml --out decisions.yaml --resume
  ownerdiag resolve responses/*.yaml --answers agreed.yaml --out decisions.yaml
  (agreed.yaml maps question id to the agreed answer, or to {decision: ..., note: ...})
"""


@app.command(
    "resolve", short_help="Settle each conflict with the room, worst first.", epilog=RESOLVE_EPILOG
)
def resolve_command(
    ctx: typer.Context,
    files: opt.ResponseFiles = None,
    out: opt.Out = Path("decisions.yaml"),
    answers: opt.AnswersFile = None,
    resume: opt.Resume = False,
    restart: opt.Restart = False,
    force: opt.Force = False,
    allow_incomplete: opt.AllowIncomplete = False,
    bank: opt.BankAnswered = None,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Walk through every conflict, worst first, and record what the room agrees."""
    from ownerdiag.core.decisions import agenda, open_items
    from ownerdiag.files.collect import compare_files
    from ownerdiag.interactive import jobs

    if answers is None:
        opt.require_terminal("run the meeting", "give the decisions with --answers FILE")
    files, bank, _ = opt.response_files(files, bank, "", bank_dir or [])
    comparison = compare_files(files, bank, bank_dir, allow_incomplete)
    items = agenda(comparison)
    target = out or Path("decisions.yaml")
    decisions = jobs.meeting(
        comparison, items, target, answers, resume=opt.continuing(resume, restart), force=force,
        continue_with=opt.continue_command(ctx), inputs=opt.inputs(files, bank),
    )  # fmt: skip
    still_open = len(open_items(decisions, items))
    settled = f"{len(items) - still_open} of {len(items)} items settled"
    opt.print_meeting_review(comparison, decisions)
    typer.echo(f"Saved {target}: {settled}, {still_open} still open.", err=True)
    files_given = " ".join(shlex.quote(str(f)) for f in files)
    if bank:
        files_given += f" --bank {shlex.quote(bank)}"
    typer.echo(
        f"Next: ownerdiag charter {files_given} --decisions {shlex.quote(str(target))} "
        "--out charter.md",
        err=True,
    )


CHARTER_EPILOG = """\b
Examples:
  ownerdiag charter responses/*.yaml --decisions decisions.yaml --out charter.md
  ownerdiag charter responses/*.yaml --decisions decisions.yaml --format html --out charter.html
"""


@app.command("charter", short_help="Write the ownership agreement to sign.", epilog=CHARTER_EPILOG)
def charter_command(
    files: opt.ResponseFiles = None,
    decisions: opt.Decisions = None,
    format: opt.CharterFormat = None,
    out: opt.Out = None,
    on: opt.Date = None,
    title: opt.Title = "",
    force: opt.Force = False,
    allow_incomplete: opt.AllowIncomplete = False,
    bank: opt.BankAnswered = None,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Write the ownership agreement: who owns what, what is still open, when to review it."""
    from ownerdiag.core.charter import draft
    from ownerdiag.files.collect import compare_files
    from ownerdiag.files.documents import load_decisions
    from ownerdiag.render.formats import deliver

    today = opt.agreement_date(on)
    files, bank, title = opt.response_files(files, bank, title, bank_dir or [])
    comparison = compare_files(files, bank, bank_dir, allow_incomplete)
    agreed = load_decisions(decisions, comparison.bank, comparison.responses) if decisions else None
    inputs = opt.inputs([*files, *([decisions] if decisions else [])], bank)
    result = draft(comparison, agreed, today)
    deliver(
        "charter", format, result, out, force=force, inputs=inputs, default="markdown",
        title=title,
    )  # fmt: skip


TREND_EPILOG = """\b
Examples:
  ownerdiag trend responses/2026-q3 responses/2026-q4
  ownerdiag trend examples/outbound examples/outbound-next-quarter --format html --out trend.html
Each folder holds one round's response files (and, optionally, the bank file they answered).
"""


@app.command("trend", short_help="Show what changed between rounds.", epilog=TREND_EPILOG)
def trend_command(
    rounds: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FOLDER",
            help="One folder per round, oldest first; inside an engagement folder, by default "
            "all its rounds.",
            show_default=False,
        ),
    ] = None,
    label: Annotated[
        list[str] | None,
        typer.Option(
            "--label",
            metavar="TEXT",
            help="Name a round, once per folder in order (e.g. --label 'Q3' --label 'Q4'); "
            "by default the day its last response came in.",
        ),
    ] = None,
    format: opt.Format = None,
    out: opt.Out = None,
    force: opt.Force = False,
    color: opt.Color = opt.ColorWhen.auto,
    no_pager: opt.NoPager = False,
    allow_incomplete: opt.AllowIncomplete = False,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Show what changed between rounds: conflicts opened, worse, better or closed, who changed
    their answer, and how the scores moved."""
    from ownerdiag.files.collect import follow_rounds

    rounds, label, bank_file, title = opt.trend_rounds(rounds, label)
    from ownerdiag.render.formats import deliver

    result = follow_rounds(
        rounds, bank_dir or [], allow_incomplete, [x.strip() for x in label or []], bank_file
    )
    inputs = [path for folder in rounds for path in folder.iterdir()]
    deliver(
        "trend", format, result, out, force=force, inputs=inputs,
        color=color.value, pager=not no_pager, title=title,
    )  # fmt: skip


INIT_EPILOG = """\b
Example:
  ownerdiag init acme --client "Acme Corp" --bank outbound \\
      --person "cro=Dana Reyes" --person "vp_sales=Sam Ortiz"
Then, inside the folder: ownerdiag invite, ownerdiag status, ownerdiag compare.
"""


@app.command(
    "init",
    short_help="Start an engagement: one client, its leaders, its rounds.",
    epilog=INIT_EPILOG,
)
def init_command(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The engagement's folder.")],
    client: Annotated[
        str, typer.Option("--client", metavar="NAME", help="The client organisation.")
    ],
    bank: opt.BankToAnswer,
    person: Annotated[
        list[str] | None,
        typer.Option(
            "--person",
            metavar="ROLE=NAME",
            help='An invited leader, e.g. "cro=Dana Reyes"; repeat it.',
        ),
    ] = None,
    round_name: Annotated[
        str | None,
        typer.Option(
            "--round", metavar="NAME", help="The first round's folder (default: 2026-Q4 style)."
        ),
    ] = None,
    force: opt.Force = False,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Set up an engagement folder: ownerdiag.yaml (client, bank, people, rounds), the first
    round's folder and a README.txt for whoever opens it later."""
    from ownerdiag.cli import engagement

    engagement.init(folder, client, bank, person or [], round_name, force, bank_dir or [])


EngagementDir = Annotated[
    Path | None,
    typer.Option(
        "--dir", metavar="DIR", help="The engagement folder (default: the one you are in)."
    ),
]


@app.command("invite", short_help="The survey command and a browser form for each person.")
def invite_command(
    where: EngagementDir = None, force: opt.Force = False, bank_dir: opt.BankDirs = None
) -> None:
    """For each invited person: the command to answer in a terminal here, and a browser form
    written into the current round's forms/ folder to e-mail them."""
    from ownerdiag.cli import engagement

    engagement.invite(where, force, bank_dir or [])


@app.command("status", short_help="Who has answered, who is part-way, who is missing.")
def status_command(
    ctx: typer.Context,
    where: EngagementDir = None,
    format: opt.ListFormat = opt.TableOrJson.table,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 while anyone in the current round is missing.")
    ] = False,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Each round: who has answered (and when), who is part-way, who is missing, and any file
    that does not belong. Never writes anything."""
    from ownerdiag.cli import engagement

    missing = engagement.status(where, format is opt.TableOrJson.json, bank_dir or [])
    remember_tripped(ctx, check and missing)
    exit_tripped(ctx)


@app.command("new-round", short_help="Start the engagement's next round.")
def new_round_command(
    name: Annotated[
        str | None,
        typer.Argument(metavar="NAME", help="Default: the quarter after the last round."),
    ] = None,
    where: EngagementDir = None,
) -> None:
    """Add a round to the engagement (a new folder for next quarter's responses)."""
    from ownerdiag.cli import engagement

    engagement.new_round(where, name)


PORTFOLIO_EPILOG = """\b
Examples:
  ownerdiag portfolio ~/clients --org "Acme Corp"
  ownerdiag portfolio ~/clients --format html --out portfolio.html
Every engagement folder (and loose round folder) under the folders given is read. A cache
beside each round (.ownerdiag-cache.json, safe to delete) spares re-reading unchanged files.
"""


@app.command(
    "portfolio", short_help="How one org compares with every org assessed.", epilog=PORTFOLIO_EPILOG
)
def portfolio_command(
    folders: Annotated[
        list[Path], typer.Argument(metavar="DIR", help="Folders holding engagements or rounds.")
    ],
    org: Annotated[
        str | None,
        typer.Option("--org", metavar="NAME", help="The org to place among the others (named)."),
    ] = None,
    names: Annotated[
        bool, typer.Option("--names", help="Show every client's name (default: Org 1, Org 2, …).")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on any file that cannot be read.")
    ] = False,
    format: opt.Format = None,
    out: opt.Out = None,
    force: opt.Force = False,
    no_pager: opt.NoPager = False,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Where one org stands against every org assessed: percentiles, the most common conflicts,
    how lane scores spread and how orgs moved between rounds. Anonymised by default."""
    from ownerdiag.core.portfolio import anonymised, portfolio
    from ownerdiag.files.portfolio import read_desk
    from ownerdiag.render.formats import deliver

    orgs, problems = read_desk(folders, bank_dir or [])
    if strict and problems:
        raise InputError(problems)
    if not orgs:
        raise InputError.single("no readable engagement or round found", str(folders[0]))
    shown = orgs if names else anonymised(orgs, org)
    if names or not problems:
        skipped = [str(p) for p in problems]
    else:  # each line names a client's folder
        skipped = [f"{len(problems)} round(s) could not be read; --names lists them"]
    result = portfolio(shown, org, skipped)
    if org and result.standing is None:
        raise InputError.single(f"no org named {org!r} here", "--org", "check the client name")
    deliver("portfolio", format, result, out, force=force, pager=not no_pager)


def main() -> None:
    """Console-script entry point."""
    app()
