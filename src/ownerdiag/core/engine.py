"""The comparison engine: verdicts, severities, scores and agreement. Pure: data in, data out.

The rules live in the question kinds; this module lines answers up, asks each question's kind
for its verdict, and adds the results up. It knows roles and answers, not revenue.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations
from typing import Any, Literal

from ownerdiag.core import stats
from ownerdiag.core.fields import UNCLEAR
from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.kinds.cadence import cadence_step
from ownerdiag.core.models import Bank, Response
from ownerdiag.core.quality import Caution, cautions
from ownerdiag.core.verdicts import CREDIT, WEIGHT, Severity, Verdict, severity


def judge(question: QuestionBase, answers: Sequence[tuple[str, Any]]) -> Verdict:
    if not question.scored or len(answers) < 2:
        return Verdict.unscored
    return question.verdict(answers)


@dataclass(frozen=True)
class Item:
    question: QuestionBase
    verdict: Verdict
    severity: Severity
    answers: dict[str, Any]
    """role -> answer (missing roles did not answer)"""


@dataclass(frozen=True)
class Certainty:
    """How much a score rests on: its scored questions, and the range it is likely in."""

    items: int
    low: int | None
    high: int | None

    @property
    def enough(self) -> bool:
        return self.items >= MIN_SCORED_ITEMS


MIN_SCORED_ITEMS = 5
"""Fewer scored questions than this, and a score says it rests on too few to mean much."""


@dataclass(frozen=True)
class LaneScore:
    lane: str
    title: str
    score: int | None
    counts: dict[Verdict, int]
    certainty: Certainty


@dataclass(frozen=True)
class PairAgreement:
    roles: tuple[str, str]
    percent: int | None
    """Share of scored questions both answered on which the two gave the same answer."""


@dataclass(frozen=True)
class Agreement:
    owner_items: int
    owner_percent: int | None
    owner_ac1: float | None
    """Gwet's AC1, with ``MIN_ITEMS_FOR_AC1`` or more owner questions."""
    cadence_items: int
    cadence_exact: int | None
    cadence_within_one_step: int | None
    pairwise: list[PairAgreement]


Diagnosis = Literal["differ", "twice", "agree", "agree_off_framework"]


@dataclass(frozen=True)
class Headline:
    """The article's test answered: what each respondent said about the headline question."""

    item: Item
    diagnosis: Diagnosis
    """``differ`` (that is the diagnosis), ``twice`` (nobody could name an owner),
    ``agree`` or ``agree_off_framework``."""
    notes: list[Item]
    """Quoted headline questions, shown beside it."""


@dataclass(frozen=True)
class Comparison:
    bank: Bank
    responses: list[Response]
    items: list[Item]
    score: int | None
    lanes: list[LaneScore]
    counts: dict[Verdict, int]
    agreement: Agreement
    headline: Headline | None
    cautions: dict[str, list[Caution]]
    """role -> what looks unreliable in that respondent's answers (verdicts stay as they are)."""
    certainty: Certainty
    """What the overall score rests on."""

    def conflicts(self) -> list[Item]:
        """Items to settle, worst first: severity, then weight, then bank order."""
        return conflicts(self.items)

    @property
    def last_answered(self) -> datetime:
        """When the last leader finished: the day the comparison speaks for."""
        return max(r.finished_at or r.started_at for r in self.responses)

    def agenda(self) -> list[Item]:
        """The items to settle, worst first: every conflict the meeting can decide, except those
        signing the agreement answers. The one definition the report, ``resolve`` and the charter
        count by."""
        written = self.bank.charter.written
        return [
            i for i in self.conflicts() if i.question.decidable and i.question.id not in written
        ]

    def item(self, question_id: str) -> Item | None:
        return _find(self.items, question_id)

    def reaches(self, threshold: str) -> bool:
        """Whether any verdict is at least as severe as ``threshold`` (low, medium, high)."""
        rank = Severity(threshold).rank
        return any(item.severity.rank >= rank for item in self.items)


def compare(bank: Bank, responses: Sequence[Response]) -> Comparison:
    """Line two or more responses to ``bank`` up against each other and the framework."""
    items = [_item(question, responses) for question in bank.questions]
    lanes = [_lane_score(lane, spec.title, items) for lane, spec in bank.lanes.items()]
    return Comparison(
        bank=bank,
        responses=list(responses),
        items=items,
        score=alignment_score(items),
        lanes=lanes,
        counts=count_verdicts(items),
        agreement=agreement(bank, items, [r.respondent.role for r in responses]),
        headline=headline(bank, items),
        cautions={r.respondent.role: cautions(bank, r) for r in responses},
        certainty=certainty(items),
    )


