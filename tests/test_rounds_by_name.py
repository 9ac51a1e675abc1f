"""Rounds addressed by name, by folder, or by standing in one; the meeting's files in a round
folder are recognised, not read as responses; titles carry the client and the round."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import EXAMPLES

ANSWERS = {"2026-Q4": EXAMPLES / "outbound" / "answers",
           "2027-Q1": EXAMPLES / "outbound-next-quarter" / "answers"}  # fmt: skip


@pytest.fixture
def acme(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two answered rounds; the first keeps its meeting's decisions beside its responses."""
    folder = tmp_path / "acme"
    cli("init", folder, "--client", "Acme Corp", "--bank", "outbound", "--round", "2026-Q4",
        "--person", "cro=Dana Reyes", "--person", "vp_sales=Sam Ortiz")  # fmt: skip
    monkeypatch.chdir(folder)
    for round_name, answers in ANSWERS.items():
        if round_name != "2026-Q4":
            assert cli("new-round", round_name).exit_code == 0
        for name, role in (("Dana Reyes", "cro"), ("Sam Ortiz", "vp_sales")):
            done = cli("survey", "--person", name, "--answers", answers / f"{role}.yaml")
            assert done.exit_code == 0, done.output
        if round_name == "2026-Q4":
            agreed = EXAMPLES / "outbound" / "meeting" / "agreed.yaml"
            decided = cli("resolve", "--answers", agreed, "--out", "2026-Q4/decisions.yaml")
            assert decided.exit_code == 0, decided.output
    return folder


def report(cli, *args: object) -> dict:
    result = cli("compare", *args, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def markdown_title(cli, *args: object) -> str:
    result = cli("compare", *args, "-f", "markdown")
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[0]


def test_round_by_name_folder_or_glob_reads_that_round_and_skips_the_meeting_file(cli, acme):
    q4 = sorted(acme.glob("2026-Q4/*.yaml"))
    assert "decisions.yaml" in [p.name for p in q4]
    by_name = report(cli, "--round", "2026-Q4")
    assert report(cli, "2026-Q4/") == by_name == report(cli, *q4)
    assert by_name != report(cli)  # the current round is 2027-Q1
    assert report(cli, "--round", "2027-Q1") == report(cli)


def test_standing_in_a_round_folder_compares_that_round(cli, acme, monkeypatch):
    monkeypatch.chdir(acme / "2026-Q4")
    assert markdown_title(cli) == "# Lane-gap report: Acme Corp — 2026-Q4"


def test_titles_carry_client_and_round_however_the_round_is_given(cli, acme):
    expected = "# Lane-gap report: Acme Corp — 2026-Q4"
    assert markdown_title(cli, "--round", "2026-Q4") == expected
    assert markdown_title(cli, "2026-Q4") == expected
    assert markdown_title(cli, *sorted(acme.glob("2026-Q4/outbound-*.yaml"))) == expected


def test_an_unknown_round_is_refused_in_one_line_naming_the_rounds(cli, acme):
    result = cli("compare", "--round", "2025-Q1")
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1
    assert "2025-Q1" in lines[0] and "2026-Q4, 2027-Q1" in lines[0]


def test_resolve_and_charter_take_the_round_too(cli, acme):
    charter = cli("charter", "--round", "2026-Q4", "--decisions", "2026-Q4/decisions.yaml")
    assert charter.exit_code == 0, charter.output
    assert "# Ownership agreement: Acme Corp — 2026-Q4" in charter.stdout
