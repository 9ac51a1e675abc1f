"""The browser form's rules, run in Chromium and checked against the Python they copy: the file
name's slug, the cautions with their figures and words, and the shuffle."""

from __future__ import annotations

from pathlib import Path
from random import Random
from typing import Any

import pytest

from ownerdiag.core.answers import shuffled_order
from ownerdiag.core.fields import UNCLEAR
from ownerdiag.core.models import Bank
from ownerdiag.core.quality import MIN_ANSWERS, cautions_of
from ownerdiag.files.documents import slug
from ownerdiag.render.labels import caution_text

from .test_browser_form import make_form, open_fresh

pytestmark = pytest.mark.slow

NAMES = [
    "Dana Reyes",
    "Zoë Ångström-Núñez",
    "François L'Hôpital",
    "Łukasz Żółć",
    "Søren Kierkegaard",
    "Ærøskøbing ß",
    "José María O'Neil",
    "李小龍",
    "Renée   --  ..  / Smith",
    "ﬁnal ① ²",
    "",
    "a" * 80,
]


@pytest.fixture
def page_rules(browser: Any, tmp_path: Path) -> Any:
    open_fresh(browser, make_form(tmp_path))
    return browser


def js(browser: Any, call: str, *args: Any) -> Any:
    return browser.execute_script(f"return window.ownerdiagRules.{call};", *args)


def test_the_file_name_slug_is_python_s(page_rules: Any):
    assert js(page_rules, "slug ? arguments[0].map(window.ownerdiagRules.slug) : null", NAMES) == [
        slug(name) for name in NAMES
    ]


def caution_cases() -> list[tuple[list[str], list[float]]]:
    """Owner answers and seconds around every threshold: counts from too few to many, shares
    on and off each line (ties included), medians on and around the speeding line."""
    cases: list[tuple[list[str], list[float]]] = []
    for total in range(MIN_ANSWERS - 1, 13):
        for same in range(total + 1):
            owners = ["cro"] * same + ["vp_sales", "joint"] * total
            cases.append((owners[:total], [5.0] * total))
            cases.append(([UNCLEAR] * same + ["cro"] * (total - same), [5.0] * total))
    for times in ([1.9] * 5, [2.0] * 5, [1.2, 1.3, 1.9, 2.5, 9.0, 0.0], [1.0, 1.5, 0.4, 3.1],
                  [0.1, 0.2, 0.2, 0.3, 0.4, 0.5], [1.9, 2.0, 2.1, 1.8, 1.95, 2.05]):  # fmt: skip
        cases.append((["cro"] * 8, times))
    return cases


def test_cautions_have_python_s_figures_and_words(page_rules: Any):
    cases = caution_cases()
    shown = js(
        page_rules,
        "cautionsFor ? arguments[0].map(([o, t]) => window.ownerdiagRules.cautionsFor(o, t)"
        ".map(window.ownerdiagRules.cautionText)) : null",
        cases,
    )
    expected = [[caution_text(c) for c in cautions_of(o, t)] for o, t in cases]
    assert shown == expected
    kinds = {c.kind for o, t in cases for c in cautions_of(o, t)}
    assert kinds == {"straight_lining", "cannot_say", "speeding"}  # every case was met


def within_sections(bank_order: list[tuple[str, str]], order: list[str]) -> bool:
    section = dict(bank_order)
    return sorted(order) == sorted(section) and [section[i] for i in order] == [
        s for _, s in bank_order
    ]


def test_the_shuffle_keeps_sections_and_varies_within_them(page_rules: Any, outbound: Bank):
    bank_order = [(q.id, q.section or "") for q in outbound.questions]
    orders = js(page_rules, "shuffled ? [...Array(30)].map(() => window.ownerdiagRules"
                ".shuffled(arguments[0])) : null", [i for i, _ in bank_order])  # fmt: skip
    python = [shuffled_order(outbound, Random(seed)) for seed in range(30)]
    for order in orders + python:
        assert within_sections(bank_order, order)
    assert len({tuple(o) for o in orders}) > 1 and len({tuple(o) for o in python}) > 1