def _item(question: QuestionBase, responses: Sequence[Response]) -> Item:
    answers = {
        r.respondent.role: r.answers[question.id] for r in responses if question.id in r.answers
    }
    verdict = judge(question, list(answers.items()))
    return Item(question, verdict, severity(verdict, question.weight), answers)


def _lane_score(lane: str, title: str, items: Sequence[Item]) -> LaneScore:
    in_lane = [i for i in items if i.question.lane == lane]
    return LaneScore(
        lane, title, alignment_score(in_lane), count_verdicts(in_lane), certainty(in_lane)
    )


def certainty(items: Sequence[Item]) -> Certainty:
    """The scored questions a score rests on, and its 95 % range: a Wilson interval over the
    weighted share of credit, with the weights' effective number of questions."""
    scored = [i for i in items if i.verdict in CREDIT]
    weights = [WEIGHT[i.question.weight] for i in scored]
    if not scored:
        return Certainty(0, None, None)
    earned, possible = credit_totals(scored)
    effective = possible * possible / sum(w * w for w in weights)
    low, high = stats.wilson_interval(earned / possible, effective)
    return Certainty(len(scored), round(100 * low), round(100 * high))


def conflicts(items: Iterable[Item]) -> list[Item]:
    """Items to settle, worst first: severity, then weight, then bank order."""
    flagged = [i for i in items if i.severity is not Severity.none]
    return sorted(flagged, key=lambda i: (-i.severity.rank, -WEIGHT[i.question.weight]))


def count_verdicts(items: Iterable[Item]) -> dict[Verdict, int]:
    counts = dict.fromkeys(Verdict, 0)
    for item in items:
        counts[item.verdict] += 1
    return counts


def alignment_score(items: Sequence[Item]) -> int | None:
    """0-100: the weighted share of scored items the respondents agree on (see CREDIT)."""
    earned, total = credit_totals(items)
    return round(100 * earned / total) if total else None


def credit_totals(items: Sequence[Item]) -> tuple[float, float]:
    """(earned, possible): the weighted credit of the scored items, and their weight."""
    scored = [i for i in items if i.verdict in CREDIT]
    possible = sum(WEIGHT[i.question.weight] for i in scored)
    earned = sum(WEIGHT[i.question.weight] * CREDIT[i.verdict] for i in scored)
    return earned, possible


MIN_ITEMS_FOR_AC1 = 10


def agreement(bank: Bank, items: Sequence[Item], roles: Sequence[str]) -> Agreement:
    """Agreement statistics for the report: owner questions, cadences, and pairs of people."""
    everyone = [i for i in items if len(i.answers) == len(roles)]
    owner = [[i.answers[r] for r in roles] for i in everyone if i.question.names_owners]
    steps = [
        [cadence_step(i.answers[r]) for r in roles]
        for i in everyone
        if i.question.answers_are_cadences
    ]
    categories = [c.id for c in bank.owner_choices()]
    ac1 = stats.gwet_ac1(owner, categories) if len(owner) >= MIN_ITEMS_FOR_AC1 else None
    scored = [i for i in items if i.question.scored]
    return Agreement(
        owner_items=len(owner),
        owner_percent=_pct(stats.percent_agreement(owner)),
        owner_ac1=None if ac1 is None else round(ac1, 3),
        cadence_items=len(steps),
        cadence_exact=_pct(stats.within(steps, 0)),
        cadence_within_one_step=_pct(stats.within(steps, 1)),
        pairwise=[
            PairAgreement((a, b), _pct(stats.pair_agreement(scored, a, b)))
            for a, b in combinations(roles, 2)
        ],
    )


def _pct(share: float | None) -> int | None:
    return None if share is None else round(100 * share)


def headline(bank: Bank, items: Sequence[Item]) -> Headline | None:
    """The bank's headline question, answered: the first scored one with fixed choices."""
    picked = [i for i in (_find(items, qid) for qid in bank.headline) if i is not None]
    item = next(
        (i for i in picked if i.question.scored and i.question.choices(bank) is not None), None
    )
    if item is None:
        return None
    values = list(item.answers.values())
    diagnosis: Diagnosis
    if values and all(v == UNCLEAR for v in values):
        diagnosis = "twice"
    elif len({repr(v) for v in values}) > 1:
        diagnosis = "differ"
    else:
        diagnosis = "agree_off_framework" if item.verdict is Verdict.drift else "agree"
    return Headline(item, diagnosis, [i for i in picked if i.question.quoted])


def _find(items: Sequence[Item], question_id: str) -> Item | None:
    return next((i for i in items if i.question.id == question_id), None)
