"""``cadence``: how often X happens, from weekly to never; a slower agreed rhythm is drift."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from ownerdiag.core.fields import Answer, Choice
from ownerdiag.core.kinds.base import Answers, QuestionBase, distinct, lower_first
from ownerdiag.core.verdicts import Verdict, agreed

if TYPE_CHECKING:
    from ownerdiag.core.kinds.bank import Bank

CADENCES: dict[str, str] = {
    "weekly": "Weekly",
    "monthly": "Monthly",
    "quarterly": "Quarterly",
    "yearly": "Yearly, once per planning cycle",
    "ad_hoc": "Ad hoc, when something breaks",
    "never": "Never",
}
_CHOICES = tuple(Choice(id=k, label=v) for k, v in CADENCES.items())
"""Cadence answers, fastest first: the order is what makes a cadence slower than another."""

RHYTHMS_GROUP = "Rhythms and written agreements"


def cadence_step(cadence: str) -> int:
    return list(CADENCES).index(cadence)


def cadence_verdict(answers: Answers, expected: str | None) -> Verdict:
    """Agreeing on a slower rhythm than ``expected`` is drift; faster is fine."""
    values = distinct(answer for _, answer in answers)
    if len(values) > 1:
        return Verdict.mismatch
    if expected is None:
        return Verdict.aligned
    return agreed(cadence_step(values[0]) <= cadence_step(expected))


class CadenceQuestion(QuestionBase):
    """How often does X happen? A slower agreed cadence than ``expected`` is drift."""

    kind: Literal["cadence"]
    expected: Literal["weekly", "monthly", "quarterly", "yearly", "ad_hoc", "never"] | None = None

    answers_are_cadences: ClassVar[bool] = True
    about_facts: ClassVar[bool] = True
    report_group: ClassVar[str] = RHYTHMS_GROUP

    def choices(self, bank: Bank) -> list[Choice]:
        return list(_CHOICES)

    def neutral_answer(self, bank: Bank) -> Answer:
        return "ad_hoc"

    def to_decide(self) -> str:
        if self.topic:
            return f"Decide how often: {lower_first(self.topic)}."
        return super().to_decide()

    def verdict(self, answers: Answers) -> Verdict:
        return cadence_verdict(answers, self.expected)
