"""Pydantic models for question banks and responses: the schema is defined here and nowhere else."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

SnakeId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
BankId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]

SHORT_LABEL_WIDTH = 12
JOINT = "joint"
UNCLEAR = "unclear"
RESERVED_OWNERS = (JOINT, UNCLEAR)
RESERVED_SHORT = {JOINT: "Joint", UNCLEAR: "Unclear"}


class Choice(BaseModel):
    id: str
    label: str


class Weight(str, Enum):
    """How much a question counts: shifts its severity one step and weighs it in the scores."""

    low = "low"
    normal = "normal"
    high = "high"


CADENCES: dict[str, str] = {
    "weekly": "Weekly",
    "monthly": "Monthly",
    "quarterly": "Quarterly",
    "ad_hoc": "Ad hoc, when something breaks",
    "never": "Never",
}
"""Cadence answers, fastest first: the order is what makes a cadence slower than another."""

YES_NO: dict[str, str] = {"yes": "Yes", "no": "No"}


class AnswerError(ValueError):
    """An answer that its question does not accept; the message lists what it does accept."""


class Strict(BaseModel):
    # validators are built on first use, so a command pays only for the models it reads
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Lane(Strict):
    title: Text
    description: LongText = ""


class _Question(Strict):
    id: SnakeId
    lane: SnakeId
    prompt: Text
    help: LongText = ""
    why: LongText = Field("", description="The framework's reasoning, shown in reports.")
    remedy: LongText = Field("", description="What to do when the answers conflict.")
    weight: Weight = Weight.normal
    topic: LongText = Field(
        "", description="What the question is about, as a noun phrase for the charter."
    )

    scored: ClassVar[bool] = True

    def choices(self, bank: Bank) -> list[Choice] | None:
        """The valid answers, for kinds that have a fixed list of them."""
        return None

    def parse(self, raw: Any, bank: Bank) -> Any:
        """The answer as stored, or :class:`AnswerError` naming what would be valid."""
        choices = self.choices(bank) or []
        ids = [c.id for c in choices]
        value = _normalise_choice(raw)
        if value not in ids:
            shown = "nothing" if raw is None else repr(raw)
            raise AnswerError(f"{shown} is not a valid answer; choose one of: {', '.join(ids)}")
        return value

    def label(self, answer: Any, bank: Bank) -> str:
        for choice in self.choices(bank) or []:
            if choice.id == answer:
                return choice.label
        return "—" if answer is None else str(answer)


class OwnerQuestion(_Question):
    """Who owns X? Answered with a role, a party, ``joint`` or ``unclear``."""

    kind: Literal["owner"]
    expected: str | None = Field(None, description="Recommended owner: a role, a party or joint.")

    def choices(self, bank: Bank) -> list[Choice]:
        return bank.owner_choices()


class CadenceQuestion(_Question):
    """How often does X happen? A slower agreed cadence than ``expected`` is drift."""

    kind: Literal["cadence"]
    expected: Literal["weekly", "monthly", "quarterly", "ad_hoc", "never"] | None = None

    def choices(self, bank: Bank) -> list[Choice]:
        return [Choice(id=k, label=v) for k, v in CADENCES.items()]


class YesNoQuestion(_Question):
    kind: Literal["yes_no"]
    expected: Literal["yes", "no"] | None = None

    def choices(self, bank: Bank) -> list[Choice]:
        return [Choice(id=k, label=v) for k, v in YES_NO.items()]


class ScaleQuestion(_Question):
    """A 1-5 rating. Answers further apart than ``threshold`` are a mismatch."""

    kind: Literal["scale"]
    low_label: LongText = Field("", description="What 1 means.")
    high_label: LongText = Field("", description="What 5 means.")
    expected: int | None = Field(None, ge=1, le=5)
    better: Literal["higher", "lower"] | None = Field(
        None, description="With expected: answers on the wrong side of it count as drift."
    )
    threshold: int = Field(1, ge=0, le=4)

    def parse(self, raw: Any, bank: Bank) -> int:
        if isinstance(raw, str) and raw.strip().isdigit():
            raw = int(raw.strip())
        if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 5:
            raise AnswerError(f"{raw!r} is not a valid answer; give a whole number from 1 to 5")
        return raw


class TextQuestion(_Question):
    """Free words, shown side by side and never judged."""

    kind: Literal["text"]
    scored: ClassVar[bool] = False

    @property
    def expected(self) -> None:
        return None

    def parse(self, raw: Any, bank: Bank) -> str:
        if isinstance(raw, (bool, dict, list)) or raw is None or not str(raw).strip():
            raise AnswerError("needs a written answer (a sentence of text)")
        return str(raw).strip()


class ChoiceQuestion(_Question):
    """One of the bank's own options: differing answers are a mismatch."""

    kind: Literal["choice"]
    options: dict[SnakeId, Text] = Field(min_length=2)
    expected: str | None = None

    def choices(self, bank: Bank) -> list[Choice]:
        return [Choice(id=k, label=v) for k, v in self.options.items()]


