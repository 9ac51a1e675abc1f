"""What every question kind shares, and the defaults a kind overrides.

A kind is one class: its YAML fields (pydantic), how it reads an answer, its choices and labels,
the neutral answer a prompt starts on, its verdict rule, where the report shows it, how the paper
form hints it, and whether the meeting decides it. Nothing outside the kind switches on its name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field

from ownerdiag.core.fields import (
    UNCLEAR,
    Answer,
    AnswerError,
    Choice,
    Line,
    LongText,
    SnakeId,
    Strict,
    Text,
    Weight,
)
from ownerdiag.core.verdicts import Verdict, agreed

if TYPE_CHECKING:
    from ownerdiag.core.models import Bank

Answers = Sequence[tuple[str, Any]]
"""(role, answer) for each respondent who answered."""

LANE_TABLE = ""
"""``report_group`` of kinds shown in their lane's table."""


class QuestionBase(Strict):
    id: SnakeId
    lane: SnakeId
    section: Line | None = Field(
        None, description="The neutral topic the respondent sees; never the lane, which is judged."
    )
    prompt: Text
    help: LongText = ""
    why: LongText = Field("", description="The framework's reasoning, shown in reports.")
    remedy: LongText = Field("", description="What to do when the answers conflict.")
    weight: Weight = Weight.normal
    topic: LongText = Field(
        "", description="What the question is about, as a noun phrase for the charter."
    )

    kind: str
    expected: Any = None

    scored: ClassVar[bool] = True
    """Whether answers get a verdict (free text does not)."""
    decidable: ClassVar[bool] = True
    """Whether the meeting settles it on one answer."""
    names_owners: ClassVar[bool] = False
    """Whether answers are roles and parties (collisions, deflections, owner sentences)."""
    answers_are_cadences: ClassVar[bool] = False
    """Whether answers are cadences (rhythm statistics, the charter's rhythms and review)."""
    quoted: ClassVar[bool] = False
    """Whether the report quotes answers as written instead of tabling them."""
    report_group: ClassVar[str] = LANE_TABLE
    """Title of the report table the kind's items go to; ``LANE_TABLE`` for their lane's."""

    def choices(self, bank: Bank) -> list[Choice] | None:
        """The valid answers, for kinds that have a fixed list of them."""
        return None

    def parse(self, raw: Any, bank: Bank) -> Answer:
        """The answer as stored, or :class:`AnswerError` naming what would be valid."""
        ids = [c.id for c in self.choices(bank) or []]
        value = raw.strip() if isinstance(raw, str) else raw
        if not isinstance(value, str) or value not in ids:
            shown = "nothing" if raw is None else repr(raw)
            raise AnswerError(f"{shown} is not a valid answer; choose one of: {', '.join(ids)}")
        return value

    def label(self, answer: Any, bank: Bank) -> str:
        for choice in self.choices(bank) or []:
            if choice.id == answer:
                return choice.label
        return "—" if answer is None else str(answer)

    def prompt_options(self, bank: Bank) -> list[tuple[Answer, str]] | None:
        """(answer, title) for a pick-one prompt; ``None`` asks for typed text instead."""
        return [(c.id, c.label) for c in self.choices(bank) or []]

    def neutral_answer(self, bank: Bank) -> Answer | None:
        """Where a prompt starts: the honest "not sure" answer, never the framework's."""
        return None

    def answer_hint(self, bank: Bank) -> str:
        """What a valid answer looks like, for error messages."""
        return "valid answers: " + ", ".join(c.id for c in self.choices(bank) or [])

    def form_hint(self, bank: Bank) -> str:
        """What a valid answer looks like, for the paper form."""
        return "answer one of: " + " | ".join(
            f"{c.id} ({c.label})" for c in self.choices(bank) or []
        )

    def expected_choices(self, bank: Bank) -> list[str] | None:
        """The answers ``expected`` may name; ``None`` leaves it to the field's own type."""
        return None

    def verdict(self, answers: Answers) -> Verdict:
        return choice_verdict(answers, self.expected)

    def decision_choices(self, bank: Bank) -> list[Choice]:
        """What the room can settle on: any valid answer except "nobody clearly"."""
        return [c for c in self.choices(bank) or [] if c.id != UNCLEAR]


def choice_verdict(answers: Answers, expected: Any) -> Verdict:
    """Answers that differ are a mismatch; agreeing on something other than ``expected`` is
    drift."""
    values = distinct(answer for _, answer in answers)
    if len(values) > 1:
        return Verdict.mismatch
    return agreed(expected is None or values == [expected])


def distinct(values: Any) -> list[Any]:
    """The different values, first seen first; works for unhashable answers (lists) too."""
    seen: list[Any] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen
