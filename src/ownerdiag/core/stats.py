"""Agreement statistics in pure Python.

Gwet's AC1 is used rather than Cohen's or Fleiss' kappa: when one answer dominates (most items
answered the same way), kappa's chance term approaches the observed agreement and kappa collapses
toward zero or below even when people agree almost everywhere (the "kappa paradox"). AC1's chance
term shrinks instead, so it stays meaningful for banks where most items are agreed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any


def percent_agreement(ratings: Sequence[Sequence[Any]]) -> float | None:
    """Share of items on which every rater gave the same answer."""
    if not ratings:
        return None
    return sum(1 for row in ratings if len(set(row)) == 1) / len(ratings)


def gwet_ac1(ratings: Sequence[Sequence[Any]], categories: Sequence[Any]) -> float:
    """Gwet's AC1 for any number of raters (Gwet 2008, eq. for multiple raters).

    ``ratings`` has one row per item and one answer per rater; ``categories`` lists every
    possible answer (the chance term depends on how many there are).
    """
    rows = [row for row in ratings if len(row) >= 2]
    if not rows:
        raise ValueError("AC1 needs at least one item rated by two or more raters")
    q = len(categories)
    if q < 2:
        raise ValueError("AC1 needs at least two categories")
    observed = 0.0
    prevalence: dict[Any, float] = dict.fromkeys(categories, 0.0)
    for row in rows:
        counts = Counter(row)
        r = len(row)
        observed += sum(c * (c - 1) for c in counts.values()) / (r * (r - 1))
        for category, c in counts.items():
            prevalence[category] = prevalence.get(category, 0.0) + c / r
    n = len(rows)
    pa = observed / n
    pe = sum((prevalence[k] / n) * (1 - prevalence[k] / n) for k in categories) / (q - 1)
    return (pa - pe) / (1 - pe)


def within(steps: Sequence[Sequence[int]], distance: int) -> float | None:
    """Share of items whose answers lie no more than ``distance`` steps apart."""
    if not steps:
        return None
    return sum(1 for row in steps if max(row) - min(row) <= distance) / len(steps)


def pair_agreement(items: Sequence[Any], first: str, second: str) -> float | None:
    """Share of items both answered on which ``first`` and ``second`` gave the same answer."""
    both = [i for i in items if first in i.answers and second in i.answers]
    if not both:
        return None
    return sum(1 for i in both if i.answers[first] == i.answers[second]) / len(both)


def wilson_interval(share: float, n: float, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for a share observed over ``n`` items (95 % by default): it
    stays inside 0-1 and does not collapse to a point when every item agrees."""
    if n <= 0:
        return 0.0, 1.0
    centre = share + z * z / (2 * n)
    spread = z * ((share * (1 - share) + z * z / (4 * n)) / n) ** 0.5
    scale = 1 + z * z / n
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)
