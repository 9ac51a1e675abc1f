"""The shipped banks say what the articles say in their own words: no run of eight or more
words is taken from an article (the `source` lines, which cite the articles' titles, aside)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ownerdiag.files.banks import builtin_dir
from ownerdiag.files.yamlio import read_yaml

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
RUN = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def texts(data: object, key: str = "") -> list[str]:
    """Every string in a bank, but the citations."""
    if isinstance(data, dict):
        return [t for k, v in data.items() if k != "source" for t in texts(v, k)]
    if isinstance(data, list):
        return [t for item in data for t in texts(item, key)]
    return [data] if isinstance(data, str) else []


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the articles are not beside this checkout")
@pytest.mark.parametrize("bank", ["outbound", "revenue-leadership", "ceo-cro"])
def test_no_run_of_eight_words_is_copied_from_an_article(bank: str):
    articles = set().union(*(runs(p.read_text()) for p in SEEDS.glob("0*.txt")))
    copied = [
        text
        for text in texts(read_yaml(builtin_dir() / f"{bank}.yaml").data)
        if runs(text) & articles
    ]
    assert copied == []


def test_the_check_finds_a_copied_sentence():
    article = "the execution owner should know without pulling a report whether the team wins"
    assert runs("He should know without pulling a report whether the team wins.") & runs(article)
