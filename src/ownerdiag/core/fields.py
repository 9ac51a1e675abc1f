"""Field types and small value models shared by banks, question kinds and saved files."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import Enum
from typing import Annotated, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StrictInt,
    StrictStr,
    StringConstraints,
)

from ownerdiag.core.text import HIDDEN_OR_BREAK

SnakeId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
BankId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]


def _one_visible_line(text: str) -> str:
    if HIDDEN_OR_BREAK.search(text):
        raise ValueError("must be one line of visible text (no line breaks or control characters)")
    return text


Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_one_visible_line),
]
"""A name, title, label or version: shown in headers, file comments and table cells."""


def _zoned(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


Moment = Annotated[datetime, AfterValidator(_zoned)]
"""A point in time; one written without a zone is read as UTC (the zone ownerdiag writes), so
times from different files can always be compared."""

# Union, not |: pydantic reads this at run time on Python 3.10 as well. Strict: a YAML `true`
# is not a rating of 1, nor a number a text answer.
Answer = Union[StrictInt, StrictStr, list[StrictStr]]  # noqa: UP007
"""What one person answered to one question, as stored: a choice id, a rating, text, or a list."""

JOINT = "joint"
UNCLEAR = "unclear"
RESERVED_OWNERS = (JOINT, UNCLEAR)


class Strict(BaseModel):
    # validators are built on first use, so a command pays only for the models it reads
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Choice(BaseModel):
    id: str
    label: str


class Weight(str, Enum):
    """How much a question counts: shifts its severity one step and weighs it in the scores."""

    low = "low"
    normal = "normal"
    high = "high"


class AnswerError(ValueError):
    """An answer that its question does not accept; the message lists what it does accept."""
