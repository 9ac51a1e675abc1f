"""The portfolio as people read it, for every format: standings, common conflicts, spreads."""

from __future__ import annotations

from statistics import median
from typing import Any

from ownerdiag.core.portfolio import Portfolio
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


def portfolio_view(result: Portfolio) -> dict[str, Any]:
    banks: dict[str, int] = {}
    for org in result.orgs:
        banks[org.latest.bank.id] = banks.get(org.latest.bank.id, 0) + 1
    changes = [b - a for _, a, b in result.moved if a is not None and b is not None]
    standing = result.standing
    return {
        "orgs": len(result.orgs),
        "banks": banks,
        "standing": None
        if standing is None
        else {
            "name": standing.name,
            "overall": standing.overall,
            "overall_percentile": standing.overall_percentile,
            "lanes": [
                {"title": title, "score": score, "percentile": pct}
                for title, (score, pct) in standing.lanes.items()
            ],
        },
        "common": [
            {
                "bank": c.bank,
                "question_id": c.question_id,
                "prompt": c.prompt,
                "share": round(100 * c.share),
                "orgs": c.orgs,
                "verdicts": [
                    {"verdict": v, "symbol": SYMBOL[Verdict(v)], "orgs": n}
                    for v, n in sorted(c.verdicts.items(), key=lambda x: -x[1])
                ],
            }
            for c in result.common[:COMMON_SHOWN]
        ],
        "distributions": [
            {
                "title": "Overall",
                "median": _median(result.overall),
                "buckets": histogram(result.overall),
            },
            *(
                {"title": title, "median": _median(scores), "buckets": histogram(scores)}
                for title, scores in result.lanes.items()
            ),
        ],
        "movement": {
            "orgs": len(result.moved),
            "better": sum(1 for c in changes if c > 0),
            "worse": sum(1 for c in changes if c < 0),
            "same": sum(1 for c in changes if c == 0),
            "median_change": _median(changes),
            "orgs_list": [{"name": name, "first": a, "last": b} for name, a, b in result.moved],
        },
        "org_scores": [
            {
                "name": o.name,
                "rounds": len(o.rounds),
                "bank": o.latest.bank.id,
                "overall": o.latest.score,
                "lanes": {lane.title: lane.score for lane in o.latest.lanes},
            }
            for o in result.orgs
        ],
        "problems": result.problems,
    }


def _median(values: list[int]) -> float | None:
    return round(median(values), 1) if values else None
