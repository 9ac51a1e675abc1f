"""The typed results as JSON-ready data: the contract other tools and tests read.

Plain values only: ids, numbers, words and timestamps; never symbols, bars or other
presentation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ownerdiag import __version__
from ownerdiag.core.engine import Agreement, Certainty, Comparison, Item

if TYPE_CHECKING:
    from ownerdiag.core.trend import Trend


def _tool() -> dict[str, str]:
    return {"name": "ownerdiag", "version": __version__}


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    bank = comparison.bank
    top = comparison.headline
    return {
        "tool": _tool(),
        "bank": {
            "id": bank.id,
            "title": bank.title,
            "version": bank.version,
            "hash": bank.content_hash(),
        },
        "respondents": [
            {
                "name": r.respondent.name,
                "role": r.respondent.role,
                "role_label": bank.roles[r.respondent.role],
                "started_at": r.started_at.isoformat(),
                "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                "complete": r.complete,
                "cautions": [
                    {"kind": c.kind, "figure": c.figure, "threshold": c.threshold}
                    for c in comparison.cautions[r.respondent.role]
                ],
            }
            for r in comparison.responses
        ],
        "headline": None
        if top is None
        else {
            "question_id": top.item.question.id,
            "diagnosis": top.diagnosis,
            "verdict": top.item.verdict.value,
            "answers": top.item.answers,
        },
        "items": [item_json(item) for item in comparison.items],
        "summary": {
            "counts": {v.value: n for v, n in comparison.counts.items()},
            "alignment_score": comparison.score,
            "certainty": certainty_json(comparison.certainty),
            "lanes": [
                {
                    "lane": lane.lane,
                    "title": lane.title,
                    "alignment_score": lane.score,
                    "certainty": certainty_json(lane.certainty),
                    "counts": {v.value: n for v, n in lane.counts.items() if n},
                }
                for lane in comparison.lanes
            ],
            "agreement": agreement_json(comparison.agreement),
            "settle_first": [item.question.id for item in comparison.agenda()],
        },
    }


def certainty_json(certainty: Certainty) -> dict[str, Any]:
    """What a score rests on: its scored questions, its 95 % range, whether enough."""
    return {
        "scored_items": certainty.items,
        "range": None if certainty.low is None else [certainty.low, certainty.high],
        "enough": certainty.enough,
    }


def agreement_json(agreement: Agreement) -> dict[str, Any]:
    return {
        "owner_items": agreement.owner_items,
        "owner_percent_agreement": agreement.owner_percent,
        "owner_ac1": agreement.owner_ac1,
        "cadence_items": agreement.cadence_items,
        "cadence_exact": agreement.cadence_exact,
        "cadence_within_one_step": agreement.cadence_within_one_step,
        "pairwise": [
            {"roles": list(pair.roles), "agreement": pair.percent} for pair in agreement.pairwise
        ],
    }


def item_json(item: Item) -> dict[str, Any]:
    question = item.question
    return {
        "question_id": question.id,
        "lane": question.lane,
        "kind": question.kind,
        "prompt": question.prompt,
        "verdict": item.verdict.value,
        "severity": item.severity.value,
        "expected": question.expected,
        "source": question.source or None,
        "basis": question.basis or None,
        "answers": item.answers,
        "weight": question.weight.value,
        "why": question.why or None,
        "remedy": question.remedy or None,
    }


def trend_json(trend: Trend) -> dict[str, Any]:
    from ownerdiag.core.trend import TRANSITIONS

    last = trend.rounds[-1].comparison
    return {
        "tool": _tool(),
        "bank": {"id": last.bank.id, "title": last.bank.title},
        "rounds": [
            {
                "label": r.label,
                "bank_version": r.comparison.bank.version,
                "respondents": [
                    {"name": x.respondent.name, "role": x.respondent.role}
                    for x in r.comparison.responses
                ],
                "alignment_score": r.comparison.score,
            }
            for r in trend.rounds
        ],
        "decisions_followed": [
            {
                "question_id": f.question_id,
                "prompt": f.prompt,
                "decided_in": f.decided_in,
                "checked_in": f.checked_in,
                "decision": f.decision,
                "outcome": f.outcome,
                "answers": f.answers,
                "agreeing": f.agreeing,
            }
            for f in trend.followed
        ],
        "summary": {
            status: trend.count(status) for status in ("closed", "opened", "persisted", "steady")
        },
        "transitions": {
            name: sum(1 for i in trend.items if i.transition == name) for name in TRANSITIONS
        },
        "overall": _scores(trend.overall),
        "lanes": [
            {"lane": lane.lane, "title": lane.title, **_scores(lane.scores)} for lane in trend.lanes
        ],
        "items": [
            {
                "question_id": item.question_id,
                "prompt": item.prompt,
                "lane": item.lane,
                "verdicts": [v.value for v in item.verdicts],
                "severities": [s.value for s in item.severities],
                "status": item.status,
                "transition": item.transition,
                "changed": [
                    {"role": c.role, "name": c.name, "before": c.before, "after": c.after}
                    for c in item.changed
                ],
            }
            for item in trend.items
        ],
        "not_compared": [{"question_id": q, "reason": why} for q, why in trend.not_compared],
    }


def _scores(scores: list[int | None]) -> dict[str, Any]:
    from ownerdiag.core.trend import change

    return {"scores": scores, "change": change(scores)}
