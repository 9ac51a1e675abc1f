"""Answers that cannot be trusted: cautions about one respondent, never a change of verdict.

Three patterns make a response doubtful: the same owner named on nearly every owner question
(straight-lining), answers given faster than a question can be read (speeding), and mostly
"nobody clearly / I can't say". Pure: a response and its bank in, cautions out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Literal

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


def cautions(bank: Bank, response: Response) -> list[Caution]:
    """What looks unreliable in ``response``; empty when nothing does."""
    owner = [
        response.answers[q.id]
        for q in bank.questions
        if q.names_owners and q.id in response.answers
    ]
    found: list[Caution] = []
    if len(owner) >= MIN_ANSWERS:
        (_, most), *_ = Counter(owner).most_common(1)
        share = most / len(owner)
        if share >= STRAIGHT_LINE_SHARE:
            found.append(Caution("straight_lining", round(share, 2), STRAIGHT_LINE_SHARE))
        unclear = owner.count(UNCLEAR) / len(owner)
        if unclear > CANNOT_SAY_SHARE:
            found.append(Caution("cannot_say", round(unclear, 2), CANNOT_SAY_SHARE))
    times = list(response.seconds.values())
    if len(times) >= MIN_ANSWERS and median(times) < SPEEDING_SECONDS:
        found.append(Caution("speeding", round(median(times), 1), SPEEDING_SECONDS))
    return found
