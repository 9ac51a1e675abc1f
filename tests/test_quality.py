"""Cautions about answers that cannot be trusted: computed by hand, shown in every format, and
never a change of verdict."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ownerdiag.core.answers import finish, start
from ownerdiag.core.engine import compare
from ownerdiag.core.models import Bank
from ownerdiag.core.quality import cautions

from .conftest import EXAMPLES, survey_args

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
VP = EXAMPLES / "outbound" / "vp_sales.yaml"


def owner_ids(bank: Bank) -> list[str]:
    return [q.id for q in bank.questions if q.names_owners]


def response(bank: Bank, answers: dict, seconds: dict | None = None):
    begun = start(bank, "cro", "C", T0).model_copy(
        update={"answers": answers, "seconds": seconds or {}}
    )
    return finish(bank, begun, T0)


def test_four_in_five_the_same_is_straight_lining_and_three_in_five_is_not(outbound: Bank):
    ids = owner_ids(outbound)[:5]
    four = response(outbound, dict(zip(ids, ["cro"] * 4 + ["vp_sales"], strict=True)))
    three = response(outbound, dict(zip(ids, ["cro"] * 3 + ["vp_sales"] * 2, strict=True)))
    assert [(c.kind, c.figure) for c in cautions(outbound, four)] == [("straight_lining", 0.8)]
    assert cautions(outbound, three) == []


def test_mostly_cant_say_means_more_than_half(outbound: Bank):
    ids = owner_ids(outbound)[:6]
    half = ["unclear"] * 3 + ["cro", "vp_sales", "joint"]
    more = ["unclear"] * 4 + ["cro", "vp_sales"]
    assert cautions(outbound, response(outbound, dict(zip(ids, half, strict=True)))) == []
    (caution,) = cautions(outbound, response(outbound, dict(zip(ids, more, strict=True))))
    assert (caution.kind, caution.figure) == ("cannot_say", 0.67)


def test_speeding_is_a_median_under_two_seconds(outbound: Bank):
    ids = [q.id for q in outbound.questions][:5]
    mixed = ["cro", "vp_sales", "joint", "marketing", "cro"]
    owners = {i: a for i, a in zip(owner_ids(outbound)[:5], mixed, strict=True)}
    fast = response(outbound, owners, dict(zip(ids, [1.0, 1.5, 1.9, 30.0, 40.0], strict=True)))
    slow = response(outbound, owners, dict(zip(ids, [1.0, 1.5, 2.0, 30.0, 40.0], strict=True)))
    assert [(c.kind, c.figure) for c in cautions(outbound, fast)] == [("speeding", 1.9)]
    assert cautions(outbound, slow) == []


def test_fewer_than_five_answers_are_never_judged(outbound: Bank):
    ids = owner_ids(outbound)[:4]
    assert cautions(outbound, response(outbound, dict.fromkeys(ids, "unclear"))) == []


def test_a_caution_changes_no_verdict(outbound: Bank):
    from ownerdiag.files.documents import load_response

    vp = load_response(VP)[0]
    cro = load_response(EXAMPLES / "outbound" / "cro.yaml")[0]
    hasty = cro.model_copy(update={"seconds": {q.id: 0.5 for q in outbound.questions}})
    plain, doubted = compare(outbound, [cro, vp]), compare(outbound, [hasty, vp])
    assert doubted.cautions["cro"] and not plain.cautions["cro"]
    assert [i.verdict for i in doubted.items] == [i.verdict for i in plain.items]
    assert doubted.score == plain.score


@pytest.fixture
def straight_lined(cli, tmp_path: Path, outbound: Bank) -> Path:
    source = (EXAMPLES / "outbound" / "answers" / "cro.yaml").read_text()
    for question_id in owner_ids(outbound):
        source = re.sub(rf"(?m)^{question_id}: .*$", f"{question_id}: unclear", source)
    answers = tmp_path / "a.yaml"
    answers.write_text(source)
    out = tmp_path / "cro.yaml"
    assert cli(*survey_args("cro", "Dana Reyes", "--answers", answers, "--out", out)).exit_code == 0
    return out


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_every_format_shows_the_caution_beside_the_person(cli, straight_lined: Path, fmt: str):
    import html

    shown = " ".join(html.unescape(cli("compare", straight_lined, VP, "-f", fmt).stdout).split())
    assert "caution: the same answer on 100% of owner questions" in shown
    assert "can't say” on 100% of owner questions" in shown


def test_json_carries_the_cautions_on_each_respondent(cli, straight_lined: Path):
    report = json.loads(cli("compare", straight_lined, VP, "-f", "json").stdout)
    cro, vp = report["respondents"]
    assert [c["kind"] for c in cro["cautions"]] == ["straight_lining", "cannot_say"]
    assert cro["cautions"][0] == {"kind": "straight_lining", "figure": 1.0, "threshold": 0.8}
    assert vp["cautions"] == []
