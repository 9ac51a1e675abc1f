"""The comparison engine: verdicts, severities and scores. Pure: data in, data out.

The rules follow the conflict taxonomy; they know about roles and answers, not about revenue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from itertools import combinations
from typing import Any

from ownerdiag.core import stats
from ownerdiag.core.models import CADENCES, JOINT, UNCLEAR, Bank, Question, Response, Weight


class Verdict(str, Enum):
    vacuum = "vacuum"
    collision = "collision"
    deflection = "deflection"
    split = "split"
    mismatch = "mismatch"
    drift = "drift"
    aligned = "aligned"
    unscored = "unscored"


class Severity(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"
    none = "none"

    @property
    def rank(self) -> int:
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = [Severity.none, Severity.low, Severity.medium, Severity.high]

BASE_SEVERITY = {
    Verdict.vacuum: Severity.high,
    Verdict.collision: Severity.high,
    Verdict.deflection: Severity.high,
    Verdict.split: Severity.medium,
    Verdict.mismatch: Severity.medium,
    Verdict.drift: Severity.low,
    Verdict.aligned: Severity.none,
    Verdict.unscored: Severity.none,
}

CREDIT = {
    Verdict.aligned: 1.0,
    Verdict.drift: 0.5,
    Verdict.split: 0.25,
    Verdict.mismatch: 0.0,
    Verdict.vacuum: 0.0,
    Verdict.collision: 0.0,
    Verdict.deflection: 0.0,
}
"""How much of an item's weight counts toward the alignment score, by verdict."""

WEIGHT = {Weight.low: 0.5, Weight.normal: 1.0, Weight.high: 2.0}
_SHIFT = {Weight.low: -1, Weight.normal: 0, Weight.high: 1}

Answers = Sequence[tuple[str, Any]]
"""(role, answer) for each respondent who answered."""


def owner_verdict(answers: Answers, expected: str | None) -> Verdict:
    values = [answer for _, answer in answers]
    if UNCLEAR in values:
        return Verdict.vacuum
    if sum(1 for role, answer in answers if answer == role) >= 2:
        return Verdict.collision
    if any(
        a == other_role and b == role and role != other_role
        for (role, a), (other_role, b) in combinations(answers, 2)
    ):
        return Verdict.deflection
    if len(set(values)) > 1:
        return Verdict.split if JOINT in values else Verdict.mismatch
    return _agreed(values[0] == expected or expected is None)


def choice_verdict(answers: Answers, expected: Any) -> Verdict:
    """yes/no and bank-defined choices: differ is a mismatch, agreeing off ``expected`` drift."""
    values = {answer for _, answer in answers}
    if len(values) > 1:
        return Verdict.mismatch
    return _agreed(expected is None or values == {expected})


def cadence_verdict(answers: Answers, expected: str | None) -> Verdict:
    """Agreeing on a slower rhythm than ``expected`` is drift; faster is fine."""
    values = {answer for _, answer in answers}
    if len(values) > 1:
        return Verdict.mismatch
    if expected is None:
        return Verdict.aligned
    return _agreed(cadence_step(values.pop()) <= cadence_step(expected))


def scale_verdict(
    answers: Answers, expected: int | None, threshold: int, better: str | None
) -> Verdict:
    """Ratings further apart than ``threshold`` are a mismatch; all of them missing ``expected``
    (on its wrong side when ``better`` is set, else by more than ``threshold``) is drift."""
    values = [answer for _, answer in answers]
    if max(values) - min(values) > threshold:
        return Verdict.mismatch
    if expected is None:
        return Verdict.aligned
    if better == "lower":
        missed = min(values) > expected
    elif better == "higher":
        missed = max(values) < expected
    else:
        missed = all(abs(v - expected) > threshold for v in values)
    return _agreed(not missed)


def _agreed(on_expected: bool) -> Verdict:
    return Verdict.aligned if on_expected else Verdict.drift


def cadence_step(cadence: str) -> int:
    return list(CADENCES).index(cadence)


def judge(question: Question, answers: Answers) -> Verdict:
    if not question.scored or len(answers) < 2:
        return Verdict.unscored
    if question.kind == "owner":
        return owner_verdict(answers, question.expected)
    if question.kind == "cadence":
        return cadence_verdict(answers, question.expected)
    if question.kind == "scale":
        return scale_verdict(answers, question.expected, question.threshold, question.better)
    return choice_verdict(answers, question.expected)


def severity(verdict: Verdict, weight: Weight = Weight.normal) -> Severity:
    base = BASE_SEVERITY[verdict]
    if base is Severity.none:
        return base
    shifted = min(max(base.rank + _SHIFT[weight], Severity.low.rank), Severity.high.rank)
    return _SEVERITY_ORDER[shifted]


@dataclass(frozen=True)
class Item:
    question: Question
    verdict: Verdict
    severity: Severity
    answers: dict[str, Any]
    """role -> answer (missing roles did not answer)"""


