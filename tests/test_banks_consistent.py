"""The shipped banks never contradict each other, and every expectation names its source.

Questions in different banks that ask the same thing share a ``concept``; they must expect the
same answer. Where two banks ask related but different things (designing how deals progress
versus running the deals), the concepts differ and the prompts say which is meant.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from ownerdiag.core.models import Bank
from ownerdiag.files.banks import builtin_dir, load_bank

SHIPPED = ["outbound", "revenue-leadership", "ceo-cro"]

SPANNING = {
    "market_choice": 2,
    "pipeline_creation": 2,
    "written_ownership_agreement": 3,
    "ownership_review_cadence": 3,
    "risk_tolerance": 2,
    "efficiency_vs_expansion": 2,
}
"""Concepts the articles make every bank (or several) ask about, and in how many banks."""


def shipped() -> list[Bank]:
    return [load_bank(builtin_dir() / f"{name}.yaml") for name in SHIPPED]


def by_concept(banks: list[Bank]) -> dict[str, list[tuple[str, str, Any]]]:
    groups: dict[str, list[tuple[str, str, Any]]] = defaultdict(list)
    for bank in banks:
        for question in bank.questions:
            if question.concept:
                groups[question.concept].append((bank.id, question.id, question.expected))
    return groups


def contradictions(banks: list[Bank]) -> list[str]:
    """One line per concept whose questions expect different answers in different banks."""
    found = []
    for concept, members in sorted(by_concept(banks).items()):
        if len({repr(expected) for _, _, expected in members}) > 1:
            said = ", ".join(f"{b}.{q} expects {e!r}" for b, q, e in members)
            found.append(f"{concept}: {said}")
    return found


def test_questions_that_ask_the_same_thing_expect_the_same_answer():
    assert contradictions(shipped()) == []


@pytest.mark.parametrize(("concept", "banks"), SPANNING.items())
def test_the_shared_topics_are_asked_in_several_banks(concept: str, banks: int):
    members = by_concept(shipped())[concept]
    assert len({bank for bank, _, _ in members}) >= banks, members


def test_the_check_finds_a_contradiction():
    banks = shipped()
    outbound = banks[0]
    question = next(q for q in outbound.questions if q.concept == "pipeline_creation")
    other = "cro" if question.expected != "cro" else "vp_sales"
    changed = outbound.model_copy(
        update={
            "questions": [
                q.model_copy(update={"expected": other}) if q is question else q
                for q in outbound.questions
            ]
        }
    )
    assert any(
        line.startswith("pipeline_creation:") for line in contradictions([changed, *banks[1:]])
    )


@pytest.mark.parametrize("name", SHIPPED)
def test_every_expectation_names_its_source(name: str):
    bank = load_bank(builtin_dir() / f"{name}.yaml")
    assert bank.unsourced() == []
    assert bank.warnings() == []
    assert len(bank.questions) <= 45  # what a leader finishes in about ten minutes


@pytest.mark.parametrize("name", SHIPPED)
def test_every_item_the_meeting_decides_has_a_topic_for_the_charter(name: str):
    bank = load_bank(builtin_dir() / f"{name}.yaml")
    assert [q.id for q in bank.questions if q.decidable and not q.topic] == []
    for question in bank.questions:  # the charter states open items as things to decide
        if question.decidable:
            assert question.prompt not in question.to_decide()


@pytest.mark.parametrize("name", SHIPPED)
def test_yes_no_topics_are_whether_clauses(name: str):
    """The charter prints a yes/no topic beside the answer: "Whether X | No" must read as the
    question asked, so the topic is a "whether" clause of the same polarity."""
    bank = load_bank(builtin_dir() / f"{name}.yaml")
    assert [
        q.id for q in bank.questions if q.kind == "yes_no" and not q.topic.startswith("whether ")
    ] == []
