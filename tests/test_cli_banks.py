from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ownerdiag import __version__

from .conftest import MINI_BANK


def test_banks_json_lists_builtin_outbound(cli):
    result = cli("banks", "--format", "json")
    assert result.exit_code == 0, result.output
    banks = {b["id"]: b for b in json.loads(result.stdout)}
    assert banks["outbound"]["questions"] == 45
    assert set(banks["outbound"]) >= {"id", "title", "version", "questions"}


def test_banks_table_includes_user_folder(cli, mini_bank_file: Path):
    result = cli("banks", "--bank-dir", mini_bank_file.parent)
    assert result.exit_code == 0
    assert "mini" in result.stdout and "outbound" in result.stdout


def test_banks_skips_broken_user_bank_with_a_warning(cli, tmp_path: Path):
    (tmp_path / "broken.yaml").write_text("id: [\n")
    result = cli("banks", "--bank-dir", tmp_path)
    assert result.exit_code == 0
    assert "broken.yaml:" in result.stderr and "(skipped)" in result.stderr


def test_bank_show_json_contract(cli):
    result = cli("bank", "show", "outbound", "--format", "json")
    assert result.exit_code == 0
    bank = json.loads(result.stdout)
    assert bank["roles"] == {"cro": "Chief Revenue Officer", "vp_sales": "VP of Sales"}
    assert set(bank) >= {"id", "version", "roles", "lanes", "questions"}
    owner = next(q for q in bank["questions"] if q["kind"] == "owner")
    assert {c["id"] for c in owner["choices"]} == {
        "cro",
        "vp_sales",
        "marketing",
        "joint",
        "unclear",
    }
    for question in bank["questions"]:
        assert {"id", "kind", "lane", "prompt", "expected"} <= set(question)
        if question["kind"] in ("owner", "cadence", "yes_no"):
            assert all(set(c) == {"id", "label"} for c in question["choices"])
    text = next(q for q in bank["questions"] if q["kind"] == "text")
    assert text["expected"] is None


def test_bank_show_by_path_yaml_and_table(cli, mini_bank_file: Path):
    result = cli("bank", "show", mini_bank_file, "--format", "yaml")
    assert result.exit_code == 0 and "id: mini" in result.stdout
    result = cli("bank", "show", "outbound")
    assert result.exit_code == 0 and "Design layer" in result.stdout


def test_bank_show_unknown_id_lists_known(cli):
    result = cli("bank", "show", "nope")
    assert result.exit_code == 2
    assert "no question bank with id 'nope'" in result.stderr and "outbound" in result.stderr


def test_validate_reports_yaml_error_line(cli, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: ok\nversion: [1\n")
    result = cli("bank", "validate", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:4:1: invalid YAML")
    assert "Traceback" not in result.output


def test_validate_names_file_question_and_line_of_unknown_owner(cli, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI_BANK.replace("expected: vp_sales", "expected: sdr_team"))
    result = cli("bank", "validate", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:24:5: question 'lists' expects 'sdr_team'")


def test_validate_many_files_one_line_each(cli, tmp_path: Path, mini_bank_file: Path):
    (tmp_path / "a.yaml").write_text("a: [\n")
    (tmp_path / "b.yaml").write_text("- 1\n")
    result = cli("bank", "validate", mini_bank_file, tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert result.exit_code == 2
    assert "mini.yaml: ok" in result.stdout
    assert len(result.stderr.strip().splitlines()) == 2


def test_schema_is_json_schema_of_banks(cli):
    result = cli("bank", "schema")
    schema = json.loads(result.stdout)
    assert "questions" in schema["properties"]
    response = json.loads(cli("bank", "schema", "--for", "response").stdout)
    assert "answers" in response["properties"]
    decisions = json.loads(cli("bank", "schema", "--for", "decisions").stdout)
    assert "decisions" in decisions["properties"]


def test_version_and_help(cli):
    assert cli("--version").stdout.splitlines()[0] == f"ownerdiag {__version__}"
    result = cli("--help")
    assert result.exit_code == 0 and "compare" in result.stdout


def test_debug_shows_the_traceback(cli):
    result = cli("--debug", "bank", "show", "nope")
    assert result.exit_code != 0 and result.exception is not None


def test_console_script_runs_from_another_directory(tmp_path: Path):
    exe = Path(sys.executable).with_name("ownerdiag")
    result = subprocess.run(
        [exe, "banks", "--format", "json"], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert "outbound" in result.stdout


def test_python_dash_m(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "ownerdiag", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("ownerdiag ")


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_validate_garbage_always_exits_2_without_traceback(cli, tmp_path: Path, raw: bytes):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    result = cli("bank", "validate", path)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stderr.startswith(str(path))