Question = Annotated[
    OwnerQuestion | CadenceQuestion | YesNoQuestion | ScaleQuestion | TextQuestion | ChoiceQuestion,
    Field(discriminator="kind"),
]


class CharterQuestion(Strict):
    ask: Text
    items: list[SnakeId] = Field(min_length=1)


class CharterSpec(Strict):
    """What the written ownership agreement opens with."""

    questions: list[CharterQuestion] = Field(
        default_factory=list, description="Questions answered in one sentence at the top."
    )
    foundations: list[SnakeId] = Field(
        default_factory=list, description="Free-text questions quoted in each leader's words."
    )
    review: SnakeId | None = Field(
        None, description="The cadence question that sets the agreement's next review."
    )

    def question_ids(self) -> list[tuple[tuple[str | int, ...], str]]:
        ids: list[tuple[tuple[str | int, ...], str]] = []
        for n, q in enumerate(self.questions):
            ids += [(("charter", "questions", n, "items", i), qid) for i, qid in enumerate(q.items)]
        ids += [(("charter", "foundations", i), qid) for i, qid in enumerate(self.foundations)]
        if self.review:
            ids.append((("charter", "review"), self.review))
        return ids


class LocatedProblems(ValueError):
    """Cross-field problems found after parsing, each tied to the part of the data it is about."""

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]) -> None:
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