@dataclass(frozen=True)
class LaneScore:
    lane: str
    title: str
    score: int | None
    counts: dict[Verdict, int]


@dataclass(frozen=True)
class Comparison:
    bank: Bank
    responses: list[Response]
    items: list[Item]
    score: int | None
    lanes: list[LaneScore]
    counts: dict[Verdict, int]
    agreement: dict[str, Any] = field(default_factory=dict)

    def conflicts(self) -> list[Item]:
        """Items to settle, worst first: severity, then weight, then bank order."""
        flagged = [i for i in self.items if i.severity is not Severity.none]
        return sorted(flagged, key=lambda i: (-i.severity.rank, -WEIGHT[i.question.weight]))

    def item(self, question_id: str) -> Item | None:
        return next((i for i in self.items if i.question.id == question_id), None)


def compare(bank: Bank, responses: Sequence[Response]) -> Comparison:
    """Line two or more responses to ``bank`` up against each other and the framework."""
    items = [_item(question, responses) for question in bank.questions]
    lanes = [
        LaneScore(
            lane,
            spec.title,
            alignment_score([i for i in items if i.question.lane == lane]),
            count_verdicts(i for i in items if i.question.lane == lane),
        )
        for lane, spec in bank.lanes.items()
    ]
    return Comparison(
        bank=bank,
        responses=list(responses),
        items=items,
        score=alignment_score(items),
        lanes=lanes,
        counts=count_verdicts(items),
        agreement=agreement(bank, items, [r.respondent.role for r in responses]),
    )


def _item(question: Question, responses: Sequence[Response]) -> Item:
    answers = {
        r.respondent.role: r.answers[question.id] for r in responses if question.id in r.answers
    }
    verdict = judge(question, list(answers.items()))
    return Item(question, verdict, severity(verdict, question.weight), answers)


def count_verdicts(items: Any) -> dict[Verdict, int]:
    counts = dict.fromkeys(Verdict, 0)
    for item in items:
        counts[item.verdict] += 1
    return counts


def alignment_score(items: Sequence[Item]) -> int | None:
    """0-100: the weighted share of scored items the respondents agree on (see CREDIT)."""
    scored = [i for i in items if i.verdict in CREDIT]
    total = sum(WEIGHT[i.question.weight] for i in scored)
    if not total:
        return None
    earned = sum(WEIGHT[i.question.weight] * CREDIT[i.verdict] for i in scored)
    return round(100 * earned / total)


MIN_ITEMS_FOR_AC1 = 10


def agreement(bank: Bank, items: Sequence[Item], roles: Sequence[str]) -> dict[str, Any]:
    """Agreement statistics for the report: owner questions, cadences, and pairs of people."""
    owner = [i for i in items if i.question.kind == "owner" and len(i.answers) == len(roles)]
    ratings = [[i.answers[r] for r in roles] for i in owner]
    categories = [c.id for c in bank.owner_choices()]
    result: dict[str, Any] = {
        "owner_items": len(owner),
        "owner_percent_agreement": _pct(stats.percent_agreement(ratings)),
        "owner_ac1": None,
    }
    if len(owner) >= MIN_ITEMS_FOR_AC1:
        result["owner_ac1"] = round(stats.gwet_ac1(ratings, categories), 3)
    cadence = [i for i in items if i.question.kind == "cadence" and len(i.answers) == len(roles)]
    steps = [[cadence_step(i.answers[r]) for r in roles] for i in cadence]
    result["cadence_items"] = len(cadence)
    result["cadence_exact"] = _pct(stats.within(steps, 0))
    result["cadence_within_one_step"] = _pct(stats.within(steps, 1))
    scored = [i for i in items if i.question.scored]
    result["pairwise"] = [
        {"roles": [a, b], "agreement": _pct(stats.pair_agreement(scored, a, b))}
        for a, b in combinations(roles, 2)
    ]
    return result


def _pct(share: float | None) -> int | None:
    return None if share is None else round(100 * share)


@dataclass(frozen=True)
class Headline:
    """The article's test answered: what each respondent said about the headline question."""

    item: Item
    diagnosis: str
    """``differ`` (that is the diagnosis), ``twice`` (nobody could name an owner),
    ``agree`` or ``agree_off_framework``."""
    notes: list[Question]
    """Free-text headline questions, quoted beside it."""


def headline(comparison: Comparison) -> Headline | None:
    bank = comparison.bank
    picked = [q for q in (bank.question(qid) for qid in bank.headline) if q is not None]
    owner = next((q for q in picked if q.kind in ("owner", "choice")), None)
    item = comparison.item(owner.id) if owner else None
    if item is None:
        return None
    values = list(item.answers.values())
    if values and all(v == UNCLEAR for v in values):
        diagnosis = "twice"
    elif len(set(values)) > 1:
        diagnosis = "differ"
    else:
        diagnosis = "agree_off_framework" if item.verdict is Verdict.drift else "agree"
    return Headline(item, diagnosis, [q for q in picked if q.kind == "text"])
