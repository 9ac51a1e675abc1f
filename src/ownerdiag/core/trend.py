"""Round over round: which conflicts closed, opened or persisted, and how the scores moved. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.models import Decisions
from ownerdiag.core.upgrade import meaning
from ownerdiag.core.verdicts import BASE_SEVERITY, Severity, Verdict


@dataclass(frozen=True)
class Round:
    label: str
    comparison: Comparison
    decisions: Decisions | None = None
    """What the meeting held on this round decided, if it kept its decisions file here."""


ADOPTION = ("not adopted", "partly", "adopted", "not asked")
"""Whether the next round's answers follow a meeting's decision, the ones to look at first first."""


@dataclass(frozen=True)
class Followed:
    """One decision of a meeting, held against the answers of the round after it."""

    question_id: str
    prompt: str
    decided_in: str
    checked_in: str
    decision: Any
    outcome: str
    """One of :data:`ADOPTION`."""
    answers: dict[str, Any]
    """role -> the next round's answer."""
    agreeing: list[str]
    """Names of the people whose next answer is the decision."""


TRANSITIONS = ("opened", "worse", "hardened", "same", "softened", "better", "closed", "steady")
"""How an item moved from the first round to the last, the ones to look at first first."""


@dataclass(frozen=True)
class Changed:
    """One person's answer that differs between the first and the last round."""

    role: str
    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ItemTrend:
    question_id: str
    prompt: str
    lane: str
    verdicts: list[Verdict]
    severities: list[Severity]
    status: str
    """``closed``, ``opened``, ``persisted`` (a conflict in the first and last round) or
    ``steady`` (no conflict in either)."""
    transition: str
    """One of :data:`TRANSITIONS`: a persisting conflict is ``worse``, ``same`` or ``better``
    by its severity; at the same severity, ``softened`` or ``hardened`` when it became a milder
    or harsher kind of conflict (a collision that became a split)."""
    changed: list[Changed]


@dataclass(frozen=True)
class LaneTrend:
    lane: str
    title: str
    scores: list[int | None]


def change(scores: list[int | None]) -> int | None:
    """Last round's score minus the first's, when both exist."""
    first, last = scores[0], scores[-1]
    return None if first is None or last is None else last - first


@dataclass(frozen=True)
class Trend:
    rounds: list[Round]
    items: list[ItemTrend]
    lanes: list[LaneTrend]
    overall: list[int | None]
    not_compared: list[tuple[str, str]]
    """(question id, reason) for questions that cannot be followed across every round."""
    followed: list[Followed] = field(default_factory=list)
    """Each decision a meeting took, and whether the next round adopted it."""

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)


def trend(rounds: Sequence[Round]) -> Trend:
    """Follow every question that all rounds share (same id and kind) from first to last."""
    if len(rounds) < 2:
        raise ValueError("a trend needs two or more rounds")
    comparisons = [r.comparison for r in rounds]
    last_bank = comparisons[-1].bank
    shared, not_compared = _shared_questions(comparisons)
    items = [_item_trend([c.item(qid) for c in comparisons], comparisons) for qid in shared]
    items.sort(key=lambda i: TRANSITIONS.index(i.transition))
    lanes = [
        LaneTrend(lane, spec.title, [_lane_score(c, lane) for c in comparisons])
        for lane, spec in last_bank.lanes.items()
    ]
    followed = [f for before, after in pairwise(rounds) for f in follow(before, after)]
    followed.sort(key=lambda f: ADOPTION.index(f.outcome))
    return Trend(list(rounds), items, lanes, [c.score for c in comparisons], not_compared, followed)


def follow(meeting: Round, next_round: Round) -> list[Followed]:
    """Each decision taken on ``meeting``'s round, against ``next_round``'s answers: adopted
    when everyone now gives it, partly when some do, not adopted when nobody does."""
    if meeting.decisions is None:
        return []
    later = next_round.comparison
    names = {r.respondent.role: r.respondent.name for r in later.responses}
    found = []
    for question_id, decided in meeting.decisions.decisions.items():
        if decided.decision is None:
            continue
        question = meeting.comparison.bank.question(question_id)
        item = later.item(question_id)
        answers = dict(item.answers) if item is not None else {}
        agreeing = [names[r] for r, a in answers.items() if a == decided.decision and r in names]
        found.append(
            Followed(
                question_id=question_id,
                prompt=question.prompt if question is not None else question_id,
                decided_in=meeting.label,
                checked_in=next_round.label,
                decision=decided.decision,
                outcome=_adoption(len(agreeing), len(answers)),
                answers=answers,
                agreeing=agreeing,
            )
        )
    return found


def _adoption(agreeing: int, answered: int) -> str:
    if answered == 0:
        return "not asked"
    if agreeing == answered:
        return "adopted"
    return "partly" if agreeing else "not adopted"


def _shared_questions(comparisons: Sequence[Comparison]) -> tuple[list[str], list[tuple[str, str]]]:
    order: list[str] = []
    for comparison in comparisons:
        order += [q.id for q in comparison.bank.questions if q.id not in order]
    shared, skipped = [], []
    for question_id in order:
        found = [c.bank.question(question_id) for c in comparisons]
        if any(q is None for q in found):
            missing = sum(1 for q in found if q is None)
            skipped.append((question_id, f"not asked in {missing} of {len(found)} rounds"))
        elif len({q.kind for q in found if q is not None}) > 1:
            skipped.append((question_id, "its kind changed between rounds"))
        elif len({meaning(q, c.bank) for q, c in zip(found, comparisons, strict=True) if q}) > 1:
            skipped.append((question_id, "asked differently between rounds (wording or choices)"))
        elif found[-1] is not None and found[-1].scored:
            shared.append(question_id)
    return shared, skipped


def _item_trend(items: list[Item | None], comparisons: Sequence[Comparison]) -> ItemTrend:
    present = [i for i in items if i is not None]
    first, last = present[0], present[-1]
    was, now = first.severity is not Severity.none, last.severity is not Severity.none
    status = {(True, False): "closed", (False, True): "opened", (True, True): "persisted"}.get(
        (was, now), "steady"
    )
    return ItemTrend(
        question_id=last.question.id,
        prompt=last.question.prompt,
        lane=last.question.lane,
        verdicts=[i.verdict for i in present],
        severities=[i.severity for i in present],
        status=status,
        transition=transition(status, first.severity, last.severity, first.verdict, last.verdict),
        changed=changed_answers(first, last, comparisons[-1]),
    )


def transition(
    status: str,
    before: Severity,
    after: Severity,
    was: Verdict | None = None,
    now: Verdict | None = None,
) -> str:
    if status != "persisted":
        return status
    if after.rank != before.rank:
        return "worse" if after.rank > before.rank else "better"
    if was is None or now is None:
        return "same"
    kind_before, kind_after = BASE_SEVERITY[was].rank, BASE_SEVERITY[now].rank
    if kind_before == kind_after:
        return "same"
    return "hardened" if kind_after > kind_before else "softened"


def changed_answers(first: Item, last: Item, now: Comparison) -> list[Changed]:
    """Who answered differently in the last round than in the first (by role)."""
    names = {r.respondent.role: r.respondent.name for r in now.responses}
    return [
        Changed(role, names[role], first.answers[role], answer)
        for role, answer in last.answers.items()
        if role in first.answers and first.answers[role] != answer and role in names
    ]


def _lane_score(comparison: Comparison, lane: str) -> int | None:
    return next((s.score for s in comparison.lanes if s.lane == lane), None)