class Bank(Strict):
    """A question bank: who answers, who else can own things, the lanes and the questions."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        defer_build=True,
        json_schema_extra={"title": "ownerdiag question bank"},
    )

    id: BankId
    title: Text
    version: Text
    description: LongText = ""
    source: LongText = Field("", description="The article or framework the bank follows.")
    roles: dict[SnakeId, Text] = Field(
        min_length=2, description="Who answers the survey: id -> label."
    )
    parties: dict[SnakeId, Text] = Field(
        default_factory=dict, description="Who else can own things without answering: id -> label."
    )
    short_labels: dict[SnakeId, Text] = Field(
        default_factory=dict,
        description="Short names for roles, parties and joint/unclear, used in report tables.",
    )
    lanes: dict[SnakeId, Lane] = Field(min_length=1)
    headline: list[SnakeId] = Field(
        default_factory=list,
        description="Questions the report opens with; the first owner question is the diagnosis.",
    )
    charter: CharterSpec = Field(default_factory=CharterSpec)
    questions: list[Question] = Field(min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        return (
            str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
        )

    @model_validator(mode="after")
    def _cross_check(self) -> Bank:
        problems = [*self._owner_id_problems(), *self._question_problems()]
        if problems:
            raise LocatedProblems(problems)
        return self

    def _owner_id_problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        for key in self.parties:
            if key in self.roles:
                problems.append((("parties", key), f"{key!r} is already a role"))
        for group in ("roles", "parties"):
            for key in getattr(self, group):
                if key in RESERVED_OWNERS:
                    problems.append(
                        ((group, key), f"{key!r} is a reserved answer; pick another id")
                    )
        return problems

    def _question_problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        seen: set[str] = set()
        owners = [c.id for c in self.owner_choices() if c.id != UNCLEAR]
        for index, question in enumerate(self.questions):
            where = ("questions", index)
            if question.id in seen:
                problems.append(((*where, "id"), f"question id {question.id!r} is used twice"))
            seen.add(question.id)
            if question.lane not in self.lanes:
                problems.append(
                    (
                        (*where, "lane"),
                        f"question {question.id!r}: lane {question.lane!r} is not one of the "
                        f"bank's lanes ({', '.join(self.lanes)})",
                    )
                )
            valid = owners if isinstance(question, OwnerQuestion) else None
            if isinstance(question, ChoiceQuestion):
                valid = list(question.options)
            if (
                valid is not None
                and question.expected is not None
                and question.expected not in valid
            ):
                problems.append(
                    (
                        (*where, "expected"),
                        f"question {question.id!r} expects {question.expected!r}, which is not a "
                        f"valid answer; use one of: {', '.join(valid)}",
                    )
                )
        owner_ids = {c.id for c in self.owner_choices()}
        for key in self.short_labels:
            if key not in owner_ids:
                problems.append((("short_labels", key), f"{key!r} is not a role or party"))
        ids = {q.id for q in self.questions}
        named = [(("headline", i), qid) for i, qid in enumerate(self.headline)]
        for where, question_id in [*named, *self.charter.question_ids()]:
            if question_id not in ids:
                problems.append((where, f"{where[0]} names unknown question {question_id!r}"))
        return problems

    def owner_choices(self) -> list[Choice]:
        joint = "Both, jointly" if len(self.roles) == 2 else "Shared, jointly"
        return [
            *(Choice(id=k, label=v) for k, v in self.roles.items()),
            *(Choice(id=k, label=v) for k, v in self.parties.items()),
            Choice(id=JOINT, label=joint),
            Choice(id=UNCLEAR, label="Nobody clearly / I can't say"),
        ]

    def owner_label(self, owner: str | None) -> str:
        return next((c.label for c in self.owner_choices() if c.id == owner), owner or "—")

    def short_label(self, owner: str, width: int = SHORT_LABEL_WIDTH) -> str:
        """For narrow table cells: the bank's short label, else the label or its initials."""
        if owner in self.short_labels:
            return self.short_labels[owner]
        if owner in RESERVED_SHORT:
            return RESERVED_SHORT[owner]
        label = self.owner_label(owner)
        if len(label) <= width:
            return label
        capitals = [w if w.isupper() else w[0] for w in label.split() if w[:1].isupper()]
        return "".join(capitals) if len(capitals) > 1 else label

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def content_hash(self) -> str:
        """A short hash of the bank's meaning: reformatting the YAML does not change it."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _normalise_choice(raw: Any) -> Any:
    if isinstance(raw, bool):  # JSON true/false, or YAML true/false, for a yes/no answer
        return "yes" if raw else "no"
    return raw.strip() if isinstance(raw, str) else raw


class BankRef(Strict):
    id: BankId
    version: Text
    hash: Text


class Respondent(Strict):
    name: Text
    role: SnakeId


Answer = int | str


def _file_config(title: str) -> ConfigDict:
    return ConfigDict(
        extra="forbid", frozen=True, defer_build=True, json_schema_extra={"title": title}
    )


class _SavedFile(Strict):
    """What every file a session writes records: its format, the bank, when, and whether done."""

    format: str
    bank: BankRef
    started_at: datetime
    finished_at: datetime | None = None
    tool_version: str = ""
    complete: bool = False


class Response(_SavedFile):
    """One leader's answers to one bank, as saved by ``ownerdiag survey``."""

    model_config = _file_config("ownerdiag response")

    format: Literal["ownerdiag-response/1"] = "ownerdiag-response/1"
    respondent: Respondent
    answers: dict[SnakeId, Answer] = Field(default_factory=dict)


class Decision(Strict):
    decision: Answer | None = Field(None, description="What the room agreed; empty = still open.")
    note: LongText = ""


class Decisions(_SavedFile):
    """What the leadership meeting settled, as saved by ``ownerdiag resolve``."""

    model_config = _file_config("ownerdiag decisions")

    format: Literal["ownerdiag-decisions/1"] = "ownerdiag-decisions/1"
    respondents: list[Respondent] = Field(default_factory=list)
    decisions: dict[SnakeId, Decision] = Field(default_factory=dict)
