"""The command line: declarations only. Each command declares its options and help, calls its
function in :mod:`ownerdiag.app`, and hands the outcome to :func:`~ownerdiag.cli.exits.finish`;
errors and exit codes are handled once, in :mod:`ownerdiag.cli.exits`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ownerdiag import __version__
from ownerdiag.cli import options as opt
from ownerdiag.cli.exits import EXIT_TABLE, argv, finish, new_typer

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
        from ownerdiag.app.banks import versions

        typer.echo("\n  ".join([f"ownerdiag {__version__}", *versions()]))
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
    ctx: typer.Context,
    format: opt.ListFormat = opt.TableOrJson.table,
    bank_dir: opt.BankDirs = None,
) -> None:
    """List the question banks: built-in ones and those in --bank-dir folders."""
    from ownerdiag.app.banks import list_banks

    finish(ctx, list_banks(bank_dir or [], format.value))


@bank_app.command("show", epilog="Example: ownerdiag bank show outbound --format json")
def bank_show(
    ctx: typer.Context,
    bank: Annotated[str, typer.Argument(metavar="ID|PATH", help="A bank id or bank file.")],
    format: opt.ShowFormat = opt.BankFormat.table,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Show one bank: its roles, lanes and every question with the framework's answer."""
    from ownerdiag.app.banks import show_bank

    finish(ctx, show_bank(bank, bank_dir or [], format.value))


@bank_app.command("validate", epilog="Example: ownerdiag bank validate my-banks/*.yaml")
def bank_validate(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="Bank files to check.")],
) -> None:
    """Check bank files; print one line per problem with file:line:column. Exit 2 if any fail."""
    from ownerdiag.app.banks import validate_banks

    finish(ctx, validate_banks(paths))


@bank_app.command("schema", epilog="Example: ownerdiag bank schema > bank.schema.json")
def bank_schema(
    ctx: typer.Context,
    schema_for: Annotated[opt.SchemaFor, typer.Option("--for", help="Which file.")] = (
        opt.SchemaFor.bank
    ),
) -> None:
    """Print the JSON Schema of bank, response, decisions or engagement files (for editors)."""
    from ownerdiag.app.banks import schema

    finish(ctx, schema(schema_for.value))


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
    from ownerdiag.app.survey import survey

    finish(ctx, survey(
        bank=bank, role=role, name=name, person=person, out=out, answers=answers,
        resume=resume, restart=restart, force=force, plain=plain, bank_dirs=bank_dir or [],
        argv=argv(ctx),
    ))  # fmt: skip


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
    ctx: typer.Context,
    bank: opt.BankToAnswer,
    role: opt.Role = "",
    name: Annotated[
        str,
        typer.Option(
            "--name", "-n", metavar="NAME", help="The leader's name, filled in on the page."
        ),
    ] = "",
    format: opt.FormFormat = None,
    out: opt.Out = None,
    force: opt.Force = False,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Make the survey for a leader who will not use the terminal: one self-contained HTML page
    (html: answered in any browser, offline, saving a response file to send back), or a
    commented answer file (yaml) to fill in with any editor and import with survey --answers."""
    from ownerdiag.app.survey import form

    finish(ctx, form(
        bank=bank, role=role, name=name, format=opt.value(format), out=out, force=force,
        bank_dirs=bank_dir or [],
    ))  # fmt: skip


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
    round_name: opt.RoundName = None,
    bank: opt.BankAnswered = None,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Line the responses up against each other and the framework: the lane-gap report."""
    from ownerdiag.app.meeting import Responses, compare

    responses = Responses(files or [], bank, bank_dir or [], allow_incomplete, title, round_name)
    finish(ctx, compare(
        responses, format=opt.value(format), out=out, force=force, fail_on=opt.value(fail_on),
        show_all=show_all, color=color.value, pager=not no_pager,
    ))  # fmt: skip


RESOLVE_EPILOG = """\b
Examples:
  ownerdiag resolve responses/*.yaml --out decisions.yaml
  ownerdiag resolve responses/*.yaml --out decisions.yaml --resume
  ownerdiag resolve responses/*.yaml --answers agreed.yaml --out decisions.yaml
  (agreed.yaml maps question id to the agreed answer, or to {decision: ..., note: ...})
  ownerdiag resolve responses/*.yaml --format html --out meeting.html
  (one offline page for the projector; it saves the decisions file that charter reads)
"""


