"""What every question kind shares, and the defaults a kind overrides.

A kind is one class: its YAML fields (pydantic), how it reads an answer, its choices and labels,
the widget that asks it (:meth:`QuestionBase.prompt_spec`), its verdict rule, where the report
shows it, how the paper form hints it, and whether the meeting decides it. Nothing outside the
kind switches on its name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field

from ownerdiag.core.fields import (
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
from ownerdiag.core.kinds.spec import Option, PromptSpec
from ownerdiag.core.text import text_key
from ownerdiag.core.verdicts import Verdict, agreed

if TYPE_CHECKING:
    from ownerdiag.core.kinds.bank import Bank

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
    source: Line = Field(
        "",
        description="Where the expected answer comes from (article and section), so a client "
        "can check it; required by `bank validate` when `expected` is set.",
    )
    basis: LongText = Field(
        "",
        description="Where sources disagree: which one the bank follows and why, or why it "
        "expects a shared answer or none.",
    )
    concept: SnakeId | None = Field(
        None,
        description="A name shared with questions in other banks that ask the same thing; such "
        "questions must expect the same answer.",
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
    about_facts: ClassVar[bool] = False
    """Whether it asks what has happened (not who should own what): the meeting records what
    the room says, never starting from the framework's answer."""

    def choices(self, bank: Bank) -> list[Choice] | None:
        """The valid answers, for kinds that have a fixed list of them."""
        return None

    def parse(self, raw: Any, bank: Bank) -> Answer:
        """The answer as stored, or :class:`AnswerError` naming what would be valid.

        Forgiving, as people write on paper: an id or a label (or one of :meth:`aliases`), in
        any case and with spaces around it, stands for its choice's id.
        """
        return match_choice(raw, self.choices(bank) or [], self.aliases(bank))

    def aliases(self, bank: Bank) -> dict[str, str]:
        """Other words accepted for a choice: alias -> choice id (matched as :func:`text_key`)."""
        return {}

    def label(self, answer: Any, bank: Bank) -> str:
        """The answer in words: its option's title; a list as its titles in order."""
        spec = self.prompt_spec(bank)
        if isinstance(answer, list):
            return spec.list_title(answer) or "—"
        return "—" if answer is None else spec.title(answer) or str(answer)

    def prompt_spec(self, bank: Bank) -> PromptSpec:
        """The widget that asks this question, its options, and where it starts."""
        options = tuple(Option(c.id, c.label) for c in self.choices(bank) or [])
        return PromptSpec("select", options, neutral=self.neutral_answer(bank))

    def parse_typed(self, text: str, bank: Bank) -> Answer:
        """A typed line as the answer stored (an option's number stands for the option)."""
        return self.parse(self.prompt_spec(bank).from_typed(text), bank)

    def decision_spec(self, bank: Bank) -> PromptSpec:
        """The widget the meeting settles this question with: the answers a decision may be."""
        spec = self.prompt_spec(bank)
        if spec.many or spec.widget == "text":
            return spec
        return spec.only([c.id for c in self.decision_choices(bank)])

    def suggested_decision(self) -> Answer | None:
        """Where the meeting's prompt starts: the framework's answer, unless the question asks
        what has happened (the room states facts; the framework does not)."""
        return None if self.about_facts else self.expected

    def is_unsure(self, answer: Any) -> bool:
        """Whether ``answer`` says "I can't say" (marked in the review; no decision)."""
        return False

    def short_text(self, answer: Any, bank: Bank) -> str:
        """The answer for a narrow table cell; :meth:`label` unless the kind has shorter words."""
        return self.label(answer, bank)

    def charter_text(self, answer: Any, bank: Bank) -> str:
        """The answer as the signed agreement words it."""
        return self.label(answer, bank)

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

    def to_decide(self) -> str:
        """The open item as a thing for the room to decide, not as the survey's question."""
        if self.topic:
            return f"Agree and write down: {lower_first(self.topic)}."
        return f"Agree an answer to: {self.prompt}"

    def decision_choices(self, bank: Bank) -> list[Choice]:
        """What the room can settle on: any valid answer except "I can't say"."""
        return [c for c in self.choices(bank) or [] if not self.is_unsure(c.id)]


def lower_first(text: str) -> str:
    """``The joint review`` -> ``the joint review``, ``A plan`` -> ``a plan``; ``ICP``, ``Q3``
    and ``SDR coaching`` stay."""
    first = text.split(" ", 1)[0]
    acronym = (len(first) > 1 and first.isupper()) or first[1:2].isupper() or first == "I"
    return text if acronym else text[:1].lower() + text[1:]


def match_choice(raw: Any, choices: Sequence[Choice], aliases: Mapping[str, str]) -> str:
    """The id of the choice ``raw`` names, by id, label or alias, in any case; or
    :class:`AnswerError` listing the valid ids. Ids win over labels, labels over aliases; an id
    may be written with spaces or hyphens for its underscores (``ad hoc`` for ``ad_hoc``)."""
    ids = [c.id for c in choices]
    if isinstance(raw, str) and raw in ids:  # as stored: the common case, and the cheap one
        return raw
    if isinstance(raw, str):
        key = text_key(raw)
        by_id = {text_key(c.id): c.id for c in choices}
        by_label = {text_key(c.label): c.id for c in reversed(choices)}  # first one wins
        by_alias = {text_key(k): v for k, v in aliases.items() if v in ids}
        found = (
            by_id.get(key)
            or by_id.get(key.replace(" ", "_").replace("-", "_"))
            or by_label.get(key)
            or by_alias.get(key)
        )
        if found is not None:
            return found
    shown = "nothing" if raw is None else repr(raw)
    raise AnswerError(f"{shown} is not a valid answer; choose one of: {', '.join(ids)}")


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
