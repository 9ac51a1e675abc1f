"""Next quarter says whether the meeting's decisions were adopted: per decided item, in every
format, before what moved."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ownerdiag.core.trend import ADOPTION

from .conftest import EXAMPLES


@pytest.fixture
def rounds(cli, tmp_path: Path) -> tuple[Path, Path, str, str]:
    """Two rounds; the first round's meeting decided an owner that nobody names next round.
    Returns the folders, the question decided and the owner both still name."""
    q4, q1 = tmp_path / "2026-Q4", tmp_path / "2027-Q1"
    for source, target in ((EXAMPLES / "outbound", q4), (EXAMPLES / "outbound-next-quarter", q1)):
        target.mkdir()
        for name in ("cro.yaml", "vp_sales.yaml"):
            shutil.copy(source / name, target / name)
    before = json.loads(cli("compare", *sorted(q4.glob("*.yaml")), "-f", "json").stdout)
    after = json.loads(cli("compare", *sorted(q1.glob("*.yaml")), "-f", "json").stdout)
    agreed_later = {
        i["question_id"]: next(iter(set(i["answers"].values())))
        for i in after["items"]
        if i["kind"] == "owner" and len(set(i["answers"].values())) == 1
    }
    question = next(
        i["question_id"]
        for i in before["items"]
        if i["verdict"] != "aligned" and agreed_later.get(i["question_id"]) in ("cro", "vp_sales")
    )
    still = agreed_later[question]
    decided = "vp_sales" if still == "cro" else "cro"
    agreed = tmp_path / "agreed.yaml"
    agreed.write_text(f"{question}: {decided}\n")
    result = cli("resolve", *sorted(q4.glob("*.yaml")), "--answers", agreed,
                 "--out", q4 / "decisions.yaml")  # fmt: skip
    assert result.exit_code == 0, result.output
    return q4, q1, question, still


def test_a_decision_the_next_round_did_not_follow_is_not_adopted_in_json(cli, rounds):
    q4, q1, question, _ = rounds
    data = json.loads(cli("trend", q4, q1, "-f", "json").stdout)
    followed = {d["question_id"]: d for d in data["decisions_followed"]}
    assert followed[question]["outcome"] == "not adopted"
    assert followed[question]["decided_in"] == data["rounds"][0]["label"]
    assert followed[question]["agreeing"] == []
    assert list(data).index("decisions_followed") < list(data).index("items")


@pytest.mark.parametrize("format", ["terminal", "markdown", "html"])
def test_not_adopted_reads_first_in_every_format(cli, rounds, format: str, tmp_path: Path):
    q4, q1, _, still = rounds
    out = tmp_path / f"trend.{ {'terminal': 'txt', 'markdown': 'md', 'html': 'html'}[format] }"
    assert cli("trend", q4, q1, "-f", format, "--out", out).exit_code == 0
    text = out.read_text()
    assert "not adopted" in text
    owner = {"cro": "CRO", "vp_sales": "VP Sales"}[still]
    assert f"both still say {owner}" in text
    assert text.index("Decisions followed") < text.index("Alignment")  # before the scores


def test_without_a_decisions_file_nothing_is_followed(cli, rounds):
    q4, q1, _, _ = rounds
    (q4 / "decisions.yaml").unlink()
    assert json.loads(cli("trend", q4, q1, "-f", "json").stdout)["decisions_followed"] == []


def test_adoption_outcomes_are_ordered_worst_first():
    assert ADOPTION[0] == "not adopted" and ADOPTION.index("partly") < ADOPTION.index("adopted")


def test_a_collision_that_became_a_split_is_softened_not_the_same():
    from ownerdiag.core.trend import transition
    from ownerdiag.core.verdicts import Severity, Verdict

    high = Severity.high  # a weighted split is as severe as a collision
    assert transition("persisted", high, high, Verdict.collision, Verdict.split) == "softened"
    assert transition("persisted", high, high, Verdict.split, Verdict.vacuum) == "hardened"
    assert transition("persisted", high, high, Verdict.collision, Verdict.deflection) == "same"
    assert transition("persisted", high, Severity.medium, Verdict.collision, Verdict.split) == (
        "better"
    )
