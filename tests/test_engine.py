from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownerdiag.core.engine import compare
from ownerdiag.core.fields import Weight
from ownerdiag.core.kinds.base import choice_verdict
from ownerdiag.core.kinds.cadence import cadence_verdict
from ownerdiag.core.kinds.owner import owner_verdict
from ownerdiag.core.kinds.scale import scale_verdict
from ownerdiag.core.models import Bank
from ownerdiag.core.verdicts import Severity, Verdict, severity

V = Verdict


@pytest.mark.parametrize(
    ("answers", "expected", "verdict"),
    [
        ([("cro", "unclear"), ("vp", "cro")], "cro", V.vacuum),
        ([("cro", "unclear"), ("vp", "unclear")], "cro", V.vacuum),
        ([("cro", "cro"), ("vp", "vp")], "cro", V.collision),
        ([("cro", "vp"), ("vp", "cro")], "cro", V.deflection),
        ([("cro", "joint"), ("vp", "cro")], "cro", V.split),
        ([("cro", "cro"), ("vp", "marketing")], "cro", V.mismatch),
        ([("cro", "vp"), ("vp", "marketing")], "cro", V.mismatch),
        ([("cro", "joint"), ("vp", "joint")], "cro", V.drift),
        ([("cro", "cro"), ("vp", "cro")], "cro", V.aligned),
        ([("cro", "marketing"), ("vp", "marketing")], None, V.aligned),
        # three leaders: the first rule that holds wins
        ([("ceo", "ceo"), ("cro", "cro"), ("vp", "joint")], "cro", V.collision),
        ([("ceo", "cro"), ("cro", "ceo"), ("vp", "vp")], "cro", V.deflection),
        ([("ceo", "cro"), ("cro", "cro"), ("vp", "joint")], "cro", V.split),
        ([("ceo", "unclear"), ("cro", "cro"), ("vp", "cro")], "cro", V.vacuum),
    ],
)
def test_owner_rules(answers, expected, verdict):
    assert owner_verdict(answers, expected) is verdict


def test_collision_outranks_deflection_and_split():
    # cro claims it, vp claims it: collision even though someone also says joint
    answers = [("cro", "cro"), ("vp", "vp"), ("ceo", "joint")]
    assert owner_verdict(answers, "cro") is V.collision


@pytest.mark.parametrize(
    ("values", "expected", "verdict"),
    [
        (["monthly", "quarterly"], "monthly", V.mismatch),
        (["quarterly", "quarterly"], "monthly", V.drift),
        (["never", "never"], "quarterly", V.drift),
        (["weekly", "weekly"], "monthly", V.aligned),
        (["monthly", "monthly"], "monthly", V.aligned),
        (["ad_hoc", "ad_hoc"], None, V.aligned),
    ],
)
def test_cadence_rules(values, expected, verdict):
    assert cadence_verdict(list(zip(["a", "b"], values, strict=True)), expected) is verdict


@pytest.mark.parametrize(
    ("values", "expected", "better", "verdict"),
    [
        ([2, 4], 2, "lower", V.mismatch),
        ([4, 4], 2, "lower", V.drift),
        ([2, 3], 2, "lower", V.aligned),
        ([3, 2], 4, "higher", V.drift),
        ([4, 5], 4, "higher", V.aligned),
        ([1, 1], 4, None, V.drift),
        ([3, 4], 4, None, V.aligned),
        ([1, 2], None, None, V.aligned),
    ],
)
def test_scale_rules(values, expected, better, verdict):
    answers = list(zip(["a", "b"], values, strict=True))
    assert scale_verdict(answers, expected, 1, better) is verdict


def test_scale_threshold_is_the_bank_s():
    assert scale_verdict([("a", 1), ("b", 3)], None, 2, None) is V.aligned
    assert scale_verdict([("a", 1), ("b", 2)], None, 0, None) is V.mismatch


def test_yes_no_rules():
    assert choice_verdict([("a", "yes"), ("b", "no")], "yes") is V.mismatch
    assert choice_verdict([("a", "no"), ("b", "no")], "yes") is V.drift
    assert choice_verdict([("a", "yes"), ("b", "yes")], "yes") is V.aligned


