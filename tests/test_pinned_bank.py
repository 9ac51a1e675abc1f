"""An engagement keeps its own copy of the bank: a new release of the built-in bank neither
changes nor orphans a round already answered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ownerdiag.files import banks

from .conftest import EXAMPLES

ANSWERS = EXAMPLES / "outbound" / "answers"


@pytest.fixture
def answered(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "acme"
    result = cli("init", folder, "--client", "Acme Corp", "--bank", "outbound",
                 "--round", "2026-Q4", "--person", "cro=Dana Reyes",
                 "--person", "vp_sales=Sam Ortiz")  # fmt: skip
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(folder)
    for name, role in (("Dana Reyes", "cro"), ("Sam Ortiz", "vp_sales")):
        assert cli("survey", "--person", name, "--answers", ANSWERS / f"{role}.yaml").exit_code == 0
    return folder


def upgrade_the_builtin_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later release: the built-in outbound bank has a new version and a reworded prompt."""
    shipped = banks.builtin_dir()
    newer = tmp_path / "newer-release"
    newer.mkdir()
    for path in shipped.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "outbound.yaml":
            text = text.replace('version: "2.2"', 'version: "9.9"', 1)
            text = text.replace("prompt: Who ", "prompt: In your view, who ", 1)
        (newer / path.name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(banks, "builtin_dir", lambda: newer)
    banks._LOADED.clear()


def test_init_keeps_a_copy_of_the_bank_beside_the_engagement(answered):
    kept = answered / "bank-outbound-2-2.yaml"
    assert kept.read_bytes() == (banks.builtin_dir() / "outbound.yaml").read_bytes()
    assert "bank: bank-outbound-2-2.yaml" in (answered / "ownerdiag.yaml").read_text()


def test_a_new_release_of_the_bank_leaves_an_answered_round_working(cli, answered, tmp_path,
                                                                    monkeypatch):  # fmt: skip
    before = json.loads(cli("compare", "-f", "json").stdout)
    upgrade_the_builtin_bank(tmp_path, monkeypatch)
    assert json.loads(cli("bank", "show", "outbound", "-f", "json").stdout)["version"] == "9.9"
    status = json.loads(cli("status", "-f", "json").stdout)
    assert [p["state"] for p in status["rounds"][0]["people"]] == ["answered", "answered"]
    assert status["bank"]["version"] == "2.2"
    assert json.loads(cli("compare", "-f", "json").stdout) == before
    assert cli("new-round", "2027-Q1").exit_code == 0
    assert cli("status").exit_code == 0
