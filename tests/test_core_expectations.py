"""Hand-computed expectations for verdicts, severities, scores and agreement statistics.

Every number below is worked out by hand in the comments next to it, so a change to a rule, a
table or a formula shows up as a wrong number a user would see in a report.
"""

from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Any, Literal

import pytest

from ownerdiag.core import verdicts
from ownerdiag.core.answers import finish, start
from ownerdiag.core.engine import (
    MIN_ITEMS_FOR_AC1,
    Comparison,
    Item,
    PairAgreement,
    alignment_score,
    compare,
    conflicts,
    count_verdicts,
    judge,
)
from ownerdiag.core.fields import AnswerError, Choice, Weight
from ownerdiag.core.kinds.base import QuestionBase, choice_verdict, distinct
from ownerdiag.core.kinds.cadence import CADENCES, cadence_step, cadence_verdict
from ownerdiag.core.kinds.owner import owner_verdict
from ownerdiag.core.kinds.scale import scale_verdict
from ownerdiag.core.models import Bank, Response
from ownerdiag.core.stats import gwet_ac1, pair_agreement, percent_agreement, within
from ownerdiag.core.verdicts import Severity, Verdict, agreed, severity
from ownerdiag.files.collect import compare_files
from ownerdiag.files.schema import validate
from ownerdiag.files.yamlio import parse_yaml

from .conftest import EXAMPLES, MINI_BANK

V = Verdict
S = Severity
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def offered(question: QuestionBase, bank: Bank) -> list[tuple[object, str]]:
    """(answer, title) as the question's prompt offers them."""
    return [(o.value, o.title) for o in question.prompt_spec(bank).options]


# --- a bank built for the sums ---------------------------------------------------------------


def _q(qid: str, kind: str, lane: str, weight: str = "normal", **extra: Any) -> dict[str, Any]:
    return {"id": qid, "kind": kind, "lane": lane, "prompt": f"{qid}?", "weight": weight, **extra}


BANK_DATA: dict[str, Any] = {
    "id": "sums",
    "title": "Sums bank",
    "version": "1",
    "roles": {"cro": "Chief Revenue Officer", "vp": "VP of Sales", "ceo": "Chief Executive"},
    "parties": {"marketing": "Marketing"},
    "lanes": {
        "design": {"title": "Design"},
        "execution": {"title": "Execution"},
        "spare": {"title": "Spare"},
    },
    "headline": ["t1", "s1", "o2", "o1"],
    "questions": [
        _q("o1", "owner", "design", "high", expected="cro"),
        _q("o2", "owner", "design", expected="vp"),
        _q("o3", "owner", "design", "low", expected="cro"),
        _q("o4", "owner", "execution", expected="vp"),
        _q("o5", "owner", "execution", "high", expected="joint"),
        _q("o6", "owner", "execution", expected="marketing"),
        _q("o7", "owner", "execution", "low", expected="cro"),
        _q("o8", "owner", "design"),
        _q("o9", "owner", "design", "high", expected="vp"),
        _q("o10", "owner", "execution", expected="vp"),
        _q("c1", "cadence", "design", expected="monthly"),
        _q("c2", "cadence", "execution", expected="monthly"),
        _q("c3", "cadence", "execution", "high", expected="quarterly"),
        _q("y1", "yes_no", "design", expected="yes"),
        _q("s1", "scale", "execution", expected=4, better="higher"),
        _q("t1", "text", "spare"),
    ],
}

# owner categories: cro, vp, ceo, marketing, joint, unclear (q = 6)
CRO: dict[str, Any] = {
    "o1": "cro",  # both cro, expected cro: aligned (high weight)
    "o2": "cro",  # cro claims it, vp claims it: collision
    "o3": "unclear",  # unclear: vacuum (low weight)
    "o4": "vp",  # each names the other: deflection
    "o5": "joint",  # joint vs cro: split (high weight)
    "o6": "marketing",  # marketing vs ceo: mismatch
    "o7": "joint",  # both joint, expected cro: drift (low weight)
    "o8": "marketing",  # both marketing, nothing expected: aligned
    "o9": "ceo",  # both ceo, expected vp: drift (high weight)
    "o10": "vp",  # both vp, expected vp: aligned
    "c1": "quarterly",  # both quarterly, expected monthly: drift
    "c2": "weekly",  # weekly vs quarterly: mismatch
    "c3": "weekly",  # weekly vs monthly: mismatch (high weight)
    "y1": "yes",  # both yes: aligned
    "s1": 3,  # both 3, expected 4 or higher: drift
    "t1": "We own it.",  # text: unscored
}
VP: dict[str, Any] = {
    "o1": "cro",
    "o2": "vp",
    "o3": "cro",
    "o4": "cro",
    "o5": "cro",
    "o6": "ceo",
    "o7": "joint",
    "o8": "marketing",
    "o9": "ceo",
    "o10": "vp",
    "c1": "quarterly",
    "c2": "quarterly",
    "c3": "monthly",
    "y1": "yes",
    "s1": 3,
    "t1": "I own it.",
}

