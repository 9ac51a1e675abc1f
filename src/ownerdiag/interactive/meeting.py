"""The facilitator's walk through the agenda, in the terminal: one item per cleared screen, the
room's choice by number or arrow, back, leave open, and a review before saving.

Only the room decides: every item starts on "leave open" (or on what the room chose before), so
Enter alone never records a decision nobody made."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.application import get_app_session

from ownerdiag.core.decisions import origin_of, parse_decision, shared_answer, with_decision
from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.kinds.base import distinct
from ownerdiag.core.kinds.spec import Option, PromptSpec
from ownerdiag.core.models import Decision, Decisions
from ownerdiag.core.text import literal
from ownerdiag.interactive import widgets
from ownerdiag.interactive.prompts import (
    BACK,
    HELP,
    fresh_screen,
    say,
    screenfuls,
    with_back,
    wrapped,
)
from ownerdiag.render.charter_view import leaders_said, review_rows
from ownerdiag.render.labels import MEANING, positions, severity_word, shorten, verdict_word
from ownerdiag.render.view import framework_text

LEAVE_OPEN = "\x00open"
ANOTHER = "\x00another"
SAVE = "\x00save"
KEYS = "↑↓ or 1-9 choose · s leave open · Enter confirm · ← or Ctrl-B back · ? why"
MINUTES_PER_ITEM = 2
"""What the progress line counts an item at, for the time left."""
WIDEST = 100
"""The widest line of an item's screen (wider terminals keep lines short enough to read)."""

Save = Callable[[Decisions], None]


def run(comparison: Comparison, items: list[Item], decisions: Decisions, save: Save) -> Decisions:
    """Every item not gone through yet, then the review; returns the decisions to save."""
    index = next(
        (i for i, item in enumerate(items) if item.question.id not in decisions.decisions),
        len(items),
    )
    opening = (
        f"Resuming: {index} of {len(items)} items gone through already."
        if index
        else f"Settling the conflicts: {len(items)} items, worst first."
    )
    decisions = walk(comparison, items, decisions, save, index, opening)
    return review(comparison, items, decisions, save)


def walk(
    comparison: Comparison,
    items: list[Item],
    decisions: Decisions,
    save: Save,
    index: int,
    opening: str = "",
) -> Decisions:
    """Items from ``index`` on, one screen each; back steps to the one before."""
    while index < len(items):
        item = items[index]
        previous = decisions.decisions.get(item.question.id)
        decision = decide(comparison, item, (index, len(items)), previous, opening)
        opening = ""
        if not isinstance(decision, Decision):  # BACK
            index = max(0, index - 1)
            continue
        decisions = with_decision(decisions, item.question.id, decision)
        save(decisions)
        index += 1
    return decisions


def progress_line(index: int, total: int) -> str:
    """``Item 4 of 11 · about 16 min left at 2 min an item``."""
    left = (total - index) * MINUTES_PER_ITEM
    return f"Item {index + 1} of {total} · about {left} min left at {MINUTES_PER_ITEM} min an item"


def show_item(comparison: Comparison, item: Item, at: tuple[int, int], opening: str = "") -> None:
    """The item on a cleared screen: what it is, what each leader said, the framework's answer
    and its remedy, every line broken between words."""
    question = item.question
    fresh_screen()
    if opening:
        say((wrapped(opening), "italic"))
    say((wrapped(progress_line(*at)), "bold fg:ansicyan"))
    verdict = f"{severity_word(item.severity)} {verdict_word(item.verdict)}".strip()
    say((wrapped(f"{verdict}: {MEANING[item.verdict]}"), "bold"))
    say("")
    say((wrapped(question.prompt), "bold"))
    say(wrapped("Said: " + positions(comparison, item)))
    if question.expected is not None:
        say(wrapped("Framework: " + framework_text(comparison.bank, item)))
    if question.remedy:
        say(wrapped("Remedy: " + question.remedy))
    say((wrapped("Keys: " + KEYS), "fg:ansibrightblack"))


def decide(
    comparison: Comparison,
    item: Item,
    at: tuple[int, int],
    previous: Decision | None,
    opening: str = "",
) -> Decision | str:
    """The room's decision on one item (``None`` when left open), or ``BACK``."""
    show_item(comparison, item, at, opening)
    while True:
        choice = _choose(comparison, item, previous)
        if choice == BACK:
            return BACK
        note = with_back(
            questionary.text("Note (optional):", default=previous.note if previous else ""),
            help_key=False,
        ).unsafe_ask()
        if note != BACK:
            break
    value = None if choice == LEAVE_OPEN else choice
    decision = parse_decision(comparison.bank, item.question, {"decision": value, "note": note})
    origin = origin_of(item, len(comparison.responses), decision.decision)
    return decision.model_copy(update={"origin": origin})


def _choose(comparison: Comparison, item: Item, previous: Decision | None) -> Any:
    """A candidate's value, ``LEAVE_OPEN`` or ``BACK``; '?' shows why the item matters."""
    question = item.question
    while True:
        decided_before = previous.decision if previous else None
        start = LEAVE_OPEN if decided_before is None else decided_before
        message = (
            "What does the room say is the case?"
            if question.about_facts
            else "What does the room decide?"
        )
        choice = widgets.pick_one(
            decision_spec(comparison, item), start, help_key=True, message=message
        ).unsafe_ask()
        if choice == HELP:
            say((wrapped(question.why or "The bank gives no reasoning for this item."), "italic"))
            continue
        if choice == ANOTHER:
            choice = _another(comparison, item)
            if choice == BACK:
                continue
        return choice


def decision_spec(comparison: Comparison, item: Item) -> PromptSpec:
    """The answers the room can take, numbered: the leaders' shared one first (labelled as
    theirs), then the framework's, then those a leader gave, then the rest; "another answer"
    for a list; "leave open" last, on ``s``."""
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
    width = min(WIDEST, get_app_session().output.get_size().columns) - 8
    options = []
    for value, label in ordered:
        if value == shared:
            tags = [leaders_said(comparison)]
        else:
            tags = ["the framework's answer"] if value == question.expected else []
            tags += [f"{name} said" for answer, name in said if answer == value]
        whose = f" ({', '.join(tags)})" if tags else ""
        options.append(Option(value, shorten(label, max(20, width - len(whose))) + whose))
    keys = [str(n) for n in range(1, len(options) + 1)]
    if question.decision_spec(comparison.bank).many:
        options.append(Option(ANOTHER, "Another answer…"))
        keys.append("a")
    options.append(Option(LEAVE_OPEN, "Leave open for now"))
    keys.append("s")
    return PromptSpec("select", tuple(options), keys=tuple(keys))


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


def _another(comparison: Comparison, item: Item) -> Any:
    """An answer nobody gave, in the question's own widget."""
    bank = comparison.bank
    question = item.question
    spec = question.decision_spec(bank)
    return widgets.ask(spec, question.suggested_decision(), help_key=False, check=lambda _: True)


def review(
    comparison: Comparison, items: list[Item], decisions: Decisions, save: Save
) -> Decisions:
    """Every item with what the room decided or left open, a screenful at a time; change any,
    then save."""
    page = 0
    while True:
        pages = screenfuls(review_lines(comparison, items, decisions), reserved=9)
        page = min(page, len(pages) - 1)
        fresh_screen()
        counted = f" (page {page + 1} of {len(pages)})" if len(pages) > 1 else ""
        say(("Review the meeting's decisions" + counted, "bold"))
        for line in pages[page]:
            say(line)
        decided = sum(1 for d in decisions.decisions.values() if d.decision is not None)
        say(wrapped(f"{decided} of {len(items)} decided; what is open goes to the charter."))
        choices = [
            questionary.Choice("Save and finish", SAVE),
            questionary.Choice("Change a decision", "change"),
        ]
        if page + 1 < len(pages):
            choices.append(questionary.Choice("Next page", "next"))
        if page:
            choices.append(questionary.Choice("Previous page", "previous"))
        action = questionary.select("Save the decisions?", choices=choices, default=SAVE)
        picked = action.unsafe_ask()
        if picked == SAVE:
            return decisions
        if picked in ("next", "previous"):
            page += 1 if picked == "next" else -1
            continue
        decisions = _change_one(comparison, items, decisions, save)


def review_lines(comparison: Comparison, items: list[Item], decisions: Decisions) -> list[str]:
    """One line per agenda item, cut to the screen at a word."""
    width = min(WIDEST, get_app_session().output.get_size().columns) - 15
    return [
        f"{number:>3}. {status:<8} {shorten(text, width)}"
        for number, status, text in review_rows(comparison, decisions, items)
    ]


def _change_one(
    comparison: Comparison, items: list[Item], decisions: Decisions, save: Save
) -> Decisions:
    lines = review_lines(comparison, items, decisions)
    width = min(WIDEST, get_app_session().output.get_size().columns) - 6
    choices = [
        questionary.Choice(literal(shorten(line, width)), index) for index, line in enumerate(lines)
    ]
    choices.append(questionary.Choice("← Back to the review", BACK))
    picker = questionary.select(
        "Which item?", choices=choices, instruction=f"({widgets.CHOICE_KEYS})"
    )
    index = with_back(picker, help_key=False, arrow_back=True).unsafe_ask()
    if index == BACK:
        return decisions
    item = items[index]
    previous = decisions.decisions.get(item.question.id)
    decision = decide(comparison, item, (index, len(items)), previous)
    if not isinstance(decision, Decision):
        return decisions
    decisions = with_decision(decisions, item.question.id, decision)
    save(decisions)
    return decisions
