"""The facilitator's walk through the agenda, in the terminal: one item per cleared screen, the
room's choice by number or arrow, back, leave open, and a review before saving.

Only the room decides: every item starts on "leave open" (or on what the room chose before), so
Enter alone never records a decision nobody made."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.application import get_app_session

from ownerdiag.core.agenda import Step
from ownerdiag.core.agenda import items as agenda_items
from ownerdiag.core.decisions import (
    candidates,
    origin_of,
    parse_decision,
    shared_answer,
    with_decision,
)
from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.kinds.spec import Option, PromptSpec
from ownerdiag.core.models import Decision, Decisions
from ownerdiag.core.text import literal
from ownerdiag.interactive import widgets
from ownerdiag.interactive.prompts import (
    BACK,
    HELP,
    SAVE,
    fresh_screen,
    review_choice,
    say,
    screenfuls,
    with_back,
    wrapped,
)
from ownerdiag.render.charter_view import (
    candidate_tags,
    leaders_said,
    question_area,
    review_rows,
)
from ownerdiag.render.labels import MEANING, positions, severity_word, shorten, verdict_word
from ownerdiag.render.view import framework_text

LEAVE_OPEN = "\x00open"
ANOTHER = "\x00another"
CONFIRM = "\x00confirm"
KEYS = "1-9 or ↑↓ choose · s leave open · Enter confirm · ← back · ? why"
MINUTES_PER_ITEM = 2
"""What the progress line counts an item at, for the time left."""
WIDEST = 100
"""The widest line of an item's screen (wider terminals keep lines short enough to read)."""

Save = Callable[[Decisions], None]


def run(comparison: Comparison, agenda: list[Step], decisions: Decisions, save: Save) -> Decisions:
    """Every step not gone through yet, then the review; returns the decisions to save."""
    index = next(
        (n for n, step in enumerate(agenda) if any(_waiting(i, decisions) for i in step.items)),
        len(agenda),
    )
    items = agenda_items(agenda)
    gone = sum(not _waiting(item, decisions) for item in items)
    opening = (
        f"Resuming: {gone} of {len(items)} questions gone through already."
        if gone
        else f"Settling the conflicts: {len(agenda)} items, worst first."
    )
    decisions = walk(comparison, agenda, decisions, save, index, opening)
    return review(comparison, items, decisions, save)


def _waiting(item: Item, decisions: Decisions) -> bool:
    return item.question.id not in decisions.decisions


def walk(
    comparison: Comparison,
    agenda: list[Step],
    decisions: Decisions,
    save: Save,
    index: int,
    opening: str = "",
) -> Decisions:
    """Steps from ``index`` on; back goes to the step before."""
    while index < len(agenda):
        taken = take_step(comparison, agenda[index], (index, len(agenda)), decisions, save, opening)
        opening = ""
        if not isinstance(taken, Decisions):  # BACK
            index = max(0, index - 1)
            continue
        decisions = taken
        index += 1
    return decisions


def take_step(
    comparison: Comparison,
    step: Step,
    at: tuple[int, int],
    decisions: Decisions,
    save: Save,
    opening: str,
) -> Decisions | str:
    """One step of the agenda: an item, a cascade (its items in turn) or the confirm step."""
    if step.kind == "confirm":
        return confirm_step(comparison, step, at, decisions, save, opening)
    part = next((n for n, item in enumerate(step.items) if _waiting(item, decisions)), 0)
    while part < len(step.items):
        item = step.items[part]
        context = ""
        if step.kind == "cascade":
            context = f"Part {part + 1} of {len(step.items)} of one cause: {step.cause}"
        previous = decisions.decisions.get(item.question.id)
        decision = decide(comparison, item, at, previous, (opening, context))
        if not isinstance(decision, Decision):  # BACK
            if part == 0:
                return BACK
            part -= 1
            continue
        decisions = with_decision(decisions, item.question.id, decision)
        save(decisions)
        part += 1
    return decisions


def progress_line(index: int, total: int) -> str:
    """``Item 4 of 11 · about 16 min left at 2 min an item``."""
    left = (total - index) * MINUTES_PER_ITEM
    return f"Item {index + 1} of {total} · about {left} min left at {MINUTES_PER_ITEM} min an item"


Heading = tuple[str, str]
"""What a screen opens with above the progress line (the meeting's first words, or none), and
below it (the cascade an item is part of, or none)."""


def show_heading(at: tuple[int, int], heading: Heading = ("", "")) -> None:
    """A cleared screen, any opening words, the progress line and any context."""
    opening, context = heading
    fresh_screen()
    if opening:
        say((wrapped(opening), "italic"))
    say((wrapped(progress_line(*at)), "bold fg:ansicyan"))
    if context:
        say((wrapped(context), "bold"))