# every question answered as the framework expects it (o8 expects nothing: any shared answer)
ON_FRAMEWORK: dict[str, Any] = {
    "o1": "cro",
    "o2": "vp",
    "o3": "cro",
    "o4": "vp",
    "o5": "joint",
    "o6": "marketing",
    "o7": "cro",
    "o8": "ceo",
    "o9": "vp",
    "o10": "vp",
    "c1": "monthly",
    "c2": "monthly",
    "c3": "quarterly",
    "y1": "yes",
    "s1": 4,
    "t1": "Agreed.",
}


# function-scoped on purpose: mutmut maps each test to the code it runs, and a shared fixture
# would hide the code it ran from every test but the first one to use it
@pytest.fixture
def bank() -> Bank:
    return Bank.model_validate(BANK_DATA)


def respond(bank: Bank, role: str, answers: dict[str, Any]) -> Response:
    response = start(bank, role, role.upper(), T0).model_copy(update={"answers": answers})
    return finish(bank, response, T0)


def compare_answers(bank: Bank, **by_role: dict[str, Any]) -> Comparison:
    return compare(bank, [respond(bank, role, answers) for role, answers in by_role.items()])


@pytest.fixture
def two(bank: Bank) -> Comparison:
    return compare_answers(bank, cro=CRO, vp=VP)


def ids(items: list[Item]) -> list[str]:
    return [i.question.id for i in items]


# --- the tables -------------------------------------------------------------------------------


def test_credit_and_weight_tables():
    assert {
        V.aligned: 1.0,
        V.drift: 0.5,
        V.split: 0.25,
        V.mismatch: 0.0,
        V.vacuum: 0.0,
        V.collision: 0.0,
        V.deflection: 0.0,
    } == verdicts.CREDIT
    assert V.unscored not in verdicts.CREDIT
    assert {Weight.low: 0.5, Weight.normal: 1.0, Weight.high: 2.0} == verdicts.WEIGHT


def test_severity_ranks_and_base_severities():
    assert [s.rank for s in (S.none, S.low, S.medium, S.high)] == [0, 1, 2, 3]
    assert {
        V.vacuum: S.high,
        V.collision: S.high,
        V.deflection: S.high,
        V.split: S.medium,
        V.mismatch: S.medium,
        V.drift: S.low,
        V.aligned: S.none,
        V.unscored: S.none,
    } == verdicts.BASE_SEVERITY


# Every verdict at every weight: low shifts one step down, high one step up, and the result
# stays between low and high; aligned and unscored never become a conflict.
SEVERITY_TABLE = {
    V.vacuum: (S.medium, S.high, S.high),
    V.collision: (S.medium, S.high, S.high),
    V.deflection: (S.medium, S.high, S.high),
    V.split: (S.low, S.medium, S.high),
    V.mismatch: (S.low, S.medium, S.high),
    V.drift: (S.low, S.low, S.medium),
    V.aligned: (S.none, S.none, S.none),
    V.unscored: (S.none, S.none, S.none),
}


@pytest.mark.parametrize("verdict", list(V))
def test_severity_table(verdict: Verdict):
    low, normal, high = SEVERITY_TABLE[verdict]
    assert severity(verdict, Weight.low) is low
    assert severity(verdict, Weight.normal) is normal
    assert severity(verdict, Weight.high) is high
    assert severity(verdict) is normal  # the default weight is normal


def test_agreed():
    assert agreed(True) is V.aligned
    assert agreed(False) is V.drift


# --- the rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected", "verdict"),
    [
        # one self-claim is not a collision: it takes two people naming themselves
        ([("cro", "cro"), ("vp", "marketing")], None, V.mismatch),
        ([("cro", "cro"), ("vp", "joint")], None, V.split),
        # naming the other when the other does not name you back is no deflection
        ([("cro", "vp"), ("vp", "vp")], "vp", V.aligned),
        ([("cro", "vp"), ("vp", "vp"), ("ceo", "cro")], "vp", V.mismatch),
        # deflection between the second and third of three people
        ([("cro", "joint"), ("vp", "ceo"), ("ceo", "vp")], None, V.deflection),
        # agreeing on the expected owner, with and without an expectation
        ([("cro", "marketing"), ("vp", "marketing")], "marketing", V.aligned),
        ([("cro", "marketing"), ("vp", "marketing")], "cro", V.drift),
        ([("cro", "joint"), ("vp", "joint")], None, V.aligned),
        ([("cro", "joint"), ("vp", "joint")], "joint", V.aligned),
    ],
)
def test_owner_rule_edges(answers: list[tuple[str, str]], expected: str | None, verdict: Verdict):
    assert owner_verdict(answers, expected) is verdict