@pytest.mark.parametrize(
    ("verdict", "weight", "expected"),
    [
        (V.collision, Weight.normal, Severity.high),
        (V.split, Weight.normal, Severity.medium),
        (V.drift, Weight.normal, Severity.low),
        (V.split, Weight.high, Severity.high),
        (V.drift, Weight.high, Severity.medium),
        (V.vacuum, Weight.low, Severity.medium),
        (V.drift, Weight.low, Severity.low),
        (V.aligned, Weight.high, Severity.none),
        (V.unscored, Weight.high, Severity.none),
    ],
)
def test_severity_from_verdict_and_weight(verdict, weight, expected):
    assert severity(verdict, weight) is expected


# --- properties ---------------------------------------------------------------------------

ROLES = ["cro", "vp_sales", "ceo", "cfo", "cmo", "revops"]
OWNERS = [*ROLES, "marketing", "joint", "unclear"]


@st.composite
def owner_answers(draw, min_size: int = 2):
    roles = draw(st.lists(st.sampled_from(ROLES), min_size=min_size, max_size=6, unique=True))
    return [(role, draw(st.sampled_from(OWNERS))) for role in roles]


expected_owner = st.none() | st.sampled_from([*ROLES, "marketing", "joint"])


@given(owner_answers(), expected_owner, st.randoms())
def test_reordering_respondents_never_changes_the_verdict(answers, expected, rnd: random.Random):
    shuffled = list(answers)
    rnd.shuffle(shuffled)
    assert owner_verdict(shuffled, expected) is owner_verdict(answers, expected)


@given(
    st.lists(st.sampled_from(ROLES), min_size=2, max_size=6, unique=True),
    st.sampled_from(OWNERS),
    expected_owner,
)
def test_identical_answers_never_conflict_between_people(roles, answer, expected):
    verdict = owner_verdict([(role, answer) for role in roles], expected)
    assert verdict not in (V.collision, V.deflection, V.split, V.mismatch)


@given(owner_answers(), expected_owner, st.data())
def test_any_unclear_is_a_vacuum(answers, expected, data):
    index = data.draw(st.integers(0, len(answers) - 1))
    answers[index] = (answers[index][0], "unclear")
    assert owner_verdict(answers, expected) is V.vacuum


@given(owner_answers(), expected_owner)
def test_aligned_only_when_everyone_names_the_expected_owner(answers, expected):
    if owner_verdict(answers, expected) is V.aligned:
        values = {a for _, a in answers}
        assert len(values) == 1 and (expected is None or values == {expected})


@given(
    st.lists(st.integers(1, 5), min_size=2, max_size=6),
    st.integers(0, 4),
    st.none() | st.integers(1, 5),
    st.sampled_from([None, "lower", "higher"]),
    st.randoms(),
)
def test_scale_verdict_ignores_order(values, threshold, expected, better, rnd):
    answers = [(f"r{i}", v) for i, v in enumerate(values)]
    shuffled = list(answers)
    rnd.shuffle(shuffled)
    assert scale_verdict(shuffled, expected, threshold, better) is scale_verdict(
        answers, expected, threshold, better
    )


# --- the whole comparison -------------------------------------------------------------------


def test_alignment_score_is_the_weighted_credit(outbound: Bank):
    from datetime import datetime, timezone

    from ownerdiag.core.answers import finish, start

    T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)

    def respond(role: str, answers: dict) -> object:
        response = start(outbound, role, role, T0).model_copy(update={"answers": answers})
        return finish(outbound, response, T0)

    base = {q.id: q.expected if q.expected is not None else "x" for q in outbound.questions}
    for q in outbound.questions:
        if q.kind == "scale":
            base[q.id] = q.expected
    identical = compare(outbound, [respond("cro", base), respond("vp_sales", base)])
    assert identical.score == 100
    assert all(lane.score == 100 for lane in identical.lanes)
    assert identical.conflicts() == []

    # one high-weight collision: weight 2 of total weight W scores 0
    other = dict(base, outbound_strategy_owner="vp_sales")
    one_off = compare(outbound, [respond("cro", base), respond("vp_sales", other)])
    weights = {"low": 0.5, "normal": 1.0, "high": 2.0}
    total = sum(weights[q.weight.value] for q in outbound.questions if q.scored)
    assert one_off.score == round(100 * (total - 2) / total)
    (conflict,) = one_off.conflicts()
    assert conflict.verdict is V.collision and conflict.severity is Severity.high
