"""``scale``: a 1-5 rating; ratings further apart than ``threshold`` are a mismatch."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from ownerdiag.core.fields import Answer, AnswerError, LongText
from ownerdiag.core.kinds.base import Answers, QuestionBase
from ownerdiag.core.kinds.spec import Option, PromptSpec
from ownerdiag.core.verdicts import Verdict, agreed

if TYPE_CHECKING:
    from ownerdiag.core.kinds.bank import Bank

POINTS = range(1, 6)


def scale_verdict(
    answers: Answers, expected: int | None, threshold: int, better: str | None
) -> Verdict:
    """Ratings further apart than ``threshold`` are a mismatch; all of them missing ``expected``
    (on its wrong side when ``better`` is set, else by more than ``threshold``) is drift."""
    values = [answer for _, answer in answers]
    if max(values) - min(values) > threshold:
        return Verdict.mismatch
    if expected is None:
        return Verdict.aligned
    if better == "lower":
        missed = min(values) > expected
    elif better == "higher":
        missed = max(values) < expected
    else:
        missed = all(abs(v - expected) > threshold for v in values)
    return agreed(not missed)


class ScaleQuestion(QuestionBase):
    """A 1-5 rating. Answers further apart than ``threshold`` are a mismatch."""

    kind: Literal["scale"]
    low_label: LongText = Field("", description="What 1 means.")
    high_label: LongText = Field("", description="What 5 means.")
    expected: int | None = Field(None, ge=1, le=5)
    better: Literal["higher", "lower"] | None = Field(
        None, description="With expected: answers on the wrong side of it count as drift."
    )
    threshold: int = Field(1, ge=0, le=4)

    decidable: ClassVar[bool] = False
    report_group: ClassVar[str] = "Warning signs (1-5)"

    def parse(self, raw: Any, bank: Bank) -> int:
        if isinstance(raw, str) and re.fullmatch(r"[0-9]{1,2}", raw.strip()):  # "3", not "³"
            raw = int(raw.strip())
        if isinstance(raw, bool) or not isinstance(raw, int) or raw not in POINTS:
            raise AnswerError(f"{raw!r} is not a valid answer; give a whole number from 1 to 5")
        return raw

    def _ends(self) -> dict[int, str]:
        return {n: label for n, label in ((1, self.low_label), (5, self.high_label)) if label}

    def prompt_spec(self, bank: Bank) -> PromptSpec:
        ends = self._ends()
        options = (Option(n, f"{n} — {ends[n]}" if n in ends else str(n)) for n in POINTS)
        return PromptSpec("scale", tuple(options), neutral=self.neutral_answer(bank))

    def neutral_answer(self, bank: Bank) -> Answer:
        return 3

    def label(self, answer: Any, bank: Bank) -> str:
        """``4 of 5``, with the end's meaning at either end: ``1 of 5: Never``."""
        if answer not in POINTS:
            return super().label(answer, bank)
        end = self._ends().get(answer)
        return f"{answer} of 5: {end}" if end else f"{answer} of 5"

    def answer_hint(self, bank: Bank) -> str:
        return "answer with a whole number from 1 to 5"

    def form_hint(self, bank: Bank) -> str:
        ends = ", ".join(f"{n} = {label}" for n, label in self._ends().items())
        return f"answer: a number from 1 to 5{f' ({ends})' if ends else ''}"

    def verdict(self, answers: Answers) -> Verdict:
        return scale_verdict(answers, self.expected, self.threshold, self.better)
