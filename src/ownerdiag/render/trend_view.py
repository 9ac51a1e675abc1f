"""The trend view, which the terminal, Markdown and HTML outputs all draw from: the trend's plain
data (as JSON has it) plus the words, symbols and bars people read."""

from __future__ import annotations

from typing import Any

from ownerdiag.core.trend import Trend
from ownerdiag.render.labels import bar, score_text, verdict_word
from ownerdiag.render.report_json import trend_json

STATUS_WORDS = {
    "closed": "✓ closed",
    "opened": "✖ opened",
    "persisted": "● persisted",
    "steady": "· steady",
}


def trend_view(trend: Trend) -> dict[str, Any]:
    view = trend_json(trend)
    for scores in (view["overall"], *view["lanes"]):
        scores.update(_score_words(scores))
    for item, followed in zip(view["items"], trend.items, strict=True):
        item["verdict_words"] = [verdict_word(v) for v in followed.verdicts]
        item["status_word"] = STATUS_WORDS[item["status"]]
    return view


def _score_words(scores: dict[str, Any]) -> dict[str, Any]:
    moved = scores["change"]
    return {
        "score_texts": [score_text(s) for s in scores["scores"]],
        "bar": bar(scores["scores"][-1]),
        "change_text": "n/a" if moved is None else f"{moved:+d}",
    }