@pytest.mark.parametrize(
    ("values", "expected", "verdict"),
    [
        (["weekly", "weekly"], "weekly", V.aligned),
        (["monthly", "monthly"], "weekly", V.drift),
        (["quarterly", "quarterly"], "quarterly", V.aligned),
        (["ad_hoc", "ad_hoc"], "quarterly", V.drift),
        (["quarterly", "quarterly"], "ad_hoc", V.aligned),
        (["yearly", "yearly"], "quarterly", V.drift),
        (["quarterly", "quarterly"], "yearly", V.aligned),
        (["never", "never"], None, V.aligned),
        (["never", "weekly"], None, V.mismatch),
    ],
)
def test_cadence_rule_edges(values: list[str], expected: str | None, verdict: Verdict):
    assert cadence_verdict([("a", values[0]), ("b", values[1])], expected) is verdict


def test_cadence_steps_run_fastest_to_slowest():
    assert [cadence_step(c) for c in CADENCES] == [0, 1, 2, 3, 4, 5]
    assert list(CADENCES) == ["weekly", "monthly", "quarterly", "yearly", "ad_hoc", "never"]


@pytest.mark.parametrize(
    ("values", "expected", "threshold", "better", "verdict"),
    [
        # exactly threshold apart is not a mismatch; one more is
        ([1, 2], None, 1, None, V.aligned),
        ([1, 3], None, 1, None, V.mismatch),
        ([1, 4], None, 2, None, V.mismatch),
        ([3, 3, 2], None, 0, None, V.mismatch),
        # without better: drift only when every answer misses expected by more than threshold
        ([3, 3], 4, 1, None, V.aligned),
        ([2, 2], 4, 1, None, V.drift),
        ([5, 5], 3, 1, None, V.drift),
        ([2, 3], 4, 1, None, V.aligned),
        ([3, 3], 5, 2, None, V.aligned),
        ([2, 2], 5, 2, None, V.drift),
        # better = lower: drift when even the lowest answer is above expected
        ([3, 3], 3, 1, "lower", V.aligned),
        ([4, 5], 3, 1, "lower", V.drift),
        ([3, 4], 3, 1, "lower", V.aligned),
        ([1, 1], 3, 1, "lower", V.aligned),
        # better = higher: drift when even the highest answer is below expected
        ([3, 3], 3, 1, "higher", V.aligned),
        ([2, 3], 4, 1, "higher", V.drift),
        ([3, 4], 4, 1, "higher", V.aligned),
        ([5, 5], 3, 1, "higher", V.aligned),
    ],
)
def test_scale_rule_edges(
    values: list[int], expected: int | None, threshold: int, better: str | None, verdict: Verdict
):
    answers = [(f"r{n}", v) for n, v in enumerate(values)]
    assert scale_verdict(answers, expected, threshold, better) is verdict


def test_choice_rule_and_distinct():
    assert choice_verdict([("a", "x"), ("b", "x")], None) is V.aligned
    assert choice_verdict([("a", "x"), ("b", "x")], "x") is V.aligned
    assert choice_verdict([("a", "x"), ("b", "x")], "y") is V.drift
    assert choice_verdict([("a", "x"), ("b", "y"), ("c", "x")], None) is V.mismatch
    # first seen first, and lists (unhashable) work
    assert distinct(["b", "a", "b", "c", "a"]) == ["b", "a", "c"]
    assert distinct([["x"], ["x"], ["y"]]) == [["x"], ["y"]]
    assert distinct([]) == []


def test_judge_needs_a_scored_question_and_two_answers(bank: Bank):
    o2, t1 = bank.question("o2"), bank.question("t1")
    assert o2 is not None and t1 is not None
    assert judge(o2, [("cro", "cro"), ("vp", "vp")]) is V.collision
    assert judge(o2, [("cro", "cro")]) is V.unscored
    assert judge(o2, []) is V.unscored
    assert judge(t1, [("cro", "a"), ("vp", "b")]) is V.unscored


# --- one comparison, every figure by hand -------------------------------------------------------


