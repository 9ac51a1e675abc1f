"""What a question needs to be asked: the widget, its options, and how typed text becomes an
answer. Every channel (the drawn survey, ``--plain``, the paper and browser forms, the meeting)
renders this instead of asking what kind a question is. Pure data."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Literal

from ownerdiag.core.fields import Answer

Widget = Literal["select", "multi_select", "ordered", "scale", "text"]
"""pick one; pick any; put every option in order; pick a point on a scale; write words."""

LIST_WIDGETS: tuple[Widget, ...] = ("multi_select", "ordered")
JOINER = " › "
"""Between the titles of a list answer, in the order given."""
_LIST_SEPARATORS = re.compile(r"\s*[,;>›]\s*")


@dataclass(frozen=True)
class Option:
    value: Answer
    title: str


@dataclass(frozen=True)
class PromptSpec:
    widget: Widget
    options: tuple[Option, ...] = ()
    keys: tuple[str, ...] | None = None
    """One shortcut key per option when the options have natural ones (y and n); else numbers."""
    neutral: Answer | None = None
    """Where the prompt starts: the honest "not sure" answer, never the framework's."""

    @property
    def many(self) -> bool:
        """Whether the answer is a list of option values."""
        return self.widget in LIST_WIDGETS

    def shortcut_keys(self) -> list[str]:
        return list(self.keys or (str(n) for n in range(1, len(self.options) + 1)))

    def title(self, value: Any) -> str | None:
        return next((o.title for o in self.options if o.value == value), None)

    def list_title(self, values: list[Any]) -> str:
        return JOINER.join(self.title(v) or str(v) for v in values)

    def only(self, values: list[Any]) -> PromptSpec:
        """The same prompt offering only the options whose value is in ``values``."""
        kept = [
            (o, k)
            for o, k in zip(self.options, self.shortcut_keys(), strict=True)
            if o.value in values
        ]
        keys = tuple(k for _, k in kept) if self.keys else None
        return replace(self, options=tuple(o for o, _ in kept), keys=keys)

    def from_typed(self, text: str) -> Any:
        """Typed text as a raw answer for the kind's ``parse``: an option's number stands for
        the option; a list is its items separated by commas (or spaces, when it has none)."""
        text = text.strip()
        if self.widget == "text":
            return text
        if not self.many:
            return self._one(text)
        parts = _LIST_SEPARATORS.split(text) if _LIST_SEPARATORS.search(text) else text.split()
        return [self._one(part) for part in parts if part]

    def _one(self, word: str) -> Any:
        if word.isdigit() and 1 <= int(word) <= len(self.options):
            return self.options[int(word) - 1].value
        return word

    def how_to_type(self) -> str:
        """What to type, for a prompt that reads a line."""
        count = len(self.options)
        if self.widget == "text":
            return "some words"
        if self.widget == "ordered":
            example = " ".join(str(n) for n in range(count, 0, -1))
            return f"the numbers of all {count} answers in your order, first first, like {example}"
        if self.widget == "multi_select":
            return "the numbers of every answer that applies, separated by spaces"
        return f"a number from 1 to {count} or the words of an answer"
