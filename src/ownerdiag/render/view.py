"""The one report view: what the lane-gap report says, decided once for every format.

Built from the typed comparison; the terminal, Markdown and HTML renderers only lay it out, and
JSON serialises the comparison itself (``view["result"]``), never these presentation strings.
Templates escape every value they print.
"""

from __future__ import annotations

from typing import Any

from ownerdiag import __version__
from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.models import Bank
from ownerdiag.render.labels import (
    MEANING,
    SCORED_ORDER,
    SYMBOL,
    agreement_text,
    answer_text,
    bar,
    caution_text,
    expected_text,
    headline_sentence,
    pairwise_rows,
    person,
    positions,
    score_text,
    sections,
    severity_word,
    short_label,
    verdict_word,
)

SETTLE_FIRST_LIMIT = 12
"""Conflicts shown in full under "settle these first"; the rest are listed in one line each."""
CROWDED = 3
"""With more people than this, tables head their columns with initials."""


def verdict_view(item: Item) -> dict[str, str]:
    return {
        "name": item.verdict.value,
        "symbol": SYMBOL[item.verdict],
        "word": verdict_word(item.verdict),
        "severity": item.severity.value,
        "severity_word": severity_word(item.severity),
        "meaning": MEANING[item.verdict],
    }


def report_view(comparison: Comparison) -> dict[str, Any]:
    bank = comparison.bank
    crowded = len(comparison.responses) > CROWDED
    conflicts = [_conflict(comparison, n, item) for n, item in enumerate(comparison.conflicts(), 1)]
    return {
        "result": comparison,
        "tool_version": __version__,
        "bank": {"id": bank.id, "title": bank.title, "version": bank.version},
        "respondents": [
            {
                "name": r.respondent.name,
                "person": person(bank, r, short=False),
                "short": person(bank, r),
                "column": short_label(bank, r.respondent.role, width=5)
                if crowded
                else person(bank, r),
                "answered": f"{(r.finished_at or r.started_at):%Y-%m-%d}",
                "complete": r.complete,
                "cautions": [caution_text(c) for c in comparison.cautions[r.respondent.role]],
            }
            for r in comparison.responses
        ],
        "crowded": crowded,
        "headline": _headline_view(comparison),
        "score": comparison.score,
        "score_text": score_text(comparison.score),
        "overall_bar": bar(comparison.score),
        "lanes": [
            {
                "title": lane.title,
                "score": lane.score,
                "score_text": score_text(lane.score),
                "bar": bar(lane.score),
            }
            for lane in comparison.lanes
        ],
        "counts": [
            {"symbol": SYMBOL[v], "name": v.value, "n": comparison.counts[v], "meaning": MEANING[v]}
            for v in SCORED_ORDER
        ],
        "agreement_text": agreement_text(comparison.agreement),
        "pairwise": pairwise_rows(comparison) if len(comparison.responses) > 2 else [],
        "conflict_count": len(conflicts),
        "conflicts": conflicts[:SETTLE_FIRST_LIMIT],
        "later": conflicts[SETTLE_FIRST_LIMIT:],
        "sections": [
            {
                "title": title,
                "score": score,
                "score_text": score_text(score),
                "rows": [_row(comparison, item) for item in items],
            }
            for title, score, items in sections(comparison)
        ],
        "texts": [
            {"prompt": item.question.prompt, "answers": _said(comparison, item)}
            for item in comparison.items
            if item.question.quoted
        ],
    }


def _conflict(comparison: Comparison, number: int, item: Item) -> dict[str, Any]:
    return {
        "number": number,
        "prompt": item.question.prompt,
        "verdict": verdict_view(item),
        "positions": positions(comparison, item),
        "expected": framework_text(comparison.bank, item),
        "why": item.question.why,
        "remedy": item.question.remedy,
    }


def _row(comparison: Comparison, item: Item) -> dict[str, Any]:
    bank = comparison.bank
    return {
        "prompt": item.question.prompt,
        "answers": [answer_text(bank, item, r.respondent.role) for r in comparison.responses],
        "expected": expected_text(bank, item),
        "verdict": verdict_view(item),
    }


def framework_text(bank: Bank, item: Item) -> str:
    """The framework's answer with where it comes from, so a client can check it."""
    text = expected_text(bank, item)
    source = item.question.source
    return f"{text} (source: {source})" if source and item.question.expected is not None else text


def _said(comparison: Comparison, item: Item) -> list[dict[str, Any]]:
    return [
        {"name": r.respondent.name, "text": item.answers.get(r.respondent.role)}
        for r in comparison.responses
    ]


def _headline_view(comparison: Comparison) -> dict[str, Any] | None:
    top = comparison.headline
    if top is None:
        return None
    bank = comparison.bank
    return {
        "prompt": top.item.question.prompt,
        "answers": [
            {
                "name": r.respondent.name,
                "answer": answer_text(bank, top.item, r.respondent.role, short=False),
            }
            for r in comparison.responses
        ],
        "sentence": headline_sentence(top),
        "verdict": verdict_view(top.item),
        "expected": framework_text(bank, top.item),
        "notes": [
            {"prompt": n.question.prompt, "answers": _said(comparison, n)} for n in top.notes
        ],
    }
