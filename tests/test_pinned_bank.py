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


def test_an_upgrade_moves_the_next_round_says_what_changed_and_trend_follows_the_rest(
    cli, answered, tmp_path, monkeypatch
):
    upgrade_the_builtin_bank(tmp_path, monkeypatch)
    moved = cli("new-round", "2027-Q1", "--bank-upgrade")
    assert moved.exit_code == 0, moved.output
    assert "Bank outbound 2.2 → outbound 9.9; earlier rounds keep outbound 2.2:" in moved.stderr
    reworded = next(x for x in moved.stderr.splitlines() if "reworded" in x)
    assert reworded.strip().startswith("1 reworded: ")
    question = reworded.split(": ")[1].split(" (")[0]
    kept = (answered / "ownerdiag.yaml").read_text()
    assert "bank: bank-outbound-9-9.yaml" in kept and "bank: bank-outbound-2-2.yaml" in kept

    next_answers = EXAMPLES / "outbound-next-quarter" / "answers"
    for name, role in (("Dana Reyes", "cro"), ("Sam Ortiz", "vp_sales")):
        done = cli("survey", "--person", name, "--answers", next_answers / f"{role}.yaml")
        assert done.exit_code == 0, done.output
    status = json.loads(cli("status", "-f", "json").stdout)
    assert [[p["state"] for p in r["people"]] for r in status["rounds"]] == [["answered"] * 2] * 2
    assert cli("compare", "--round", "2026-Q4").exit_code == 0
    assert cli("compare", "--round", "2027-Q1").exit_code == 0

    trend = cli("trend", "-f", "json")
    assert trend.exit_code == 0, trend.output
    skipped = {x["question_id"]: x["reason"] for x in json.loads(trend.stdout)["not_compared"]}
    assert skipped == {question: "asked differently between rounds (wording or choices)"}


def test_an_upgrade_with_nothing_new_says_so(cli, answered):
    moved = cli("new-round", "--bank-upgrade")
    assert moved.exit_code == 0
    assert "Bank outbound 2.2 is already the current version; the new round keeps it." in (
        moved.stderr
    )


def test_a_rekeyed_question_is_named_as_such():
    from ownerdiag.core.upgrade import bank_changes

    old = banks.resolve("outbound", []).bank
    data = old.model_dump(mode="json", exclude_defaults=True)
    owners = [q for q in data["questions"][1:] if q["kind"] == "owner" and q["expected"] == "cro"]
    owner = owners[0]
    owner["expected"] = "vp_sales"
    data["questions"][0]["prompt"] += " Today?"
    new = type(old).model_validate({**data, "version": "3.0"})
    changes = bank_changes(old, new)
    assert changes.rekeyed == [owner["id"]] and changes.reworded == [old.questions[0].id]
    assert changes.added == changes.removed == []


def test_an_upgrade_never_goes_back_to_an_older_version(cli, answered, tmp_path, monkeypatch):
    upgrade_the_builtin_bank(tmp_path, monkeypatch)
    assert cli("new-round", "2027-Q1", "--bank-upgrade").exit_code == 0  # now on 9.9
    older = tmp_path / "older"
    older.mkdir()
    (older / "outbound.yaml").write_text(
        (tmp_path / "newer-release" / "outbound.yaml")
        .read_text()
        .replace('version: "9.9"', 'version: "3.0"')
    )
    back = cli("new-round", "2027-Q2", "--bank-upgrade", "--bank-dir", older)
    assert back.exit_code == 2 and "is older than this engagement's outbound 9.9" in back.stderr
    assert "2027-Q2" not in (answered / "ownerdiag.yaml").read_text()


def test_an_engagement_naming_its_bank_by_id_gets_a_pinned_bank_and_the_way_to_keep_old_rounds(
    cli, answered
):
    data = (answered / "ownerdiag.yaml").read_text()
    (answered / "ownerdiag.yaml").write_text(
        data.replace("bank: bank-outbound-2-2.yaml", "bank: outbound")
    )
    moved = cli("new-round", "2027-Q1", "--bank-upgrade")
    assert moved.exit_code == 0, moved.output
    assert "pinned for the new round as bank-outbound-2-2.yaml" in moved.stderr
    assert "Earlier rounds name the bank by id" in moved.stderr
