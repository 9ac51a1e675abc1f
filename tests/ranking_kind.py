"""A question kind defined outside the product, for the tests: put the bank's options in order.

Its own module (no pytest) so a test can register it in an ``ownerdiag`` run in a pseudo-terminal
too: ``python -m tests.ranking_kind survey ...``.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from ownerdiag.core.fields import AnswerError, Choice, SnakeId, Text
from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.kinds.spec import Option, PromptSpec
from ownerdiag.core.models import Bank


class RankingQuestion(QuestionBase):
    """Put the bank's options in order, most important first."""

    kind: Literal["ranking"]
    options: dict[SnakeId, Text] = Field(min_length=2)
    expected: list[str] | None = None

    report_group: ClassVar[str] = "Priorities"

    def choices(self, bank: Bank) -> list[Choice]:
        return [Choice(id=k, label=v) for k, v in self.options.items()]

    def prompt_spec(self, bank: Bank) -> PromptSpec:
        return PromptSpec("ordered", tuple(Option(k, v) for k, v in self.options.items()))

    def parse(self, raw: Any, bank: Bank) -> list[str]:
        if isinstance(raw, list):
            raw = [self._option(x, bank) for x in raw]
        if not isinstance(raw, list) or sorted(raw) != sorted(self.options):
            raise AnswerError(f"{raw!r} is not a valid answer; {self.answer_hint(bank)}")
        return raw

    def _option(self, raw: Any, bank: Bank) -> Any:
        try:
            return super().parse(raw, bank)
        except AnswerError:
            return raw

    def answer_hint(self, bank: Bank) -> str:
        return "list every option once, most important first: " + ", ".join(self.options)

    def form_hint(self, bank: Bank) -> str:
        return "answer: [" + ", ".join(self.options) + "] in your order, most important first"


if __name__ == "__main__":
    from ownerdiag.cli import main
    from ownerdiag.core.models import register_kind

    register_kind(RankingQuestion)
    main()
