"""The conflict taxonomy's words, and how much each verdict weighs. Pure data and arithmetic."""

from __future__ import annotations

from enum import Enum

from ownerdiag.core.fields import Weight


class Verdict(Enum):
    vacuum = "vacuum"
    collision = "collision"
    deflection = "deflection"
    split = "split"
    mismatch = "mismatch"
    drift = "drift"
    aligned = "aligned"
    unscored = "unscored"


class Severity(Enum):
    high = "high"
    medium = "medium"
    low = "low"
    none = "none"

    @property
    def rank(self) -> int:
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = [Severity.none, Severity.low, Severity.medium, Severity.high]

BASE_SEVERITY = {
    Verdict.vacuum: Severity.high,
    Verdict.collision: Severity.high,
    Verdict.deflection: Severity.high,
    Verdict.split: Severity.medium,
    Verdict.mismatch: Severity.medium,
    Verdict.drift: Severity.low,
    Verdict.aligned: Severity.none,
    Verdict.unscored: Severity.none,
}

CREDIT = {
    Verdict.aligned: 1.0,
    Verdict.drift: 0.5,
    Verdict.split: 0.25,
    Verdict.mismatch: 0.0,
    Verdict.vacuum: 0.0,
    Verdict.collision: 0.0,
    Verdict.deflection: 0.0,
}
"""How much of an item's weight counts toward the alignment score, by verdict."""

WEIGHT = {Weight.low: 0.5, Weight.normal: 1.0, Weight.high: 2.0}
_SHIFT = {Weight.low: -1, Weight.normal: 0, Weight.high: 1}


def severity(verdict: Verdict, weight: Weight = Weight.normal) -> Severity:
    base = BASE_SEVERITY[verdict]
    if base is Severity.none:
        return base
    shifted = min(max(base.rank + _SHIFT[weight], Severity.low.rank), Severity.high.rank)
    return _SEVERITY_ORDER[shifted]


def agreed(on_expected: bool) -> Verdict:
    return Verdict.aligned if on_expected else Verdict.drift
