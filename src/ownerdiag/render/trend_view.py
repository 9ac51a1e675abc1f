"""A trend as JSON-ready data, which the terminal, Markdown and HTML outputs all draw from."""

from __future__ import annotations

from typing import Any

from ownerdiag import __version__
from ownerdiag.core.trend import Trend, change
from ownerdiag.render.labels import SYMBOL, bar, score_text

STATUS_WORDS = {
    "closed": "✓ closed",
    "opened": "✖ opened",
    "persisted": "● persisted",
    "steady": "· steady",
}


def trend_view(trend: Trend) -> dict[str, Any]:
    last = trend.rounds[-1].comparison
    return {
        "tool": {"name": "ownerdiag", "version": __version__},
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
        "summary": {
            status: trend.count(status) for status in ("closed", "opened", "persisted", "steady")
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
                "verdict_words": [f"{SYMBOL[v]} {v.value}" for v in item.verdicts],
                "severities": [s.value for s in item.severities],
                "status": item.status,
                "status_word": STATUS_WORDS[item.status],
            }
            for item in trend.items
        ],
        "not_compared": [{"question_id": q, "reason": why} for q, why in trend.not_compared],
    }


def _scores(scores: list[int | None]) -> dict[str, Any]:
    moved = change(scores)
    return {
        "scores": scores,
        "score_texts": [score_text(s) for s in scores],
        "bar": bar(scores[-1]),
        "change": moved,
        "change_text": "n/a" if moved is None else f"{moved:+d}",
    }
