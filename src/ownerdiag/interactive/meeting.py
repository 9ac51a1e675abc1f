"""The facilitator's walk through the conflicts, in the terminal: one decision at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary

from ownerdiag.core.decisions import origin_of, parse_decision, shared_answer, with_decision
from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.kinds.base import distinct
from ownerdiag.core.models import Decision, Decisions
from ownerdiag.core.text import literal
from ownerdiag.interactive import widgets
from ownerdiag.interactive.prompts import BACK, HELP, say, with_back
from ownerdiag.render.charter_view import leaders_said
from ownerdiag.render.labels import expected_text, positions, severity_word, verdict_word

LEAVE_OPEN = "\x00open"
ANOTHER = "\x00another"
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
        choice = with_back(_decision_prompt(comparison, item, previous)).unsafe_ask()
        if choice == HELP:
            say((question.why or "The bank gives no reasoning for this item.", "italic"))
            continue
        if choice == ANOTHER:
            choice = _another(comparison, item)
            if choice == BACK:
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
    decision = parse_decision(bank, question, {"decision": value, "note": note})
    origin = origin_of(item, len(comparison.responses), decision.decision)
    return decision.model_copy(update={"origin": origin})


def _candidates(comparison: Comparison, item: Item) -> list[tuple[Any, str]]:
    """(answer, title) the room can settle on: each valid one; for a list answer (an order),
    those the leaders gave and the framework's."""
    bank = comparison.bank
    question = item.question
    spec = question.decision_spec(bank)
    if not spec.many:
        return [(o.value, o.title) for o in spec.options]
    expected = [] if question.expected is None else [question.expected]
    return [(v, question.label(v, bank)) for v in distinct([*item.answers.values(), *expected])]


def _decision_prompt(comparison: Comparison, item: Item, previous: Decision | None) -> Any:
    """The answers the room can take: the leaders' shared one first, then the framework's; the
    cursor starts on "leave open" (or on what the room decided before), so Enter alone never
    records a decision nobody made."""
    question = item.question
    said = [(item.answers.get(r.respondent.role), r.respondent.name) for r in comparison.responses]
    shared = shared_answer(item, len(comparison.responses))
    ordered = sorted(
        _candidates(comparison, item),
        key=lambda c: (
            c[0] != shared,
            c[0] != question.expected,
            all(c[0] != answer for answer, _ in said),
        ),
    )
    choices = []
    for value, label in ordered:
        if value == shared:
            tags = [leaders_said(comparison)]
        else:
            tags = ["the framework's answer"] if value == question.expected else []
            tags += [f"{name} said" for answer, name in said if answer == value]
        title = f"{label}  ({', '.join(tags)})" if tags else label
        choices.append(questionary.Choice(literal(title), value))
    if question.decision_spec(comparison.bank).many:
        choices.append(questionary.Choice("Another answer…", ANOTHER))
    choices.append(questionary.Choice("Leave open for now", LEAVE_OPEN))
    decided_before = previous.decision if previous else None
    default = LEAVE_OPEN if decided_before is None else decided_before
    return questionary.select(
        "What does the room agree?",
        choices=choices,
        default=next((c for c in choices if c.value == default), None),
        instruction=f"({KEYS})",
    )


def _another(comparison: Comparison, item: Item) -> Any:
    """An answer nobody gave, in the question's own widget."""
    bank = comparison.bank
    question = item.question
    spec = question.decision_spec(bank)
    return widgets.ask(spec, question.suggested_decision(), help_key=False, check=lambda _: True)
