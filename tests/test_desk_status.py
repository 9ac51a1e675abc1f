"""`ownerdiag status` at a folder of engagements: one line per client, who is waiting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import EXAMPLES

ANSWERS = EXAMPLES / "outbound" / "answers"


def engagement(cli, folder: Path, client: str, vp: str) -> None:
    result = cli("init", folder, "--client", client, "--bank", "outbound", "--round", "2026-Q4",
                 "--person", "cro=Dana Reyes", "--person", f"vp_sales={vp}")  # fmt: skip
    assert result.exit_code == 0, result.output


@pytest.fixture
def desk(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "clients"
    engagement(cli, root / "acme", "Acme Corp", "Sam Ortiz")
    engagement(cli, root / "globex", "Globex", "Marcus Webb")
    monkeypatch.chdir(root)
    assert "waiting for Dana Reyes, Marcus Webb (not invited yet" in cli("status").stdout
    for folder, vp in ((root / "acme", "Sam Ortiz"), (root / "globex", None)):
        monkeypatch.chdir(folder)
        assert cli("invite").exit_code == 0
        people = [("Dana Reyes", "cro"), *([(vp, "vp_sales")] if vp else [])]
        for name, role in people:
            done = cli("survey", "--person", name, "--answers", ANSWERS / f"{role}.yaml")
            assert done.exit_code == 0, done.output
    monkeypatch.chdir(root)
    return root


def test_the_desk_lists_each_client_and_who_is_waiting(cli, desk):
    shown = cli("status")
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert len(lines) == 2
    acme = next(line for line in lines if line.startswith("Acme Corp"))
    globex = next(line for line in lines if line.startswith("Globex"))
    assert "2026-Q4" in acme and "2/2 answered" in acme and "ready for the meeting" in acme
    assert "1/2 answered" in globex and "waiting for Marcus Webb (invited today)" in globex
    assert "could not be read" not in shown.output


def test_the_desk_as_json_and_check(cli, desk):
    data = json.loads(cli("status", "-f", "json").stdout)
    by_client = {c["client"]: c for c in data["clients"]}
    assert by_client["Globex"]["waiting"] == ["Marcus Webb"]
    assert by_client["Globex"]["waiting_days"] == 0
    assert by_client["Acme Corp"]["waiting"] == [] and not by_client["Acme Corp"]["meeting_held"]
    assert cli("status", "--check").exit_code == 1


def test_a_held_meeting_shows_on_the_desk(cli, desk, monkeypatch):
    monkeypatch.chdir(desk / "acme")
    agreed = EXAMPLES / "outbound" / "meeting" / "agreed.yaml"
    assert cli("resolve", "--answers", agreed, "--out", "2026-Q4/decisions.yaml").exit_code == 0
    monkeypatch.chdir(desk)
    acme = next(line for line in cli("status").stdout.splitlines() if "Acme" in line)
    assert "meeting held" in acme


def test_a_folder_with_no_engagement_still_says_so(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("status")
    assert result.exit_code == 2 and "not inside an engagement" in result.stderr