def test_verdicts_and_severities_of_every_item(two: Comparison):
    # severity: base shifted by weight (see SEVERITY_TABLE)
    expected = {
        "o1": (V.aligned, S.none),
        "o2": (V.collision, S.high),
        "o3": (V.vacuum, S.medium),  # high, low weight
        "o4": (V.deflection, S.high),
        "o5": (V.split, S.high),  # medium, high weight
        "o6": (V.mismatch, S.medium),
        "o7": (V.drift, S.low),  # low, low weight: stays low
        "o8": (V.aligned, S.none),
        "o9": (V.drift, S.medium),  # low, high weight
        "o10": (V.aligned, S.none),
        "c1": (V.drift, S.low),
        "c2": (V.mismatch, S.medium),
        "c3": (V.mismatch, S.high),  # medium, high weight
        "y1": (V.aligned, S.none),
        "s1": (V.drift, S.low),
        "t1": (V.unscored, S.none),
    }
    assert {i.question.id: (i.verdict, i.severity) for i in two.items} == expected
    assert two.items[1].answers == {"cro": "cro", "vp": "vp"}
    assert [r.respondent.role for r in two.responses] == ["cro", "vp"]


def test_lane_scores_overall_score_and_counts(two: Comparison):
    # design: o1 high aligned 2*1, o2 collision 0 of 1, o3 low vacuum 0 of 0.5,
    #   o8 aligned 1, o9 high drift 2*0.5, c1 drift 0.5, y1 aligned 1
    #   earned 2 + 1 + 1 + 0.5 + 1 = 5.5 of 2 + 1 + 0.5 + 1 + 2 + 1 + 1 = 8.5 -> 64.7 -> 65
    # execution: o4 deflection 0 of 1, o5 high split 2*0.25, o6 mismatch 0 of 1,
    #   o7 low drift 0.5*0.5, o10 aligned 1, c2 mismatch 0 of 1, c3 high mismatch 0 of 2,
    #   s1 drift 0.5
    #   earned 0.5 + 0.25 + 1 + 0.5 = 2.25 of 1 + 2 + 1 + 0.5 + 1 + 1 + 2 + 1 = 9.5 -> 23.7 -> 24
    # spare: only the text question, nothing scored -> no score
    # overall: 7.75 of 18 -> 43.06 -> 43
    assert [(lane.lane, lane.title, lane.score) for lane in two.lanes] == [
        ("design", "Design", 65),
        ("execution", "Execution", 24),
        ("spare", "Spare", None),
    ]
    assert two.score == 43
    zero = dict.fromkeys(V, 0)
    assert two.lanes[0].counts == {
        **zero,
        V.aligned: 3,  # o1, o8, y1
        V.collision: 1,  # o2
        V.vacuum: 1,  # o3
        V.drift: 2,  # o9, c1
    }
    assert two.lanes[1].counts == {
        **zero,
        V.deflection: 1,  # o4
        V.split: 1,  # o5
        V.mismatch: 3,  # o6, c2, c3
        V.drift: 2,  # o7, s1
        V.aligned: 1,  # o10
    }
    assert two.lanes[2].counts == {**zero, V.unscored: 1}
    assert two.counts == {
        V.vacuum: 1,
        V.collision: 1,
        V.deflection: 1,
        V.split: 1,
        V.mismatch: 3,
        V.drift: 4,
        V.aligned: 4,
        V.unscored: 1,
    }


def test_agreement_figures_for_two(two: Comparison):
    a = two.agreement
    # owner rows: o1..o10, all answered by both; the same on o1, o7, o8, o9, o10: 5 of 10
    assert a.owner_items == 10 == MIN_ITEMS_FOR_AC1
    assert a.owner_percent == 50
    # AC1 over 6 categories: pa = 0.5; prevalence (sum of count/2 over items, / 10):
    #   cro 3.0 -> .3, vp 2.0 -> .2, unclear .5 -> .05, joint 1.5, marketing 1.5, ceo 1.5 -> .15
    #   sum pi(1 - pi) = .21 + .16 + .0475 + 3 * .1275 = .8; pe = .8 / (6 - 1) = .16
    #   AC1 = (.5 - .16) / (1 - .16) = .34 / .84 = 0.40476 -> 0.405
    assert a.owner_ac1 == 0.405
    # cadence steps c1 (2, 2), c2 (0, 2), c3 (0, 1): exact 1 of 3, within one 2 of 3
    assert a.cadence_items == 3
    assert a.cadence_exact == 33
    assert a.cadence_within_one_step == 67
    # 15 scored items, same answer on o1, o7, o8, o9, o10, c1, y1, s1: 8 / 15 = 53.3
    assert a.pairwise == [PairAgreement(("cro", "vp"), 53)]


