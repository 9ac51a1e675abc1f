"""The facilitator's walk through the conflicts, in the terminal: one decision at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary

from ownerdiag.core.decisions import with_decision
from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.models import Decision, Decisions
from ownerdiag.core.text import literal
from ownerdiag.interactive.prompts import BACK, HELP, say, with_back
from ownerdiag.render.labels import expected_text, positions, severity_word, verdict_word

LEAVE_OPEN = "\x00open"
KEYS = "Enter choose · ? why · Ctrl-B back"


def run(
    comparison: Comparison, items: list[Item], decisions: Decisions, save: Callable[[Any], None]
) -> Decisions:
    say(("\nSettling the conflicts", "bold"), f": {len(items)} items, worst first.")
    say(("Keys: " + KEYS, "fg:ansibrightblack"))
    index = next(
        (i for i, item in enumerate(items) if item.question.id not in decisions.decisions),
        len(items),
    )
    while index < len(items):
        item = items[index]
        previous = decisions.decisions.get(item.question.id)
        decision = decide(comparison, item, index, len(items), previous)
        if not isinstance(decision, Decision):  # BACK
            index = max(0, index - 1)
            continue
        decisions = with_decision(decisions, item.question.id, decision)
        save(decisions)
        index += 1
    return decisions


def decide(
    comparison: Comparison, item: Item, index: int, total: int, previous: Decision | None
) -> Decision | str:
    bank = comparison.bank
    question = item.question
    say(
        "",
        (
            f"[{index + 1}/{total}] {severity_word(item.severity)} {verdict_word(item.verdict)}",
            "bold",
        ),
    )
    say((question.prompt, "bold"))
    say("  ", positions(comparison, item))
    say("  Framework: ", (expected_text(bank, item), "bold"))
    if question.remedy:
        say("  Remedy: ", question.remedy)
    while True:
        choice = with_back(_owner_prompt(comparison, item, previous)).unsafe_ask()
        if choice == HELP:
            say((question.why or "The bank gives no reasoning for this item.", "italic"))
            continue
        if choice == BACK:
            return BACK
        break
    note = with_back(
        questionary.text("Note (optional):", default=previous.note if previous else ""),
        help_key=False,
    ).unsafe_ask()
    if note == BACK:
        return BACK
    value = None if choice == LEAVE_OPEN else choice
    return Decision(decision=value, note=note.strip())


def _owner_prompt(comparison: Comparison, item: Item, previous: Decision | None) -> Any:
    bank = comparison.bank
    question = item.question
    valid = question.decision_choices(bank)
    said: dict[Any, list[str]] = {}
    for response in comparison.responses:
        answer = item.answers.get(response.respondent.role)
        said.setdefault(answer, []).append(response.respondent.name)
    suggest = None if question.about_facts else question.expected
    ordered = sorted(valid, key=lambda c: (c.id != suggest, c.id not in said))
    choices = []
    for choice in ordered:
        tags = (["framework"] if choice.id == question.expected else []) + said.get(choice.id, [])
        title = f"{choice.label}  ({', '.join(tags)})" if tags else choice.label
        choices.append(questionary.Choice(literal(title), choice.id))
    choices.append(questionary.Choice("Leave open for now", LEAVE_OPEN))
    # a question about what has happened starts on "leave open": Enter must not record the
    # framework's answer as a fact
    default = (
        previous.decision
        if previous and previous.decision is not None
        else (suggest if suggest is not None else LEAVE_OPEN)
    )
    return questionary.select(
        "What does the room agree?",
        choices=choices,
        default=next((c for c in choices if c.value == default), None),
        instruction=f"({KEYS})",
    )
