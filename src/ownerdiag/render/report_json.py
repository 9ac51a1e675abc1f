"""The comparison as JSON-ready data: the contract other tools and tests read."""

from __future__ import annotations

from typing import Any

from ownerdiag import __version__
from ownerdiag.core.engine import Comparison, Item, headline


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    bank = comparison.bank
    top = headline(comparison)
    return {
        "tool": {"name": "ownerdiag", "version": __version__},
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
            "lanes": [
                {
                    "lane": lane.lane,
                    "title": lane.title,
                    "alignment_score": lane.score,
                    "counts": {v.value: n for v, n in lane.counts.items() if n},
                }
                for lane in comparison.lanes
            ],
            "agreement": comparison.agreement,
            "settle_first": [item.question.id for item in comparison.conflicts()],
        },
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
        "answers": item.answers,
        "weight": question.weight.value,
        "why": question.why or None,
        "remedy": question.remedy or None,
    }
