"""Agreement statistics against worked examples computed by hand."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import pytest

from ownerdiag.core.stats import gwet_ac1, percent_agreement, within


def cohen_kappa(first: Sequence[Any], second: Sequence[Any]) -> float:
    """Cohen's kappa for two raters, to show where it collapses and AC1 does not."""
    n = len(first)
    pa = sum(1 for a, b in zip(first, second, strict=True) if a == b) / n
    ca, cb = Counter(first), Counter(second)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if pe == 1 else (pa - pe) / (1 - pe)


def test_two_raters_hand_worked_example():
    # 10 items; 8 both x, 1 both y, 1 split (A x, B y)
    a = ["x"] * 9 + ["y"]
    b = ["x"] * 8 + ["y", "y"]
    rows = list(zip(a, b, strict=True))
    assert percent_agreement(rows) == pytest.approx(0.9)
    # pi_x = (0.9 + 0.8) / 2 = 0.85; pe = 2 * 0.85 * 0.15 / (2 - 1) = 0.255
    assert gwet_ac1(rows, ["x", "y"]) == pytest.approx((0.9 - 0.255) / (1 - 0.255))
    # kappa: pe = 0.9 * 0.8 + 0.1 * 0.2 = 0.74
    assert cohen_kappa(a, b) == pytest.approx((0.9 - 0.74) / 0.26)


def test_kappa_paradox_ac1_stays_meaningful():
    # 20 items, 18 agreed on x, each rater said y once, on different items: 90% agreement
    a = ["x"] * 18 + ["y", "x"]
    b = ["x"] * 18 + ["x", "y"]
    rows = list(zip(a, b, strict=True))
    assert cohen_kappa(a, b) == pytest.approx((0.9 - 0.905) / 0.095)  # about -0.05
    assert gwet_ac1(rows, ["x", "y"]) == pytest.approx((0.9 - 0.095) / 0.905)  # about 0.89


def test_three_raters_hand_worked_example():
    rows = [["a", "a", "a"], ["a", "a", "b"]]
    # pa = (1 + 2*1/(3*2)) / 2 = 2/3; pi_a = (1 + 2/3) / 2 = 5/6; pe = 2 * 5/6 * 1/6
    pe = 2 * (5 / 6) * (1 / 6)
    assert gwet_ac1(rows, ["a", "b"]) == pytest.approx((2 / 3 - pe) / (1 - pe))


def test_more_categories_lower_the_chance_term():
    rows = [["x", "x"], ["x", "y"]]
    assert gwet_ac1(rows, ["x", "y", "z", "w"]) > gwet_ac1(rows, ["x", "y"])


def test_cadence_within_steps():
    steps = [[0, 0], [0, 1], [1, 3]]
    assert within(steps, 0) == pytest.approx(1 / 3)
    assert within(steps, 1) == pytest.approx(2 / 3)
    assert within([], 1) is None


def test_ac1_needs_items_and_categories():
    with pytest.raises(ValueError):
        gwet_ac1([], ["x", "y"])
    with pytest.raises(ValueError):
        gwet_ac1([["x", "x"]], ["x"])


def test_wilson_interval_hand_worked():
    from ownerdiag.core.stats import wilson_interval

    # p = 0.5, n = 10, z = 1.96: centre (0.5 + 0.19208) / 1.38416 = 0.5; half-width
    # 1.96 * sqrt((0.25 + 0.09604) / 10) / 1.38416 = 0.26340
    low, high = wilson_interval(0.5, 10)
    assert (low, high) == (pytest.approx(0.23660, abs=1e-4), pytest.approx(0.76340, abs=1e-4))
    # every item agreed: the range stays below 1 at the bottom instead of collapsing to a point
    low, high = wilson_interval(1.0, 6)
    assert high == 1.0 and low == pytest.approx(0.6097, abs=1e-3)
    assert wilson_interval(0.3, 0) == (0.0, 1.0)
