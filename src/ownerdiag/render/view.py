"""The one report view: what the lane-gap report says, decided once for every format.

Built from the typed comparison; the terminal, Markdown and HTML renderers only lay it out, and
JSON serialises the comparison itself (``view["result"]``), never these presentation strings.
Templates escape every value they print.
"""

from __future__ import annotations

from typing import Any

from ownerdiag import __version__
from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.fields import JOINT
from ownerdiag.core.models import Bank
from ownerdiag.core.verdicts import BASE_SEVERITY, Severity, Verdict
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

SETTLE_FIRST_LIMIT = 7
"""Most items shown in full under "settle first": the high-severity ones, this many at most."""
SETTLE_FIRST_CALM = 3
"""Items shown in full when none is high-severity."""
CROWDED = 3
"""With more people than this, tables head their columns with initials."""


def verdict_view(item: Item) -> dict[str, str]:
    return {
        "name": item.verdict.value,
        "symbol": SYMBOL[item.verdict],
        "word": verdict_word(item.verdict),
        "severity": item.severity.value,
        "severity_word": severity_word(item.severity),
        "reason": severity_reason(item),
        "meaning": MEANING[item.verdict],
    }


def severity_reason(item: Item) -> str:
    """Why an item's severity is not its verdict's usual one: the question's weight."""
    if item.severity is BASE_SEVERITY[item.verdict]:
        return ""
    direction = "raised" if item.severity.rank > BASE_SEVERITY[item.verdict].rank else "lowered"
    return f"{direction}: a {item.question.weight.value}-weight question"


def settle_first(agenda: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The few items shown in full: every high one (at most a handful), else the worst few."""
    high = [c for c in agenda if c["verdict"]["severity"] == Severity.high.value]
    return high[:SETTLE_FIRST_LIMIT] if high else agenda[:SETTLE_FIRST_CALM]


def report_view(comparison: Comparison, show_all: bool = False, title: str = "") -> dict[str, Any]:
    bank = comparison.bank
    crowded = len(comparison.responses) > CROWDED
    agenda = [_conflict(comparison, n, item) for n, item in enumerate(comparison.agenda(), 1)]
    numbers = {c["id"]: c["number"] for c in agenda}
    first = settle_first(agenda)
    return {
        "result": comparison,
        "tool_version": __version__,
        "bank": bank_view(bank),
        "title": title or bank.title,
        "date": f"{comparison.last_answered:%Y-%m-%d}",
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
        "score_text": score_text(comparison.score, comparison.certainty),
        "overall_bar": bar(comparison.score),
        "lanes": [
            {
                "title": lane.title,
                "score": lane.score,
                "score_text": score_text(lane.score, lane.certainty),
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
        "conflict_count": len(agenda),
        "flagged_elsewhere": sum(1 for i in comparison.conflicts() if not i.question.decidable),
        "conflicts": first,
        "later": agenda[len(first) :],
        "show_all": show_all,
        "sections": [
            {
                "title": title,
                "score": lane.score if lane else None,
                "score_text": score_text(lane.score, lane.certainty) if lane else "n/a",
                "rows": sorted(
                    (
                        _row(comparison, item, numbers.get(item.question.id))
                        for item in items
                        if show_all or item.severity is not Severity.none
                    ),
                    key=lambda row: (row["number"] is None, row["number"] or 0),
                ),
                "hidden": sum(1 for i in items if not show_all and i.severity is Severity.none),
            }
            for title, lane, items in sections(comparison)
        ],
        "lane_map": lane_map(comparison),
        "texts": [
            {"prompt": item.question.prompt, "answers": _said(comparison, item)}
            for item in comparison.items
            if item.question.quoted
        ],
    }


def _conflict(comparison: Comparison, number: int, item: Item) -> dict[str, Any]:
    return {
        "id": item.question.id,
        "number": number,
        "prompt": item.question.prompt,
        "verdict": verdict_view(item),
        "positions": positions(comparison, item),
        "expected": framework_text(comparison.bank, item),
        "why": item.question.why,
        "remedy": item.question.remedy,
    }


def _row(comparison: Comparison, item: Item, number: int | None) -> dict[str, Any]:
    bank = comparison.bank
    return {
        "number": number,
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
    }


def lane_map(comparison: Comparison) -> dict[str, Any]:
    """The picture: for each leader and lane, how many of the lane's owner questions the leader
    claims alone or calls shared; for each lane, its collisions and vacuums."""
    lanes = []
    for lane in comparison.lanes:
        items = [
            i for i in comparison.items if i.question.lane == lane.lane and i.question.names_owners
        ]
        if items:
            lanes.append((lane.title, items))
    rows = []
    for response in comparison.responses:
        role = response.respondent.role
        cells = []
        for _, items in lanes:
            mine = sum(1 for i in items if i.answers.get(role) == role)
            shared = sum(1 for i in items if i.answers.get(role) == JOINT)
            text = f"claims {mine} of {len(items)}, calls {shared} shared"
            cells.append({"claimed": mine, "shared": shared, "total": len(items), "text": text})
        rows.append({"name": person(comparison.bank, response), "cells": cells})
    marks = []
    for _, items in lanes:
        collisions = sum(1 for i in items if i.verdict is Verdict.collision)
        vacuums = sum(1 for i in items if i.verdict is Verdict.vacuum)
        marks.append({"collisions": collisions, "vacuums": vacuums})
    return {"lanes": [title for title, _ in lanes], "rows": rows, "marks": marks}


def bank_view(bank: Bank) -> dict[str, str]:
    """What every document says about the bank it judged by."""
    return {"id": bank.id, "title": bank.title, "version": bank.version, "source": bank.source}
