"""``owner``: who owns X? A role, a party, ``joint`` or ``unclear``."""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from ownerdiag.core.fields import JOINT, UNCLEAR, Answer, Choice
from ownerdiag.core.kinds.base import Answers, QuestionBase, distinct, lower_first
from ownerdiag.core.verdicts import Verdict, agreed

OWNER_ALIASES: dict[str, str] = {
    **dict.fromkeys(("both", "jointly", "joint", "shared"), JOINT),
    **dict.fromkeys(
        ("can't say", "cant say", "unclear", "nobody", "don't know", "dont know"), UNCLEAR
    ),
}
"""Everyday words for ``joint`` and ``unclear`` (matched in any case)."""

if TYPE_CHECKING:
    from ownerdiag.core.kinds.bank import Bank


def owner_verdict(answers: Answers, expected: str | None) -> Verdict:
    """The first rule that holds: vacuum, collision, deflection, split, mismatch, drift."""
    values = [answer for _, answer in answers]
    if UNCLEAR in values:
        return Verdict.vacuum
    if sum(1 for role, answer in answers if answer == role) >= 2:
        return Verdict.collision
    if any(
        a == other_role and b == role and role != other_role
        for (role, a), (other_role, b) in combinations(answers, 2)
    ):
        return Verdict.deflection
    if len(distinct(values)) > 1:
        return Verdict.split if JOINT in values else Verdict.mismatch
    return agreed(values[0] == expected or expected is None)


class OwnerQuestion(QuestionBase):
    """Who owns X? Answered with a role, a party, ``joint`` or ``unclear``."""

    kind: Literal["owner"]
    expected: str | None = Field(None, description="Recommended owner: a role, a party or joint.")

    names_owners: ClassVar[bool] = True

    def choices(self, bank: Bank) -> list[Choice]:
        return bank.owner_choices()

    def to_decide(self) -> str:
        return f"Decide who owns {lower_first(self.topic)}." if self.topic else super().to_decide()

    def aliases(self, bank: Bank) -> dict[str, str]:
        # the bank's short labels ("CRO", "VP Sales") first: they name this bank's own owners
        return {**OWNER_ALIASES, **{label: owner for owner, label in bank.short_labels.items()}}

    def neutral_answer(self, bank: Bank) -> Answer:
        return UNCLEAR

    def expected_choices(self, bank: Bank) -> list[str]:
        return [c.id for c in bank.owner_choices() if c.id != UNCLEAR]

    def verdict(self, answers: Answers) -> Verdict:
        return owner_verdict(answers, self.expected)

    def label(self, answer: Any, bank: Bank) -> str:
        return bank.owner_label(answer) if answer is not None else "—"

    def short_text(self, answer: Any, bank: Bank) -> str:
        return short_owner_label(bank, answer) if answer is not None else "—"

    def charter_text(self, answer: Any, bank: Bank) -> str:
        if answer == JOINT:
            labels = list(bank.roles.values())
            both = (
                " and ".join([", ".join(labels[:-1]), labels[-1]]) if len(labels) > 1 else labels[0]
            )
            return f"{both}, jointly"
        return bank.owner_label(answer)

    def is_unsure(self, answer: Any) -> bool:
        return answer == UNCLEAR


SHORT_LABEL_WIDTH = 12
RESERVED_SHORT = {JOINT: "Joint", UNCLEAR: "Unclear"}


def short_owner_label(bank: Bank, owner: str, width: int = SHORT_LABEL_WIDTH) -> str:
    """For narrow table cells: the bank's short label, else the label or its initials."""
    if owner in bank.short_labels:
        return bank.short_labels[owner]
    if owner in RESERVED_SHORT:
        return RESERVED_SHORT[owner]
    label = bank.owner_label(owner)
    if len(label) <= width:
        return label
    capitals = [w if w.isupper() else w[0] for w in label.split() if w[:1].isupper()]
    return "".join(capitals) if len(capitals) > 1 else label
