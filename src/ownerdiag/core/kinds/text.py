"""``text``: free words, quoted side by side and never judged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from ownerdiag.core.fields import Answer, AnswerError
from ownerdiag.core.kinds.base import QuestionBase
from ownerdiag.core.kinds.spec import PromptSpec

if TYPE_CHECKING:
    from ownerdiag.core.kinds.bank import Bank


class TextQuestion(QuestionBase):
    """Free words, shown side by side and never judged."""

    kind: Literal["text"]

    scored: ClassVar[bool] = False
    decidable: ClassVar[bool] = False
    quoted: ClassVar[bool] = True
    report_group: ClassVar[str] = "In their own words"

    expected: None = Field(None, exclude=True)  # free text is never judged against anything

    def parse(self, raw: Any, bank: Bank) -> str:
        if isinstance(raw, (bool, dict, list)) or raw is None or not str(raw).strip():
            raise AnswerError("needs a written answer (a sentence of text)")
        return str(raw).strip()

    def prompt_spec(self, bank: Bank) -> PromptSpec:
        return PromptSpec("text", neutral=self.neutral_answer(bank))

    def neutral_answer(self, bank: Bank) -> Answer:
        return ""

    def answer_hint(self, bank: Bank) -> str:
        return "write a sentence"

    def form_hint(self, bank: Bank) -> str:
        return "answer: in your own words, on the indented line below (more lines are fine)"
