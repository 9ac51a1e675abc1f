"""A question's widget drawn in the terminal, from the :class:`PromptSpec` its kind gives: pick
one, pick any, put in order, or write. Returns the raw answer for the kind to parse, ``BACK`` or
``HELP``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary

from ownerdiag.core.kinds.spec import PromptSpec
from ownerdiag.core.text import literal
from ownerdiag.interactive.prompts import BACK, HELP, with_back

CHOICE_KEYS = "← or Ctrl-B back"
TEXT_KEYS = "Enter save · Ctrl-B back"
MAX_SHORTCUTS = 9

Check = Callable[[str], "bool | str"]
"""A typed line's check: True, or what is wrong with it."""


def ask(spec: PromptSpec, previous: Any, *, help_key: bool, check: Check) -> Any:
    if spec.widget == "text":
        return _text(previous, check).unsafe_ask()
    if spec.widget == "ordered":
        return _ordered(spec, previous, help_key)
    if spec.widget == "multi_select":
        return _many(spec, previous, help_key).unsafe_ask()
    start = previous if previous is not None else spec.neutral
    return pick_one(spec, start, help_key=help_key).unsafe_ask()


def pick_one(
    spec: PromptSpec,
    start: Any,
    *,
    help_key: bool,
    message: str = "Your answer",
) -> questionary.Question:
    shortcuts = len(spec.options) <= MAX_SHORTCUTS
    choices = [
        questionary.Choice(literal(o.title), o.value, shortcut_key=key if shortcuts else None)
        for o, key in zip(spec.options, spec.shortcut_keys(), strict=True)
    ]
    helps = " · ? help" if help_key else ""
    return with_back(
        questionary.select(
            message,
            qmark="›",
            choices=choices,
            default=next((c for c in choices if c.value == start), None),
            instruction=f"({CHOICE_KEYS}{helps})",
            use_shortcuts=shortcuts,
        ),
        help_key=help_key,
        arrow_back=True,
    )


def _text(previous: Any, check: Check) -> questionary.Question:
    return with_back(
        questionary.text(
            "Your answer",
            qmark="›",
            default=str(previous or ""),
            instruction=f"({TEXT_KEYS})",
            validate=check,
        ),
        help_key=False,
    )


def _ordered(spec: PromptSpec, previous: Any, help_key: bool) -> Any:
    """Every option in order, one place at a time; back undoes the last place."""
    start = previous if isinstance(previous, list) else []
    placed: list[Any] = []
    while len(placed) < len(spec.options) - 1:
        left = PromptSpec("select", tuple(o for o in spec.options if o.value not in placed))
        suggested = start[len(placed)] if len(placed) < len(start) else None
        message = f"Place {len(placed) + 1} of {len(spec.options)}"
        picked = pick_one(left, suggested, help_key=help_key, message=message).unsafe_ask()
        if picked in (HELP, BACK) and (picked == HELP or not placed):
            return picked
        if picked == BACK:
            placed.pop()
            continue
        placed.append(picked)
    return placed + [o.value for o in spec.options if o.value not in placed]


def _many(spec: PromptSpec, previous: Any, help_key: bool) -> questionary.Question:
    ticked = previous if isinstance(previous, list) else []
    choices = [
        questionary.Choice(literal(o.title), o.value, checked=o.value in ticked)
        for o in spec.options
    ]
    return with_back(
        questionary.checkbox(
            "Your answers",
            qmark="›",
            choices=choices,
            instruction="(Space ticks · Enter confirms · Ctrl-B back)",
            validate=lambda picked: bool(picked) or "Tick at least one answer.",
        ),
        help_key=help_key,
    )