@app.command(
    "resolve", short_help="Settle each conflict with the room, worst first.", epilog=RESOLVE_EPILOG
)
def resolve_command(
    ctx: typer.Context,
    files: opt.ResponseFiles = None,
    out: opt.Out = None,
    format: opt.MeetingFormat = None,
    answers: opt.AnswersFile = None,
    resume: opt.Resume = False,
    restart: opt.Restart = False,
    force: opt.Force = False,
    allow_incomplete: opt.AllowIncomplete = False,
    round_name: opt.RoundName = None,
    bank: opt.BankAnswered = None,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Walk through every conflict, worst first, and record what the room agrees."""
    from ownerdiag.app.meeting import Responses, resolve

    responses = Responses(files or [], bank, bank_dir or [], allow_incomplete, "", round_name)
    finish(ctx, resolve(
        responses, out=out, answers=answers, resume=resume, restart=restart, force=force,
        argv=argv(ctx), format=format.value if format else None,
    ))  # fmt: skip


CHARTER_EPILOG = """\b
Examples:
  ownerdiag charter responses/*.yaml --decisions decisions.yaml --out charter.md
  ownerdiag charter responses/*.yaml --decisions decisions.yaml --format html --out charter.html
"""


@app.command("charter", short_help="Write the ownership agreement to sign.", epilog=CHARTER_EPILOG)
def charter_command(
    ctx: typer.Context,
    files: opt.ResponseFiles = None,
    decisions: opt.Decisions = None,
    format: opt.CharterFormat = None,
    out: opt.Out = None,
    on: opt.Date = None,
    title: opt.Title = "",
    force: opt.Force = False,
    allow_incomplete: opt.AllowIncomplete = False,
    round_name: opt.RoundName = None,
    bank: opt.BankAnswered = None,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Write the ownership agreement: who owns what, what is still open, when to review it."""
    from ownerdiag.app.meeting import Responses, charter

    responses = Responses(files or [], bank, bank_dir or [], allow_incomplete, title, round_name)
    finish(ctx, charter(
        responses, decisions=decisions, format=opt.value(format), out=out, on=on, force=force,
    ))  # fmt: skip


TREND_EPILOG = """\b
Examples:
  ownerdiag trend responses/2026-q3 responses/2026-q4
  ownerdiag trend examples/outbound examples/outbound-next-quarter --format html --out trend.html
Each folder holds one round's response files (and, optionally, the bank file they answered).
"""


@app.command("trend", short_help="Show what changed between rounds.", epilog=TREND_EPILOG)
def trend_command(
    ctx: typer.Context,
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
    format: opt.TrendFormat = None,
    out: opt.Out = None,
    force: opt.Force = False,
    color: opt.Color = opt.ColorWhen.auto,
    no_pager: opt.NoPager = False,
    allow_incomplete: opt.AllowIncomplete = False,
    bank_dir: opt.BankDirs = None,
    round_names: Annotated[
        list[str] | None,
        typer.Option(
            "--round",
            metavar="NAME",
            help="Inside an engagement: follow these rounds, oldest first (repeat it, e.g. "
            "--round 2026-Q4 --round 2027-Q2); by default all of them.",
        ),
    ] = None,
) -> None:
    """Show what changed between rounds: conflicts opened, worse, better or closed, who changed
    their answer, and how the scores moved."""
    from ownerdiag.app.meeting import trend

    finish(ctx, trend(
        rounds or [], labels=label or [], format=opt.value(format), out=out, force=force,
        color=color.value, pager=not no_pager, allow_incomplete=allow_incomplete,
        bank_dirs=bank_dir or [], round_names=round_names or [],
    ))  # fmt: skip


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
    ctx: typer.Context,
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
    from ownerdiag.app.engagement import init

    finish(ctx, init(
        folder, client=client, bank=bank, people=person or [], round_name=round_name,
        force=force, bank_dirs=bank_dir or [],
    ))  # fmt: skip


EngagementDir = Annotated[
    Path | None,
    typer.Option(
        "--dir", metavar="DIR", help="The engagement folder (default: the one you are in)."
    ),
]


@app.command("invite", short_help="The survey command and a browser form for each person.")
def invite_command(
    ctx: typer.Context,
    where: EngagementDir = None,
    force: opt.Force = False,
    bank_dir: opt.BankDirs = None,
) -> None:
    """For each invited person: the command to answer in a terminal here, and a browser form
    written into the current round's forms/ folder to e-mail them."""
    from ownerdiag.app.engagement import invite

    finish(ctx, invite(where, force=force, bank_dirs=bank_dir or []))


@app.command("status", short_help="Who has answered, who is part-way, who is missing.")
def status_command(
    ctx: typer.Context,
    where: EngagementDir = None,
    format: opt.ListFormat = opt.TableOrJson.table,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Exit 1 while the current round is not ready to compare: anyone missing, or a "
            "file in it refused.",
        ),
    ] = False,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Each round: who has answered (and when), who is part-way, who is missing, and any file
    that does not belong. Never writes anything."""
    from ownerdiag.app.engagement import status

    finish(ctx, status(where, format=format.value, check=check, bank_dirs=bank_dir or []))


NEW_ROUND_EPILOG = """\b
Examples:
  ownerdiag new-round                  the quarter after the last round, same bank
  ownerdiag new-round --bank-upgrade   on this release's version of the bank
Each round keeps the bank it was answered on; trend follows the questions that kept their
meaning and lists the rest as not comparable.
"""


@app.command("new-round", short_help="Start the engagement's next round.", epilog=NEW_ROUND_EPILOG)
def new_round_command(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(metavar="NAME", help="Default: the quarter after the last round."),
    ] = None,
    where: EngagementDir = None,
    bank_upgrade: Annotated[
        bool,
        typer.Option(
            "--bank-upgrade",
            help="Answer the new round on the current version of the engagement's bank, and "
            "say what changed; earlier rounds keep theirs.",
        ),
    ] = False,
    bank_dir: opt.BankDirs = None,
) -> None:
    """Add a round to the engagement (a new folder for next quarter's responses), with a new
    invitation for everyone."""
    from ownerdiag.app.engagement import new_round

    finish(ctx, new_round(where, name, bank_upgrade=bank_upgrade, bank_dirs=bank_dir or []))


PORTFOLIO_EPILOG = """\b
Examples:
  ownerdiag portfolio ~/clients --org "Acme Corp"
  ownerdiag portfolio ~/clients --format html --out portfolio.html
  ownerdiag portfolio ~/clients --items        how each question behaves across orgs
Every engagement folder (and loose round folder) under the folders given is read, every file
with the checks compare runs, on every run; orgs are benchmarked only against orgs on the same
bank.
"""


@app.command(
    "portfolio", short_help="How one org compares with every org assessed.", epilog=PORTFOLIO_EPILOG
)
def portfolio_command(
    ctx: typer.Context,
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
    format: opt.PortfolioFormat = None,
    out: opt.Out = None,
    force: opt.Force = False,
    no_pager: opt.NoPager = False,
    bank_dir: opt.BankDirs = None,
    min_orgs: Annotated[
        int,
        typer.Option(
            "--min-orgs",
            metavar="N",
            min=1,
            help="Show no share, percentile or spread resting on fewer orgs than this.",
        ),
    ] = 5,
    items: Annotated[
        bool,
        typer.Option(
            "--items",
            help="Add, per bank, how each question behaves across orgs (for bank authors): "
            "contested, can't say, drift, and whether it tracks alignment.",
        ),
    ] = False,
) -> None:
    """Where one org stands among the orgs on the same bank: percentiles, the most common
    conflicts, how scores spread and how orgs moved between rounds, each with the number of
    orgs it rests on. Anonymised by default."""
    from ownerdiag.app.portfolio import portfolio

    finish(ctx, portfolio(
        folders, org=org, names=names, strict=strict, format=opt.value(format), out=out,
        force=force, pager=not no_pager, bank_dirs=bank_dir or [], min_orgs=min_orgs,
        items=items,
    ))  # fmt: skip


def main() -> None:
    """Console-script entry point."""
    app()
