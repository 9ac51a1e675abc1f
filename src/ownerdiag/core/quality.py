"""Answers that cannot be trusted: cautions about one respondent, never a change of verdict.

Three patterns make a response doubtful: the same owner named on nearly every owner question
(straight-lining), answers given faster than a question can be read (speeding), and mostly
"nobody clearly / I can't say". Pure: a response and its bank in, cautions out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Any, Literal

from ownerdiag.core.fields import UNCLEAR
from ownerdiag.core.models import Bank, Response

STRAIGHT_LINE_SHARE = 0.8
"""The same answer on at least this share of owner questions is straight-lining."""
SPEEDING_SECONDS = 2.0
"""A median time per answer under this is speeding."""
CANNOT_SAY_SHARE = 0.5
"""More than this share of owner questions answered "can't say" is mostly can't say."""
MIN_ANSWERS = 5
"""Fewer answers than this say too little to judge a pattern."""

CautionKind = Literal["straight_lining", "speeding", "cannot_say"]


@dataclass(frozen=True)
class Caution:
    kind: CautionKind
    figure: float
    """The share (0-1) of owner questions, or the median seconds per answer."""
    threshold: float


WORDING: dict[CautionKind, str] = {
    "straight_lining": "the same answer on {percent}% of owner questions",
    "cannot_say": "“can't say” on {percent}% of owner questions",
    "speeding": "answered in {seconds} s per question (median)",
}
"""Each caution in words; the browser form gets these as data and fills them in the same way."""


def cautions(bank: Bank, response: Response) -> list[Caution]:
    """What looks unreliable in ``response``; empty when nothing does."""
    owner = [
        response.answers[q.id]
        for q in bank.questions
        if q.names_owners and q.id in response.answers
    ]
    return cautions_of(owner, list(response.seconds.values()))


def cautions_of(owner: list[Any], times: list[float]) -> list[Caution]:
    """Cautions from the owner answers and the seconds each answer took."""
    found: list[Caution] = []
    if len(owner) >= MIN_ANSWERS:
        (_, most), *_ = Counter(owner).most_common(1)
        if most / len(owner) >= STRAIGHT_LINE_SHARE:
            found.append(Caution("straight_lining", share(most, len(owner)), STRAIGHT_LINE_SHARE))
        unclear = owner.count(UNCLEAR)
        if unclear / len(owner) > CANNOT_SAY_SHARE:
            found.append(Caution("cannot_say", share(unclear, len(owner)), CANNOT_SAY_SHARE))
    if len(times) >= MIN_ANSWERS and median(times) < SPEEDING_SECONDS:
        found.append(Caution("speeding", median_tenths(times) / 10, SPEEDING_SECONDS))
    return found


def share(count: int, total: int) -> float:
    """``count / total`` to the whole percent, a half rounded up: in integers, so the browser
    form's sum gives the same figure."""
    return (200 * count + total) // (2 * total) / 100


def median_tenths(times: list[float]) -> int:
    """The median in tenths of a second, a half rounded up (integers, as in the browser form)."""
    tenths = sorted(round(t * 10) for t in times)
    mid = len(tenths) // 2
    return tenths[mid] if len(tenths) % 2 else (tenths[mid - 1] + tenths[mid] + 1) // 2


def wording(caution: Caution) -> str:
    """One caution in words, with its figure."""
    return WORDING[caution.kind].format(
        percent=round(100 * caution.figure), seconds=f"{caution.figure:g}"
    )
