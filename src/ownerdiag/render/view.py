"""The report as plain strings and numbers, ready for the Markdown and HTML templates.

Templates escape every value they print; this module only decides what is said.
"""

from __future__ import annotations

from typing import Any

from ownerdiag import __version__
from ownerdiag.core.engine import Comparison, Item, headline
from ownerdiag.render.labels import (
    MEANING,
    SCORED_ORDER,
    SYMBOL,
    agreement_text,
    answer_text,
    bar,
    expected_text,
    headline_sentence,
    pairwise_rows,
    person,
    positions,
    score_text,
    sections,
    severity_word,
    texts,
)


def verdict_view(item: Item) -> dict[str, str]:
    return {
        "name": item.verdict.value,
        "symbol": SYMBOL[item.verdict],
        "word": f"{SYMBOL[item.verdict]} {item.verdict.value}",
        "severity": item.severity.value,
        "severity_word": severity_word(item.severity),
        "meaning": MEANING[item.verdict],
    }


def report_view(comparison: Comparison) -> dict[str, Any]:
    bank = comparison.bank
    return {
        "tool_version": __version__,
        "bank": {"id": bank.id, "title": bank.title, "version": bank.version},
        "respondents": [
            {
                "name": r.respondent.name,
                "person": person(bank, r, short=False),
                "short": person(bank, r),
                "answered": f"{(r.finished_at or r.started_at):%Y-%m-%d}",
                "complete": r.complete,
            }
            for r in comparison.responses
        ],
        "headline": _headline_view(comparison),
        "score": comparison.score,
        "score_text": score_text(comparison.score),
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
        "agreement": comparison.agreement,
        "agreement_text": agreement_text(comparison.agreement),
        "pairwise": pairwise_rows(comparison) if len(comparison.responses) > 2 else [],
        "overall_bar": bar(comparison.score),
        "conflicts": [
            {
                "number": number,
                "prompt": item.question.prompt,
                "verdict": verdict_view(item),
                "positions": positions(comparison, item),
                "expected": expected_text(bank, item),
                "why": item.question.why,
                "remedy": item.question.remedy,
            }
            for number, item in enumerate(comparison.conflicts(), 1)
        ],
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
            for item in texts(comparison)
        ],
    }


def _row(comparison: Comparison, item: Item) -> dict[str, Any]:
    bank = comparison.bank
    return {
        "prompt": item.question.prompt,
        "answers": [answer_text(bank, item, r.respondent.role) for r in comparison.responses],
        "expected": expected_text(bank, item),
        "verdict": verdict_view(item),
    }


def _said(comparison: Comparison, item: Item) -> list[dict[str, str | None]]:
    return [
        {"name": r.respondent.name, "text": item.answers.get(r.respondent.role)}
        for r in comparison.responses
    ]


def _headline_view(comparison: Comparison) -> dict[str, Any] | None:
    top = headline(comparison)
    if top is None:
        return None
    bank = comparison.bank
    notes = [comparison.item(q.id) for q in top.notes]
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
        "expected": expected_text(bank, top.item),
        "notes": [
            {"prompt": n.question.prompt, "answers": _said(comparison, n)}
            for n in notes
            if n is not None
        ],
    }
