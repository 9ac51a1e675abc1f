"""Exit codes and error messages, in one place: the library's errors become one line each on
stderr and exit code 2; ``--fail-on`` exits 1; a bug 70; Ctrl-C 130; a reader leaving the pipe
early 0."""

from __future__ import annotations

import contextlib
import sys
from dataclasses import replace
from enum import IntEnum
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer.core import TyperGroup

from ownerdiag import __version__
from ownerdiag.app.outcome import begin, end, silence_stdout
from ownerdiag.core.text import literal
from ownerdiag.errors import Fix, InputError

if TYPE_CHECKING:
    from ownerdiag.app.outcome import Outcome


class ExitCode(IntEnum):
    """Every status ownerdiag exits with."""

    OK = 0
    TRIPPED = 1
    INPUT = 2
    CRASH = 70  # like EX_SOFTWARE in sysexits.h
    INTERRUPTED = 130


MEANINGS = {
    ExitCode.OK: "success",
    ExitCode.TRIPPED: "--fail-on tripped, or status --check found someone who has not answered",
    ExitCode.INPUT: "bad usage or bad input: a one-line reason on stderr",
    ExitCode.CRASH: "a bug in ownerdiag: one line on stderr; --debug shows the traceback",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C)",
}
"""What each exit code means: the README's table and the --help epilog say the same."""

EXIT_TABLE = "\b\nExit codes:\n" + "\n".join(
    f"  {code.value:<4} {meaning}" for code, meaning in MEANINGS.items()
)

REPORT_BUG = (
    "please report it to the ownerdiag maintainers with the command you ran and its output "
    "with --debug (ownerdiag --debug COMMAND ...), which shows the traceback"
)

ADVICE = {
    Fix.REPLACE: "add --force to replace it, or choose another --out",
    Fix.FORCE: "use it as it is, or add --force to start it again",
    Fix.CONTINUE_OR_RESTART: "add --resume to continue it, or --restart to start over",
    Fix.START_AFRESH: "start again without --resume",
    Fix.SAME_SURVEY: "resume with the same --bank, --role and --name, or --restart to start over",
    Fix.FINISH_OR_ALLOW_INCOMPLETE: "finish it with ownerdiag survey --resume, "
    "or add --allow-incomplete",
    Fix.GIVE_BANK_FILE: "give the bank file they answered with --bank PATH, or survey again",
    Fix.CHECK_BANK_DIR: "check the --bank-dir path",
    Fix.KEEP_ROUND_BANK: "keep the bank file that round answered in its folder",
    Fix.CHOOSE_OTHER_OUT: "choose another --out",
    Fix.WAIT_OR_OTHER_OUT: "finish or stop that one first, or choose another --out",
    Fix.SEE_FORM: "see the question ids and answers in: ownerdiag form --bank BANK",
}
"""How each kind of fix is done from the command line."""


class _Group(TyperGroup):
    """Turns the library's errors into one-line messages and exit codes, in one place."""

    def invoke(self, ctx: Any) -> Any:
        ctx.meta.setdefault(ARGV, getattr(self, "argv", sys.argv[1:]))
        begin()  # streams, terminals, colour and pager, decided once for this command
        try:
            return self._invoke(ctx)
        finally:
            end()

    def _invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            if ctx.meta.get("ownerdiag.debug"):
                raise
            fail(exc)
        except UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # a bare command shows its help
                raise
            where = exc.ctx.command_path if exc.ctx else "ownerdiag"
            message = literal(" ".join(exc.format_message().split()))
            message = message.replace("Value error, ", "")  # typer's enum check, via pydantic
            typer.echo(f"{where}: {message} (see: {where} --help)", err=True)
            raise typer.Exit(ExitCode.INPUT) from None
        except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a prompt
            if ctx.meta.get("ownerdiag.debug"):
                raise
            typer.echo("\ninterrupted", err=True)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:  # `ownerdiag compare ... | head`: the reader left early
            silence_stdout()
            raise typer.Exit(ExitCode.TRIPPED if ctx.meta.get(TRIPPED) else ExitCode.OK) from None
        except OSError as exc:  # stdout on a full disk, or another file or folder that failed
            if ctx.meta.get("ownerdiag.debug"):
                raise
            silence_stdout()
            fail(os_problem(exc))
        except (typer.Exit, typer.Abort, ClickException):  # click's own ways out
            raise
        except Exception as exc:  # a bug: one line and its own exit code, not a conflict's 1
            if ctx.meta.get("ownerdiag.debug"):
                raise
            crash(exc)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        given = kwargs.get("args", args[0] if args else None)
        self.argv = list(given) if given is not None else sys.argv[1:]
        for stream in (sys.stdout, sys.stderr):
            # text that the output's encoding cannot hold is written as escapes, not a crash
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        return super().main(*args, **kwargs)


TRIPPED = "ownerdiag.tripped"
ARGV = "ownerdiag.argv"
"""The arguments the command was run with, for the command that continues it."""

# typer's own click, whether vendored or not: the base of its BadParameter
UsageError: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
ClickException: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def fail(exc: InputError) -> NoReturn:
    for problem in exc.problems:
        if problem.fix is not None:
            problem = replace(problem, hint=ADVICE[problem.fix])
        typer.echo(literal(str(problem)), err=True)
    raise typer.Exit(ExitCode.INPUT)


def os_problem(exc: OSError) -> InputError:
    """The file or folder the system named, with its cause; with none named, the output."""
    if exc.filename is None:
        return InputError.single(f"cannot write the output: {exc.strerror or exc}", "stdout")
    return InputError.single(f"cannot use it: {exc.strerror or exc}", str(exc.filename))


def crash(exc: BaseException) -> NoReturn:
    what = literal(" ".join(f"{type(exc).__name__}: {exc}".split()))[:300]
    typer.echo(
        f"ownerdiag {__version__}: internal error ({what}); this is a bug: {REPORT_BUG}", err=True
    )
    raise typer.Exit(ExitCode.CRASH)


def finish(ctx: typer.Context, outcome: Outcome) -> None:
    """Show what a command produced; exit 1 if it tripped ``--fail-on`` (noted first, so the
    code holds even if the output fails)."""
    from ownerdiag.app.outcome import show

    ctx.meta[TRIPPED] = outcome.tripped
    show(outcome)
    if outcome.tripped:
        raise typer.Exit(ExitCode.TRIPPED)


def argv(ctx: typer.Context) -> list[str]:
    """The arguments the command was run with, for the command that continues it."""
    return list(ctx.meta.get(ARGV, []))


def new_typer(help: str, epilog: str | None = None) -> typer.Typer:
    return typer.Typer(
        cls=_Group,
        help=help,
        epilog=epilog,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
