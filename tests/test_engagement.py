"""A consultant's engagement, walked through as one would: init, invite, the leaders answer,
status before and after, compare and charter with no file arguments, a second round, trend."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ownerdiag.core.engagement import Engagement, next_quarter, quarter
from ownerdiag.files.yamlio import read_yaml

from .conftest import EXAMPLES

ANSWERS_1 = EXAMPLES / "outbound" / "answers"
ANSWERS_2 = EXAMPLES / "outbound-next-quarter" / "answers"


def people(cli, folder: Path) -> None:
    result = cli(
        "init", folder, "--client", "Acme Corp", "--bank", "outbound", "--round", "2026-Q4",
        "--person", "cro=Dana Reyes", "--person", "vp_sales=Sam Ortiz",
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_a_whole_engagement(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "acme"
    people(cli, folder)
    engagement = Engagement.model_validate(read_yaml(folder / "ownerdiag.yaml").data)
    assert engagement.client == "Acme Corp" and [r.name for r in engagement.rounds] == ["2026-Q4"]
    assert "ownerdiag status" in (folder / "README.txt").read_text()
    monkeypatch.chdir(folder)

    invite = cli("invite")
    assert invite.exit_code == 0, invite.output
    assert "ownerdiag survey --person 'Dana Reyes'" in invite.stdout
    forms = sorted(p.name for p in (folder / "2026-Q4" / "forms").iterdir())
    assert forms == ["outbound-cro-dana-reyes.html", "outbound-vp-sales-sam-ortiz.html"]

    before = cli("status", "--check")
    assert before.exit_code == 1 and before.stdout.count("missing") == 2
    for name, role in (("Dana Reyes", "cro"), ("sam ortiz", "vp_sales")):
        result = cli("survey", "--person", name, "--answers", ANSWERS_1 / f"{role}.yaml")
        assert result.exit_code == 0, result.output
    after = json.loads(cli("status", "--format", "json", "--check").stdout)
    states = [p["state"] for p in after["rounds"][0]["people"]]
    assert states == ["answered", "answered"]
    assert cli("status", "--check").exit_code == 0

    report = cli("compare", "--format", "markdown")
    assert report.exit_code == 0, report.output
    assert report.stdout.startswith("# Lane-gap report: Acme Corp — 2026-Q4")
    decisions = folder / "2026-Q4" / "decisions.yaml"
    agreed = EXAMPLES / "outbound" / "meeting" / "agreed.yaml"
    assert cli("resolve", "--answers", agreed, "--out", decisions).exit_code == 0
    charter = cli("charter", "--decisions", decisions)
    assert charter.exit_code == 0 and "# Ownership agreement: Acme Corp — 2026-Q4" in charter.stdout

    assert cli("new-round", "2027-Q1").exit_code == 0
    for name, role in (("Dana Reyes", "cro"), ("Sam Ortiz", "vp_sales")):
        assert (
            cli("survey", "--person", name, "--answers", ANSWERS_2 / f"{role}.yaml").exit_code == 0
        )
    trend = json.loads(cli("trend", "--format", "json").stdout)
    assert [r["label"] for r in trend["rounds"]] == ["2026-Q4", "2027-Q1"]
    assert "Trend — Acme Corp: 2026-Q4 → 2027-Q1" in cli("trend").stdout


def test_status_names_part_way_and_stray_files_and_never_writes(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = tmp_path / "acme"
    people(cli, folder)
    monkeypatch.chdir(folder)
    round_dir = folder / "2026-Q4"
    full = round_dir / "outbound-cro-dana-reyes.yaml"
    assert (
        cli("survey", "--person", "Dana Reyes", "--answers", ANSWERS_1 / "cro.yaml").exit_code == 0
    )
    text = full.read_text().replace("complete: true", "complete: false")
    (round_dir / "outbound-vp-sales-sam-ortiz.yaml.partial").write_text(
        text.replace("name: Dana Reyes", "name: Sam Ortiz").replace("role: cro", "role: vp_sales")
    )
    (round_dir / "broken.yaml").write_text("answers: [\n")
    (round_dir / "stranger.yaml").write_text(text.replace("name: Dana Reyes", "name: Eve"))
    listing = sorted(p.name for p in round_dir.iterdir())
    shown = cli("status")
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert any("Sam Ortiz" in line and "part-way" in line for line in lines)
    assert sum("broken.yaml" in line for line in lines) == 1  # one line, however it broke
    assert any("stranger.yaml" in line and "not invited" in line for line in lines)
    assert sorted(p.name for p in round_dir.iterdir()) == listing  # status never writes
    assert cli("status", "--check").exit_code == 1


def test_outside_an_engagement_everything_works_as_before_and_says_what_is_missing(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    files = sorted((EXAMPLES / "outbound").glob("*.yaml"))
    assert cli("compare", *files).exit_code == 0
    bare = cli("compare")
    assert bare.exit_code == 2 and "not inside an engagement" in bare.stderr
    assert len(bare.stderr.strip().splitlines()) == 1
    unknown = cli("survey", "--person", "Dana")
    assert unknown.exit_code == 2


def test_init_refuses_a_second_engagement_and_bad_people(cli, tmp_path: Path):
    folder = tmp_path / "acme"
    people(cli, folder)
    again = cli("init", folder, "--client", "X", "--bank", "outbound", "--person", "cro=A")
    assert again.exit_code == 2 and "already exists" in again.stderr and "--force" in again.stderr
    wrong = cli("init", tmp_path / "b", "--client", "X", "--bank", "outbound", "--person", "ceo=A")
    assert wrong.exit_code == 2 and "not a role" in wrong.stderr
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "ownerdiag.yaml").write_text(
        "format: ownerdiag-engagement/1\nclient: X\nbank: outbound\n"
    )
    result = cli("status", "--dir", bad)
    assert result.exit_code == 2 and "ownerdiag.yaml:1" in result.stderr


def test_quarters():
    from datetime import date

    assert quarter(date(2026, 11, 24)) == "2026-Q4"
    assert next_quarter("2026-Q4", date(2026, 11, 24)) == "2027-Q1"
    assert next_quarter("2026-Q2", date(2026, 11, 24)) == "2026-Q3"
    assert next_quarter("kickoff", date(2026, 11, 24)) == "2026-Q4"


def test_a_bank_file_engagement_and_what_a_round_may_hold(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from ownerdiag.files.banks import builtin_dir

    folder = tmp_path / "beta"
    folder.mkdir()
    (folder / "README.txt").write_text("my notes\n")
    bank = folder / "mybank.yaml"
    bank.write_text(
        (builtin_dir() / "outbound.yaml").read_text().replace("id: outbound", "id: mybank", 1)
    )
    made = cli(
        "init", folder, "--client", "Beta", "--bank", bank,
        "--person", "cro=Dana Reyes", "--person", "vp_sales=Sam Ortiz",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert (folder / "README.txt").read_text() == "my notes\n"  # never replaced without --force
    monkeypatch.chdir(folder)
    for name, role in (("Dana Reyes", "cro"), ("Sam Ortiz", "vp_sales")):
        assert (
            cli("survey", "--person", name, "--answers", ANSWERS_1 / f"{role}.yaml").exit_code == 0
        )
    assert cli("compare", "-f", "json").exit_code == 0  # the engagement's own bank file
    round_dir = next(p for p in folder.iterdir() if p.is_dir())
    dana = next(round_dir.glob("*cro-dana*.yaml"))
    (round_dir / "stranger.yaml").write_text(
        dana.read_text().replace("name: Dana Reyes", "name: Former VP")
    )
    report = json.loads(cli("compare", "-f", "json").stdout)
    assert sorted(r["name"] for r in report["respondents"]) == ["Dana Reyes", "Sam Ortiz"]
    (round_dir / "copy.yaml").write_text(dana.read_text())  # a second download of one file
    status = cli("status")
    assert "a second response from Dana Reyes" in status.stdout
    refused = cli("compare")
    assert refused.exit_code == 2 and len(refused.stderr.strip().splitlines()) == 1
    conflict = cli("survey", "--person", "Dana Reyes", "--role", "vp_sales")
    assert conflict.exit_code == 2 and "leave --role and --name out" in conflict.stderr


def test_init_says_in_one_line_what_is_wrong(cli, tmp_path: Path):
    for extra in (
        ["--person", "cro=A", "--person", "cro=B"],  # one person per role
        ["--person", "cro=A", "--round", "../x"],
        ["--person", "cro=A", "--client", ""],
    ):
        args = ["init", tmp_path / "x", "--client", "X", "--bank", "outbound", *extra]
        result = cli(*args)
        assert result.exit_code == 2, extra
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_a_name_with_escape_sequences_is_refused_and_markup_shown_literally(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = tmp_path / "esc"
    refused = cli("init", folder, "--client", "E", "--bank", "outbound",
                  "--person", "cro=Dana\x1b]0;pwned\x07")  # fmt: skip
    assert refused.exit_code == 2 and len(refused.stderr.splitlines()) == 1
    assert "\x1b" not in refused.stderr and "one line" in refused.stderr
    made = cli("init", folder, "--client", "E", "--bank", "outbound",
               "--person", "cro=[bold red]Dana[/] <b>R</b>")  # fmt: skip
    assert made.exit_code == 0, made.output
    monkeypatch.chdir(folder)
    shown = cli("invite").stdout
    assert "[bold red]Dana[/] <b>R</b> (Chief Revenue Officer):" in shown
    engagement = folder / "ownerdiag.yaml"
    text = re.sub(r"name: .*Dana.*", 'name: "Dana\\\\e]0;pwned\\\\a"', engagement.read_text())
    engagement.write_text(text)
    edited = cli("invite")
    assert edited.exit_code == 2 and edited.stderr.startswith(f"{engagement}:")
    assert "\x1b" not in edited.stderr and len(edited.stderr.splitlines()) == 1