def show_item(
    comparison: Comparison, item: Item, at: tuple[int, int], heading: Heading = ("", "")
) -> None:
    """The item on a cleared screen: what it is, what each leader said, the framework's answer
    and its remedy, every line broken between words."""
    question = item.question
    show_heading(at, heading)
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
    heading: Heading = ("", ""),
) -> Decision | str:
    """The room's decision on one item (``None`` when left open), or ``BACK``."""
    show_item(comparison, item, at, heading)
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


def confirm_step(
    comparison: Comparison,
    step: Step,
    at: tuple[int, int],
    decisions: Decisions,
    save: Save,
    opening: str,
) -> Decisions | str:
    """The items every leader answered alike, off the framework, on one screen: one key
    confirms them as the leaders said, a number opens one to change it, s leaves them open."""
    while True:
        show_heading(at, (opening, "Confirm or change: you gave the same answer on each of these"))
        say(
            wrapped("The framework would answer otherwise; confirm them, or open one to change it.")
        )
        spec = _confirm_spec(comparison, step, decisions)
        choice = widgets.pick_one(
            spec, LEAVE_OPEN, help_key=False, message="Confirm these?"
        ).unsafe_ask()
        if choice == BACK:
            return BACK
        if choice in (CONFIRM, LEAVE_OPEN):
            decisions = _settle_the_rest(comparison, step, decisions, choice == CONFIRM)
            save(decisions)
            return decisions
        item = step.items[choice]
        previous = decisions.decisions.get(item.question.id)
        decision = decide(comparison, item, at, previous, ("", "Confirm or change"))
        if isinstance(decision, Decision):
            decisions = with_decision(decisions, item.question.id, decision)
            save(decisions)


def _confirm_spec(comparison: Comparison, step: Step, decisions: Decisions) -> PromptSpec:
    bank = comparison.bank
    width = min(WIDEST, get_app_session().output.get_size().columns) - 8
    options = []
    for index, item in enumerate(step.items):
        question = item.question
        made = decisions.decisions.get(question.id)
        if made is not None and made.decision is not None:
            now = f"decided: {question.label(made.decision, bank)}"
        else:
            now = f"{leaders_said(comparison)}: {question.label(_shared(comparison, item), bank)}"
        about = shorten(question_area(question), max(20, width - len(now) - 3))
        options.append(Option(index, f"{about} ({now})"))
    keys = [str(n) for n in range(1, len(options) + 1)]
    options += [
        Option(CONFIRM, "Confirm the rest as you said"),
        Option(LEAVE_OPEN, "Leave the rest open"),
    ]
    return PromptSpec("select", tuple(options), keys=(*keys, "y", "s"))


def _shared(comparison: Comparison, item: Item) -> Any:
    return shared_answer(item, len(comparison.responses))


def _settle_the_rest(
    comparison: Comparison, step: Step, decisions: Decisions, confirm: bool
) -> Decisions:
    """Every item of ``step`` not decided yet: confirmed as the leaders said, or left open."""
    for item in step.items:
        made = decisions.decisions.get(item.question.id)
        if made is not None and made.decision is not None:
            continue
        note = made.note if made else ""
        value = _shared(comparison, item) if confirm else None
        decision = Decision(decision=value, note=note, origin="leaders" if confirm else None)
        decisions = with_decision(decisions, item.question.id, decision)
    return decisions


def decision_spec(comparison: Comparison, item: Item) -> PromptSpec:
    """The answers the room can take, numbered: the leaders' shared one first (labelled as
    theirs), then the framework's, then those a leader gave, then the rest; "another answer"
    for a list; "leave open" last, on ``s``."""
    width = min(WIDEST, get_app_session().output.get_size().columns) - 8
    options = []
    for candidate in candidates(comparison, item):
        tags = candidate_tags(comparison, candidate)
        whose = f" ({tags})" if tags else ""
        title = shorten(candidate.label, max(20, width - len(whose))) + whose
        options.append(Option(candidate.value, title))
    keys = [str(n) for n in range(1, len(options) + 1)]
    if item.question.decision_spec(comparison.bank).many:
        options.append(Option(ANOTHER, "Another answer…"))
        keys.append("a")
    options.append(Option(LEAVE_OPEN, "Leave open for now"))
    keys.append("s")
    return PromptSpec("select", tuple(options), keys=tuple(keys))


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
        picked = review_choice("Save the decisions?", "Change a decision", page, len(pages))
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
