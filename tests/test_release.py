"""What a release promises: a version that names its banks, a changelog, and exit codes a
script can tell apart (a bug is not a conflict)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ownerdiag
from ownerdiag.cli.exits import MEANINGS, ExitCode
from ownerdiag.files.banks import builtin_dir, load_bank

from .conftest import EXAMPLES, REPO

CRO = EXAMPLES / "outbound" / "cro.yaml"
VP = EXAMPLES / "outbound" / "vp_sales.yaml"


def _builtin_banks() -> list[tuple[str, str]]:
    return [(b.id, b.version) for b in map(load_bank, sorted(builtin_dir().glob("*.yaml")))]


@pytest.fixture
def broken_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    import ownerdiag.render.formats as formats

    def deliver(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a deliberate bug\nwith a second line")

    monkeypatch.setattr(formats, "deliver", deliver)


@pytest.mark.usefixtures("broken_renderer")
def test_a_crash_exits_with_its_own_code_in_one_line(cli):
    result = cli("compare", CRO, VP, "--fail-on", "low")
    assert result.exit_code == ExitCode.CRASH == 70
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "bug" in lines[0] and "--debug" in lines[0] and "report" in lines[0]
    assert "a deliberate bug with a second line" in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("broken_renderer")
def test_debug_lets_the_traceback_through(cli):
    result = cli("--debug", "compare", CRO, VP)
    assert isinstance(result.exception, RuntimeError)


def test_fail_on_still_exits_1_and_bad_input_2(cli, tmp_path: Path):
    assert cli("compare", CRO, VP, "-f", "json", "--fail-on", "low").exit_code == 1
    missing = tmp_path / "nobody.yaml"
    result = cli("compare", CRO, missing)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_version_names_the_package_and_every_builtin_bank(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"ownerdiag {ownerdiag.__version__}"
    for bank_id, version in _builtin_banks():
        assert f"bank {bank_id} {version}" in result.stdout


def test_the_changelog_covers_this_release_and_the_banks_it_ships():
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{ownerdiag.__version__}]" in changelog
    for bank_id, version in _builtin_banks():
        assert re.search(rf"`{re.escape(bank_id)}`[^\n]*{re.escape(version)}", changelog), bank_id


def test_the_exit_codes_are_one_table_in_help_and_readme(cli):
    help_text = " ".join(cli("--help").stdout.split())
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", readme, flags=re.MULTILINE))
    assert set(rows) == {str(code.value) for code in ExitCode}
    for code, meaning in MEANINGS.items():
        assert f"{code.value} {meaning}" in help_text
        assert rows[str(code.value)] == meaning