def test_agreement_figures_for_three(bank: Bank):
    # the CEO answers as the CRO did, but names the VP on o1 and skips o10 and c3
    ceo = {k: v for k, v in CRO.items() if k not in ("o10", "c3")} | {"o1": "vp"}
    three = compare_answers(bank, cro=CRO, vp=VP, ceo=ceo)
    a = three.agreement
    # owner questions all three answered: o1..o9 -> 9, too few for AC1
    assert a.owner_items == 9
    assert a.owner_ac1 is None
    # all three the same on o7, o8, o9: 3 of 9
    assert a.owner_percent == 33
    # cadences all answered: c1 (2, 2, 2), c2 (0, 2, 0): exact 1 of 2, within one 1 of 2
    assert (a.cadence_items, a.cadence_exact, a.cadence_within_one_step) == (2, 50, 50)
    # cro-vp: 8 of 15 (53); cro-ceo: 13 both answered, differ only on o1: 12/13 = 92.3;
    # vp-ceo: 13 both answered, same on o7, o8, o9, c1, y1, s1: 6/13 = 46.2
    assert a.pairwise == [
        PairAgreement(("cro", "vp"), 53),
        PairAgreement(("cro", "ceo"), 92),
        PairAgreement(("vp", "ceo"), 46),
    ]
    # o10 has two answers and still gets a verdict; o1 (cro, cro, vp) is now a mismatch
    assert three.item("o10") is not None
    assert three.item("o10").verdict is V.aligned  # type: ignore[union-attr]
    assert three.item("o1").verdict is V.mismatch  # type: ignore[union-attr]


def test_agreement_without_owner_or_cadence_questions():
    bank = Bank.model_validate(
        {
            "id": "plain",
            "title": "Plain",
            "version": "1",
            "roles": {"a": "A", "b": "B"},
            "lanes": {"l": {"title": "L"}},
            "questions": [_q("y", "yes_no", "l"), _q("t", "text", "l")],
        }
    )
    comparison = compare_answers(bank, a={"y": "yes", "t": "x"}, b={"t": "y"})
    a = comparison.agreement
    assert (a.owner_items, a.owner_percent, a.owner_ac1) == (0, None, None)
    assert (a.cadence_items, a.cadence_exact, a.cadence_within_one_step) == (0, None, None)
    # only a answered the scored question: nothing to compare the pair on
    assert a.pairwise == [PairAgreement(("a", "b"), None)]
    assert comparison.item("y").verdict is V.unscored  # type: ignore[union-attr]
    assert comparison.score is None
    assert comparison.headline is None
    assert comparison.conflicts() == []


def test_conflicts_order_severity_then_weight_then_bank_order(two: Comparison):
    # high: o5 (high weight), c3 (high weight), o2, o4 (normal)
    # medium: o9 (high), o6, c2 (normal), o3 (low)
    # low: c1, s1 (normal), o7 (low)
    expected = ["o5", "c3", "o2", "o4", "o9", "o6", "c2", "o3", "c1", "s1", "o7"]
    assert ids(two.conflicts()) == expected
    assert ids(conflicts(reversed(two.items))) == [
        "c3",
        "o5",
        "o4",
        "o2",
        "o9",
        "c2",
        "o6",
        "o3",
        "s1",
        "c1",
        "o7",
    ]


def test_item_lookup(two: Comparison):
    item = two.item("c2")
    assert item is not None and item.question.id == "c2" and item.verdict is V.mismatch
    assert two.item("nope") is None


def test_reaches(bank: Bank, two: Comparison):
    assert two.reaches("high") and two.reaches("medium") and two.reaches("low")
    # everyone gives the framework's answer: nothing to settle
    calm = compare_answers(bank, cro=ON_FRAMEWORK, vp=ON_FRAMEWORK)
    assert calm.score == 100 and calm.conflicts() == []
    assert not calm.reaches("low")
    # one normal-weight mismatch (o6): medium, and nothing worse
    medium = compare_answers(bank, cro=dict(ON_FRAMEWORK, o6="ceo"), vp=ON_FRAMEWORK)
    assert [(i.question.id, i.severity) for i in medium.conflicts()] == [("o6", S.medium)]
    assert not medium.reaches("high")
    assert medium.reaches("medium") and medium.reaches("low")
    # both agree on a slower cadence than expected (c1): low drift only
    slow = dict(ON_FRAMEWORK, c1="quarterly")
    low = compare_answers(bank, cro=slow, vp=slow)
    assert [(i.question.id, i.severity) for i in low.conflicts()] == [("c1", S.low)]
    assert not low.reaches("medium") and low.reaches("low")
    with pytest.raises(ValueError):
        low.reaches("urgent")


def test_alignment_score_and_counts_of_nothing():
    assert alignment_score([]) is None
    assert count_verdicts([]) == dict.fromkeys(V, 0)


# --- the headline ---------------------------------------------------------------------------------


def test_headline_differ(two: Comparison):
    headline = two.headline
    assert headline is not None
    # t1 is not scored, s1 has no fixed choices: the first pick is o2, not o1
    assert headline.item.question.id == "o2"
    assert headline.diagnosis == "differ"
    assert ids(headline.notes) == ["t1"]


@pytest.mark.parametrize(
    ("cro", "vp", "diagnosis"),
    [
        ("unclear", "unclear", "twice"),  # nobody can name an owner: the test failed twice
        ("unclear", "vp", "differ"),
        ("vp", "unclear", "differ"),
        ("vp", "vp", "agree"),  # the expected owner
        ("marketing", "marketing", "agree_off_framework"),  # agreed, but not on the framework's
        ("joint", "cro", "differ"),
    ],
)
def test_headline_diagnosis(bank: Bank, cro: str, vp: str, diagnosis: str):
    comparison = compare_answers(bank, cro=dict(CRO, o2=cro), vp=dict(VP, o2=vp))
    assert comparison.headline is not None
    assert comparison.headline.diagnosis == diagnosis


def test_headline_unanswered_is_not_a_disagreement(bank: Bank):
    # nobody answered o2 (incomplete responses): no two answers differ, nobody said unclear
    cro = {k: v for k, v in CRO.items() if k != "o2"}
    vp = {k: v for k, v in VP.items() if k != "o2"}
    comparison = compare_answers(bank, cro=cro, vp=vp)
    assert comparison.headline is not None
    assert comparison.headline.item.verdict is V.unscored
    assert comparison.headline.diagnosis == "agree"


def test_headline_needs_a_scored_question_with_choices():
    data = dict(BANK_DATA, headline=["t1", "s1"])
    bank = Bank.model_validate(data)
    assert compare_answers(bank, cro=CRO, vp=VP).headline is None


def test_mini_bank_all_agreed():
    bank = validate(Bank, parse_yaml(MINI_BANK, "mini.yaml"), "question bank")
    answers = {
        "strategy": "cro",
        "lists": "vp_sales",
        "review": "monthly",
        "documented": "yes",
        "clarity": 4,
        "sentence": "The CRO.",
    }
    comparison = compare_answers(bank, cro=answers, vp_sales=answers)
    assert comparison.score == 100
    assert [(lane.lane, lane.score) for lane in comparison.lanes] == [
        ("design", 100),
        ("execution", 100),
    ]
    assert comparison.counts[V.aligned] == 5 and comparison.counts[V.unscored] == 1
    assert comparison.headline is None
    assert not comparison.reaches("low")
    a = comparison.agreement
    assert (a.owner_items, a.owner_percent, a.owner_ac1) == (2, 100, None)
    assert (a.cadence_items, a.cadence_exact, a.cadence_within_one_step) == (1, 100, 100)
    assert a.pairwise == [PairAgreement(("cro", "vp_sales"), 100)]


# --- the example files -------------------------------------------------------------------------


def test_outbound_example_files():
    folder = EXAMPLES / "outbound"
    comparison = compare_files([folder / "cro.yaml", folder / "vp_sales.yaml"], None, None, False)
    # weighted credit over weight, per lane: 8.25 / 20, 6.5 / 12, 5 / 14
    assert [(lane.lane, lane.score) for lane in comparison.lanes] == [
        ("design", 41),
        ("execution", 54),
        ("optimization", 36),
    ]
    assert comparison.score == 43  # 19.75 / 46
    assert {v.value: n for v, n in comparison.counts.items()} == {
        "vacuum": 2,
        "collision": 3,
        "deflection": 2,
        "split": 4,
        "mismatch": 10,
        "drift": 5,
        "aligned": 15,
        "unscored": 4,
    }
    a = comparison.agreement
    assert (a.owner_items, a.owner_percent, a.owner_ac1) == (22, 50, 0.395)
    assert (a.cadence_items, a.cadence_exact, a.cadence_within_one_step) == (6, 33, 83)
    assert a.pairwise == [PairAgreement(("cro", "vp_sales"), 51)]
    assert comparison.headline is not None
    assert comparison.headline.item.question.id == "outbound_strategy_owner"
    assert comparison.headline.diagnosis == "differ"
    assert ids(comparison.conflicts())[:5] == [
        "outbound_strategy_owner",
        "motion_change_call",
        "pipeline_creation",
        "revenue_outcome",
        "persona_priority",
    ]


# --- statistics -----------------------------------------------------------------------------------


def test_ac1_two_raters_three_categories():
    # 4 items: (a, a), (a, a), (b, b), (a, c); pa = 3/4
    # prevalence: a = 1 + 1 + 0 + 1/2 = 2.5 -> .625, b = 1 -> .25, c = .5 -> .125
    # sum pi(1 - pi) = .234375 + .1875 + .109375 = .53125; pe = .53125 / (3 - 1) = .265625
    # AC1 = (.75 - .265625) / (1 - .265625) = (31/64) / (47/64) = 31/47
    rows = [("a", "a"), ("a", "a"), ("b", "b"), ("a", "c")]
    ac1 = gwet_ac1(rows, ["a", "b", "c"])
    assert ac1 == pytest.approx(31 / 47)
    assert -1 <= ac1 <= 1
    # an item only one rater answered is left out
    assert gwet_ac1([*rows, ("a",)], ["a", "b", "c"]) == pytest.approx(31 / 47)


def test_ac1_bounds():
    # total disagreement over two even categories: pa = 0, pe = (.25 + .25) / 1 = .5 -> -1
    assert gwet_ac1([("a", "b"), ("b", "a")], ["a", "b"]) == pytest.approx(-1.0)
    # perfect agreement on one category: pa = 1, pe = 0 -> 1
    assert gwet_ac1([("a", "a"), ("a", "a")], ["a", "b"]) == pytest.approx(1.0)


def test_ac1_three_raters_three_categories():
    # (a, a, b): pairs agreeing 2*1 / (3*2) = 1/3; (c, c, c): 1 -> pa = 2/3
    # prevalence: a 2/3, b 1/3, c 1 -> / 2: a 1/3, b 1/6, c 1/2
    # sum pi(1 - pi) = 2/9 + 5/36 + 1/4 = 22/36; pe = 11/36
    # AC1 = (2/3 - 11/36) / (1 - 11/36) = (13/36) / (25/36) = 13/25
    assert gwet_ac1([("a", "a", "b"), ("c", "c", "c")], ["a", "b", "c"]) == pytest.approx(13 / 25)


def test_ac1_answer_outside_the_categories():
    # z is not a listed category: it counts against observed agreement, not in the chance term
    # (a, a), (a, z): pa = (1 + 0) / 2 = .5; prevalence a = (1 + .5) / 2 = .75, b = 0
    # pe = (.75 * .25 + 0) / (2 - 1) = .1875; AC1 = .3125 / .8125 = 5/13
    assert gwet_ac1([("a", "a"), ("a", "z")], ["a", "b"]) == pytest.approx(5 / 13)


def test_ac1_refuses_what_it_cannot_compute():
    with pytest.raises(
        ValueError, match=r"^AC1 needs at least one item rated by two or more raters$"
    ):
        gwet_ac1([("a",)], ["a", "b"])
    with pytest.raises(ValueError, match=r"^AC1 needs at least two categories$"):
        gwet_ac1([("a", "a")], ["a"])


def test_percent_agreement():
    assert percent_agreement([]) is None
    assert percent_agreement([("a", "a", "a"), ("a", "a", "b"), ("b", "b", "b")]) == (
        pytest.approx(2 / 3)
    )
    assert percent_agreement([("a", "b")]) == 0


def test_within_distance():
    steps = [[0, 0, 0], [1, 3, 2], [4, 0]]
    assert within(steps, 0) == pytest.approx(1 / 3)
    assert within(steps, 2) == pytest.approx(2 / 3)
    assert within(steps, 4) == 1


def test_pair_agreement():
    items = [
        SimpleNamespace(answers={"a": 1, "b": 1, "c": 2}),
        SimpleNamespace(answers={"a": 1, "b": 2}),
        SimpleNamespace(answers={"a": 3, "c": 3}),
        SimpleNamespace(answers={"b": 3, "c": 3}),
    ]
    assert pair_agreement(items, "a", "b") == pytest.approx(1 / 2)
    assert pair_agreement(items, "a", "c") == pytest.approx(1 / 2)
    assert pair_agreement(items, "b", "c") == pytest.approx(1 / 2)
    assert pair_agreement(items[:1], "b", "c") == 0
    assert pair_agreement(items, "a", "d") is None


# --- what the kinds offer a respondent ---------------------------------------------------------


def test_owner_question_choices_and_labels(bank: Bank):
    o1 = bank.question("o1")
    assert o1 is not None
    assert [c.id for c in o1.choices(bank)] == [  # type: ignore[union-attr]
        "cro",
        "vp",
        "ceo",
        "marketing",
        "joint",
        "unclear",
    ]
    assert o1.expected_choices(bank) == ["cro", "vp", "ceo", "marketing", "joint"]
    assert o1.neutral_answer(bank) == "unclear"
    assert o1.label("marketing", bank) == "Marketing"
    assert o1.label("joint", bank) == "Shared, jointly"
    assert o1.label(None, bank) == "—"
    assert [c.id for c in o1.decision_choices(bank)] == ["cro", "vp", "ceo", "marketing", "joint"]
    assert o1.parse(" vp ", bank) == "vp"


