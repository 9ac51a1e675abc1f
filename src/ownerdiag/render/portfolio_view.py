"""The portfolio as people read it, for every format: one section per bank, each figure with
the number of orgs it rests on, and nothing resting on fewer than the minimum."""

from __future__ import annotations

from statistics import median
from typing import Any

from ownerdiag.core.portfolio import Benchmark, Portfolio
from ownerdiag.core.verdicts import Verdict
from ownerdiag.render.labels import SYMBOL

BUCKETS = [(0, 19), (20, 39), (40, 59), (60, 79), (80, 100)]
COMMON_SHOWN = 10


def histogram(scores: list[int]) -> list[dict[str, Any]]:
    total = len(scores) or 1
    return [
        {
            "range": f"{low}–{high}",
            "n": (n := sum(1 for s in scores if low <= s <= high)),
            "share": round(100 * n / total),
        }
        for low, high in BUCKETS
    ]


def too_few(result: Portfolio) -> str:
    return f"fewer than {result.min_orgs} orgs"


def portfolio_view(result: Portfolio) -> dict[str, Any]:
    standing = result.standing
    return {
        "orgs": len(result.orgs),
        "min_orgs": result.min_orgs,
        "banks": [_bank_view(result, b) for b in result.benchmarks],
        "standing": None
        if standing is None
        else {
            "name": standing.name,
            "bank": standing.bank,
            "orgs": standing.orgs,
            "overall": standing.overall,
            "overall_percentile": standing.overall_percentile,
            "lanes": [
                {"title": title, "score": score, "percentile": pct}
                for title, (score, pct) in standing.lanes.items()
            ],
            "note": ""
            if standing.orgs >= result.min_orgs
            else f"no percentiles: {too_few(result)} answered bank {standing.bank} "
            f"({standing.orgs})",
        },
        "org_scores": [
            {
                "name": o.name,
                "rounds": len(o.rounds),
                "bank": o.latest.bank.id,
                "overall": o.latest.score,
                "lanes": {lane.title: lane.score for lane in o.latest.lanes},
                "waiting": o.waiting_note,
            }
            for o in result.orgs
        ],
        "waiting": [f"{o.name}: {o.waiting_note}" for o in result.orgs if o.waiting]
        + result.waiting,
        "problems": result.problems,
    }


def _bank_view(result: Portfolio, bank: Benchmark) -> dict[str, Any]:
    shown = result.shown(bank)
    changes = [b - a for _, a, b in bank.moved if a is not None and b is not None]
    return {
        "bank": bank.bank,
        "title": bank.title,
        "versions": bank.versions,
        "orgs": bank.n,
        "shown": shown,
        "note": "" if shown else f"{too_few(result)} answered this bank: no figures shown",
        "common": [_common(c) for c in bank.common[:COMMON_SHOWN]] if shown else [],
        "distributions": _spreads(result, bank) if shown else [],
        "movement": {
            "orgs": len(changes) if shown else 0,
            "better": sum(1 for c in changes if c > 0) if shown else 0,
            "worse": sum(1 for c in changes if c < 0) if shown else 0,
            "same": sum(1 for c in changes if c == 0) if shown else 0,
            "median_change": _median(changes) if shown else None,
        },
        "items": None if bank.items is None else [_item(i) for i in bank.items],
    }


def _spreads(result: Portfolio, bank: Benchmark) -> list[dict[str, Any]]:
    """The overall score's spread, and each lane's that enough orgs have a score in."""
    scopes = [("Overall", bank.overall), *bank.lanes.items()]
    return [
        {"title": title, "n": len(scores), "median": _median(scores), "buckets": histogram(scores)}
        for title, scores in scopes
        if len(scores) >= result.min_orgs
    ]


def _common(c: Any) -> dict[str, Any]:
    return {
        "question_id": c.question_id,
        "prompt": c.prompt,
        "share": round(100 * c.share),
        "conflicted": c.conflicted,
        "orgs": c.orgs,
        "verdicts": [
            {"verdict": v, "symbol": SYMBOL[Verdict(v)], "orgs": n}
            for v, n in sorted(c.verdicts.items(), key=lambda x: -x[1])
        ],
    }


def _item(i: Any) -> dict[str, Any]:
    return {
        "question_id": i.question_id,
        "prompt": i.prompt,
        "orgs": i.orgs,
        "contested": round(100 * i.contested),
        "unclear": round(100 * i.unclear),
        "drift": round(100 * i.drift),
        "discrimination": i.discrimination,
        "flags": i.flags,
    }


def _median(values: list[int]) -> float | None:
    return round(median(values), 1) if values else None
