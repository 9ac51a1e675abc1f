"""Pydantic models for question banks and saved files: the schema is defined here and in the
question kinds (``core/kinds``), nowhere else."""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from ownerdiag.core import kinds
from ownerdiag.core.fields import (
    JOINT,
    RESERVED_OWNERS,
    UNCLEAR,
    Answer,
    BankId,
    Choice,
    Line,
    LongText,
    Moment,
    SnakeId,
    Strict,
)
from ownerdiag.core.kinds import Question, QuestionBase

MAX_SAME_EXPECTED_RUN = 3
"""More owner questions in a row expecting the same owner than this, and the order tells."""
MAX_QUESTIONS = 400
"""A bank's most questions: a survey people finish, and a report that stays quick."""


def register_kind(cls: type[QuestionBase]) -> None:
    """Make ``cls`` a valid ``kind:`` in banks read from now on."""
    kinds.register(cls)
    Bank.model_rebuild(force=True)


def unregister_kind(cls: type[QuestionBase]) -> None:
    kinds.unregister(cls)
    Bank.model_rebuild(force=True)


class Lane(Strict):
    title: Line
    description: LongText = ""


class CharterQuestion(Strict):
    ask: Line
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
    title: Line
    version: Line
    description: LongText = ""
    source: LongText = Field("", description="The article or framework the bank follows.")
    roles: dict[SnakeId, Line] = Field(
        min_length=2, description="Who answers the survey: id -> label."
    )
    parties: dict[SnakeId, Line] = Field(
        default_factory=dict, description="Who else can own things without answering: id -> label."
    )
    short_labels: dict[SnakeId, Line] = Field(
        default_factory=dict,
        description="Short names for roles, parties and joint/unclear, used in report tables.",
    )
    lanes: dict[SnakeId, Lane] = Field(min_length=1)
    headline: list[SnakeId] = Field(
        default_factory=list,
        description="Questions the report opens with: the first scored one with fixed choices is "
        "the diagnosis, free-text ones are quoted beside it.",
    )
    order: Literal["as_written", "shuffle"] = Field(
        "as_written",
        description="shuffle: each respondent gets the questions of each section in their own "
        "order (sections stay in the order written).",
    )
    charter: CharterSpec = Field(default_factory=lambda: CharterSpec(review=None))
    questions: list[Question] = Field(min_length=1, max_length=MAX_QUESTIONS)

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
            valid = question.expected_choices(self)
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
        named: list[tuple[tuple[str | int, ...], str]] = [
            (("headline", i), qid) for i, qid in enumerate(self.headline)
        ]
        for place, question_id in [*named, *self.charter.question_ids()]:
            if question_id not in ids:
                problems.append((place, f"{place[0]} names unknown question {question_id!r}"))
        return problems

    def warnings(self) -> list[tuple[tuple[str | int, ...], str]]:
        """What a bank author should know though the bank is valid: patterns a respondent could
        read the framework's answers from."""
        found: list[tuple[tuple[str | int, ...], str]] = []
        run: list[int] = []
        for index, question in enumerate([*self.questions, None]):
            same = (
                question is not None
                and question.names_owners
                and question.expected is not None
                and bool(run)
                and self.questions[run[0]].expected == question.expected
            )
            if same:
                run.append(index)
                continue
            if len(run) > MAX_SAME_EXPECTED_RUN:
                first, last = self.questions[run[0]], self.questions[run[-1]]
                found.append(
                    (
                        ("questions", run[0]),
                        f"{len(run)} owner questions in a row ({first.id} to {last.id}) expect "
                        f"{first.expected!r}: respondents can read the pattern; mix them up",
                    )
                )
            owner = question is not None and question.names_owners and question.expected is not None
            run = [index] if owner else []
        return found

    def unsourced(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Questions that expect an answer without saying where the expectation comes from:
        a client cannot check them, so a shipped bank may not have any."""
        return [
            (
                ("questions", index, "expected"),
                f"question {question.id!r} expects {question.expected!r} but names no source; "
                "add `source:` (the article and section the expectation comes from)",
            )
            for index, question in enumerate(self.questions)
            if question.expected is not None and not question.source
        ]

    def owner_choices(self) -> list[Choice]:
        return list(self._owner_choices)

    @cached_property
    def _owner_choices(self) -> tuple[Choice, ...]:
        joint = "Both, jointly" if len(self.roles) == 2 else "Shared, jointly"
        return (
            *(Choice(id=k, label=v) for k, v in self.roles.items()),
            *(Choice(id=k, label=v) for k, v in self.parties.items()),
            Choice(id=JOINT, label=joint),
            Choice(id=UNCLEAR, label="Nobody clearly / I can't say"),
        )

    def owner_label(self, owner: str | None) -> str:
        return next((c.label for c in self.owner_choices() if c.id == owner), owner or "—")

    def question(self, question_id: str) -> QuestionBase | None:
        return self._by_id.get(question_id)

    @cached_property
    def _by_id(self) -> dict[str, QuestionBase]:
        return {q.id: q for q in self.questions}

    def content_hash(self) -> str:
        """A short hash of the bank's meaning: reformatting the YAML does not change it."""
        return self._content_hash

    @cached_property
    def _content_hash(self) -> str:
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:16]


class BankRef(Strict):
    id: BankId
    version: Line
    hash: Line


class Respondent(Strict):
    name: Line
    role: SnakeId


def _file_config(title: str) -> ConfigDict:
    return ConfigDict(
        extra="forbid", frozen=True, defer_build=True, json_schema_extra={"title": title}
    )


class _SavedFile(Strict):
    """What every file a session writes records: its format, the bank, when, and whether done."""

    format: str
    bank: BankRef
    started_at: Moment
    finished_at: Moment | None = None
    tool_version: str = ""
    complete: bool = False


class Response(_SavedFile):
    """One leader's answers to one bank, as saved by ``ownerdiag survey``."""

    model_config = _file_config("ownerdiag response")

    format: Literal["ownerdiag-response/1"] = "ownerdiag-response/1"
    respondent: Respondent
    answers: dict[SnakeId, Answer] = Field(default_factory=dict)
    seconds: dict[SnakeId, Annotated[float, Field(ge=0)]] = Field(
        default_factory=dict, description="How long each answer took, in seconds."
    )
    order: list[SnakeId] = Field(
        default_factory=list, description="The order this respondent was asked in, if shuffled."
    )
    form: Line | None = Field(
        default=None,
        description="Saved by a browser form: the hash of the questions that form showed, "
        "checked against the bank when the response is read.",
    )


class Decision(Strict):
    decision: Answer | None = Field(None, description="What the room agreed; empty = still open.")
    note: LongText = ""


class Decisions(_SavedFile):
    """What the leadership meeting settled, as saved by ``ownerdiag resolve``."""

    model_config = _file_config("ownerdiag decisions")

    format: Literal["ownerdiag-decisions/1"] = "ownerdiag-decisions/1"
    respondents: list[Respondent] = Field(default_factory=list)
    decisions: dict[SnakeId, Decision] = Field(default_factory=dict)
