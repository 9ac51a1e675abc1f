"""One I/O environment, decided when a command starts and swapped in tests: every line a
command prints goes to its streams, and what it says about terminals and colour holds."""

from __future__ import annotations

import io

from ownerdiag.files.environment import Environment, current, use

from .conftest import EXAMPLES

CRO = EXAMPLES / "outbound" / "cro.yaml"
VP = EXAMPLES / "outbound" / "vp_sales.yaml"


def environment(*, tty: bool = False, dumb: bool = False, no_color: bool = False) -> Environment:
    return Environment(
        stdin=io.StringIO(""),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        stdin_isatty=tty,
        stdout_isatty=tty,
        dumb=dumb,
        no_color=no_color,
        pager=None,
    )


def test_a_command_writes_to_the_environment_it_was_given(cli, tmp_path):
    with use(environment()) as env:
        result = cli("compare", CRO, VP, "-f", "json", "--out", tmp_path / "r.json")
        assert result.exit_code == 0
        assert env.stderr.getvalue() == f"Wrote {tmp_path / 'r.json'}\n"  # type: ignore[attr-defined]
        cli("compare", CRO, VP, "-f", "json")
        assert '"respondents"' in env.stdout.getvalue()  # type: ignore[attr-defined]
    assert result.stdout == ""


def test_no_terminal_in_the_environment_means_no_prompts(cli, tmp_path):
    with use(environment(tty=False)) as env:
        result = cli("survey", "--bank", "outbound", "--role", "cro", "--name", "Dana Reyes")
        assert result.exit_code == 2 and "no terminal" in result.stderr
        assert env.stdout.getvalue() == ""  # type: ignore[attr-defined]


def test_a_dumb_terminal_gets_no_escape_sequence_even_when_colour_is_asked(cli):
    with use(environment(tty=True, dumb=True)) as env:
        assert cli("compare", CRO, VP, "--no-pager").exit_code == 0
        text = env.stdout.getvalue()  # type: ignore[attr-defined]
    assert "Lane-gap report" in text and "\x1b[" not in text


def test_a_colour_terminal_gets_colour_unless_no_color(cli):
    with use(environment(tty=True)) as env:
        cli("compare", CRO, VP, "--no-pager", "--color", "auto")
        assert "\x1b[" in env.stdout.getvalue()  # type: ignore[attr-defined]
    with use(environment(tty=True, no_color=True)) as env:
        cli("compare", CRO, VP, "--no-pager", "--color", "auto")
        assert "\x1b[31" not in env.stdout.getvalue()  # type: ignore[attr-defined]


def test_outside_a_command_the_environment_is_the_process_s_own():
    import sys

    assert current().stdout is sys.stdout
