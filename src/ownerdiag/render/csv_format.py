"""CSV: the comparison as tidy data for pivot tables, one row per question and respondent.

RFC 4180 (Python's ``csv`` module: comma separated, ``\\r\\n`` line ends, quotes where needed).
Every value is the JSON contract's (``report_json``), with the labels a person reads beside the
ids. A spreadsheet would run a cell that starts like a formula: such cells get a leading ``'``,
and hidden characters are written as ``\\uXXXX`` (:func:`ownerdiag.core.text.literal`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from ownerdiag.core.text import literal

COLUMNS = (
    "question_id",
    "lane",
    "lane_title",
    "kind",
    "prompt",
    "respondent",
    "role",
    "role_label",
    "answer",
    "answer_label",
    "expected",
    "expected_label",
    "verdict",
    "severity",
    "weight",
    "source",
)
"""The header, in order: one row per question (bank order) × respondent (as given)."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What a spreadsheet may read as the start of a formula (with the full-width forms)."""


def formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def cell(value: Any) -> str:
    """A value as a cell a spreadsheet shows and never runs: hidden characters as escapes, and a
    leading ``'`` before anything that would start a formula."""
    text = literal(plain(value))
    return "'" + text if formula_like(text) else text


def plain(value: Any) -> str:
    """An answer or expectation as stored, in words: nothing for no value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(plain(v) for v in value)
    return str(value)


def report(comparison: Any, show_all: bool = False, title: str = "") -> str:
    """Every item, always: ``show_all`` and ``title`` are for the formats people read."""
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: "\r\n" line ends, minimal quoting
    writer.writerow(COLUMNS)
    for row in rows(comparison):
        writer.writerow([cell(row[name]) for name in COLUMNS])
    return out.getvalue()


def rows(comparison: Any) -> Iterator[dict[str, Any]]:
    """The rows as plain values, before any escaping."""
    from ownerdiag.render.report_json import comparison_json

    data = comparison_json(comparison)
    bank = comparison.bank
    lane_titles = {lane["lane"]: lane["title"] for lane in data["summary"]["lanes"]}
    for item, entry in zip(comparison.items, data["items"], strict=True):
        question = item.question
        expected = entry["expected"]
        for person in data["respondents"]:
            role = person["role"]
            answered = role in entry["answers"]
            answer = entry["answers"].get(role)
            yield {
                "question_id": entry["question_id"],
                "lane": entry["lane"],
                "lane_title": lane_titles.get(entry["lane"], ""),
                "kind": entry["kind"],
                "prompt": entry["prompt"],
                "respondent": person["name"],
                "role": role,
                "role_label": person["role_label"],
                "answer": answer if answered else None,
                "answer_label": question.label(answer, bank) if answered else None,
                "expected": expected,
                "expected_label": None if expected is None else question.label(expected, bank),
                "verdict": entry["verdict"],
                "severity": entry["severity"],
                "weight": entry["weight"],
                "source": entry["source"],
            }


def portfolio(result: Any) -> str:
    """One row per org and lane (its latest round): tidy data for a pivot table. Percentiles
    are among the orgs on the same bank, empty where fewer than the minimum answered it."""
    from ownerdiag.core.portfolio import percentile

    out = io.StringIO()
    writer = csv.writer(out)
    columns = ["org", "bank", "bank_orgs", "rounds", "scope", "score", "percentile",
               "first_round_overall"]  # fmt: skip
    writer.writerow(columns)
    benchmarks = {b.bank: b for b in result.benchmarks}
    for org in result.orgs:
        latest = org.latest
        peers = benchmarks[latest.bank.id]
        first = org.rounds[0][1].score if len(org.rounds) > 1 else None
        scopes = [("Overall", latest.score, peers.overall)] + [
            (lane.title, lane.score, peers.lanes.get(lane.title, [])) for lane in latest.lanes
        ]
        for scope, score, population in scopes:
            rank = percentile(score, population) if result.shown(peers) else None
            values = [org.name, latest.bank.id, peers.n, len(org.rounds), scope, score]
            values += [rank, first]
            writer.writerow([cell(v) for v in values])
    return out.getvalue()
