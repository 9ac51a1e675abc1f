"""``yes_no``: is X true here? Differing answers are a mismatch."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from ownerdiag.core.fields import Answer, Choice
from ownerdiag.core.kinds.base import QuestionBase
from ownerdiag.core.kinds.cadence import RHYTHMS_GROUP
from ownerdiag.core.kinds.spec import PromptSpec

if TYPE_CHECKING:
    from ownerdiag.core.kinds.bank import Bank

YES_NO: dict[str, str] = {"yes": "Yes", "no": "No"}
_CHOICES = tuple(Choice(id=k, label=v) for k, v in YES_NO.items())
YES_NO_ALIASES: dict[str, str] = {"y": "yes", "true": "yes", "n": "no", "false": "no"}
"""Other words for yes and no (matched in any case)."""


class YesNoQuestion(QuestionBase):
    kind: Literal["yes_no"]
    expected: Literal["yes", "no"] | None = None

    report_group: ClassVar[str] = RHYTHMS_GROUP
    about_facts: ClassVar[bool] = True

    def choices(self, bank: Bank) -> list[Choice]:
        return list(_CHOICES)

    def parse(self, raw: Any, bank: Bank) -> Answer:
        if isinstance(raw, bool):  # JSON true/false, or YAML true/false
            raw = "yes" if raw else "no"
        return super().parse(raw, bank)

    def aliases(self, bank: Bank) -> dict[str, str]:
        return YES_NO_ALIASES

    def prompt_spec(self, bank: Bank) -> PromptSpec:
        return replace(super().prompt_spec(bank), keys=("y", "n"))

    def neutral_answer(self, bank: Bank) -> Answer:
        return "no"
