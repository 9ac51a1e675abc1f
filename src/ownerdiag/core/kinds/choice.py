"""``choice``: one of the bank's own options; differing answers are a mismatch."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from ownerdiag.core.fields import Choice, Line, SnakeId
from ownerdiag.core.kinds.base import QuestionBase
from ownerdiag.core.kinds.cadence import RHYTHMS_GROUP

if TYPE_CHECKING:
    from ownerdiag.core.kinds.bank import Bank


class ChoiceQuestion(QuestionBase):
    """One of the bank's own options: differing answers are a mismatch."""

    kind: Literal["choice"]
    options: dict[SnakeId, Line] = Field(min_length=2)
    expected: str | None = None

    report_group: ClassVar[str] = RHYTHMS_GROUP

    def choices(self, bank: Bank) -> list[Choice]:
        return [Choice(id=k, label=v) for k, v in self.options.items()]

    def expected_choices(self, bank: Bank) -> list[str]:
        return list(self.options)