def test_cadence_question_choices(bank: Bank):
    c1 = bank.question("c1")
    assert c1 is not None
    assert c1.choices(bank) == [Choice(id=k, label=v) for k, v in CADENCES.items()]
    assert c1.neutral_answer(bank) == "ad_hoc"
    assert c1.expected_choices(bank) is None
    assert c1.label("ad_hoc", bank) == "Ad hoc, when something breaks"
    assert c1.answer_hint(bank) == (
        "valid answers: weekly, monthly, quarterly, yearly, ad_hoc, never"
    )


def test_base_parse_label_and_hints(bank: Bank):
    y1 = bank.question("y1")
    assert y1 is not None
    assert y1.parse("yes", bank) == "yes"
    assert y1.parse("  no\n", bank) == "no"
    assert y1.parse(True, bank) == "yes"
    with pytest.raises(AnswerError) as caught:
        y1.parse("maybe", bank)
    assert str(caught.value) == "'maybe' is not a valid answer; choose one of: yes, no"
    with pytest.raises(AnswerError) as caught:
        y1.parse(None, bank)
    assert str(caught.value) == "nothing is not a valid answer; choose one of: yes, no"
    with pytest.raises(AnswerError):
        y1.parse(3, bank)
    assert y1.label("yes", bank) == "Yes"
    assert y1.label("other", bank) == "other"
    assert y1.label(None, bank) == "—"
    assert offered(y1, bank) == [("yes", "Yes"), ("no", "No")]
    assert y1.answer_hint(bank) == "valid answers: yes, no"
    assert y1.form_hint(bank) == "answer one of: yes (Yes) | no (No)"
    assert y1.decision_choices(bank) == [Choice(id="yes", label="Yes"), Choice(id="no", label="No")]
    assert y1.verdict([("a", "no"), ("b", "no")]) is V.drift


class BankChoiceQuestion(QuestionBase):
    """A kind whose choices come from the bank, relying on the shared label()."""

    kind: Literal["bank_choice"]

    def choices(self, bank: Bank) -> list[Choice]:
        return [Choice(id=k, label=v) for k, v in bank.parties.items()]


def test_base_label_reads_the_bank_s_choices(bank: Bank):
    question = BankChoiceQuestion(id="x", lane="design", prompt="Which party?", kind="bank_choice")
    assert question.label("marketing", bank) == "Marketing"
    assert question.label("sales", bank) == "sales"
    assert offered(question, bank) == [("marketing", "Marketing")]


def test_text_question_has_no_choices(bank: Bank):
    t1 = bank.question("t1")
    assert t1 is not None
    assert t1.choices(bank) is None
    assert t1.label("words", bank) == "words"
    assert t1.decision_choices(bank) == []
    assert t1.expected_choices(bank) is None


def test_scale_question_parse_and_hints(bank: Bank):
    s1 = bank.question("s1")
    assert s1 is not None
    assert s1.parse(" 4 ", bank) == 4
    assert s1.parse(1, bank) == 1
    assert s1.parse(5, bank) == 5
    for bad in (0, 6, True, "four", 2.0, "", None):
        with pytest.raises(AnswerError) as caught:
            s1.parse(bad, bank)
        assert (
            str(caught.value) == f"{bad!r} is not a valid answer; give a whole number from 1 to 5"
        )
    assert s1.neutral_answer(bank) == 3
    assert s1.answer_hint(bank) == "answer with a whole number from 1 to 5"
    assert s1.form_hint(bank) == "answer: a number from 1 to 5"
    assert offered(s1, bank) == [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")]
    assert s1.verdict([("a", 4), ("b", 5)]) is V.aligned


def test_scale_question_end_labels():
    data = dict(
        BANK_DATA,
        headline=[],
        questions=[
            _q("s", "scale", "design", low_label="Never", high_label="Always", threshold=0),
            _q("h", "scale", "design", high_label="Always"),
        ],
    )
    bank = Bank.model_validate(data)
    s, h = bank.question("s"), bank.question("h")
    assert s is not None and h is not None
    assert offered(s, bank) == [
        (1, "1 — Never"),
        (2, "2"),
        (3, "3"),
        (4, "4"),
        (5, "5 — Always"),
    ]
    assert s.form_hint(bank) == "answer: a number from 1 to 5 (1 = Never, 5 = Always)"
    assert h.form_hint(bank) == "answer: a number from 1 to 5 (5 = Always)"
    assert offered(h, bank)[0] == (1, "1")
    # threshold 0: any difference is a mismatch
    assert s.verdict([("a", 4), ("b", 5)]) is V.mismatch
