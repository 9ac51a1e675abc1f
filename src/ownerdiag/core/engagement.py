"""A consultant's engagement: one client, one bank, the people invited, the rounds run. Pure.

The engagement file (``ownerdiag.yaml``) says who should answer; a round's folder holds what came
back. :func:`round_status` sets one against the other: who has answered, who is part-way, who is
missing, and which files do not belong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from ownerdiag.core.fields import BankId, Line, SnakeId, Strict
from ownerdiag.core.models import Bank, Response
from ownerdiag.core.text import text_key

ENGAGEMENT_FILE = "ownerdiag.yaml"
ROUND_NAME = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class Person(Strict):
    name: Line
    role: SnakeId

    def key(self) -> tuple[str, str]:
        return person_key(self.role, self.name)


class Round(Strict):
    name: str = Field(max_length=64, description="The round's folder, e.g. 2026-Q4.")

    @field_validator("name")
    @classmethod
    def _a_folder_name(cls, value: str) -> str:
        if not re.fullmatch(ROUND_NAME, value):
            raise ValueError(f"{value!r} is not a round name: letters, digits, '.', '_', '-'")
        return value


class Engagement(Strict):
    """An engagement folder's ``ownerdiag.yaml``, as written by ``ownerdiag init``."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_extra={"title": "ownerdiag engagement"}
    )

    format: Literal["ownerdiag-engagement/1"] = "ownerdiag-engagement/1"
    client: Line
    bank: BankId | str = Field(
        description="The bank everyone answers: a built-in id, or a bank file relative to this "
        "file."
    )
    people: list[Person] = Field(min_length=1, max_length=6)
    rounds: list[Round] = Field(min_length=1, max_length=12)

    @field_validator("bank")
    @classmethod
    def _bank_is_one_line(cls, value: str) -> str:
        if not value.strip() or "\n" in value:
            raise ValueError("give a bank id or a bank file name")
        return value.strip()

    @model_validator(mode="after")
    def _unique(self) -> Engagement:
        roles = [p.role for p in self.people]
        if len(set(roles)) != len(roles):
            raise ValueError("one person per role: a comparison takes one answer per role")
        rounds = [r.name.casefold() for r in self.rounds]
        if len(set(rounds)) != len(rounds):
            raise ValueError("a round is listed twice")
        return self

    @property
    def current(self) -> Round:
        return self.rounds[-1]

    def round(self, name: str) -> Round | None:
        """The round of that name (its folder's name)."""
        return next((r for r in self.rounds if r.name == name), None)

    def person(self, name: str) -> Person | None:
        """The invited person of that name (any case, any spacing)."""
        found = [p for p in self.people if text_key(p.name) == text_key(name)]
        return found[0] if len(found) == 1 else None


def person_key(role: str, name: str) -> tuple[str, str]:
    return role, text_key(name)


def quarter(day: date) -> str:
    """``2026-Q4`` for a day in October to December 2026."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def next_quarter(name: str, today: date) -> str:
    """The round after ``name``: the next quarter when it is one, else today's quarter."""
    found = re.fullmatch(r"(\d{4})-Q([1-4])", name)
    if not found:
        return quarter(today)
    year, number = int(found[1]), int(found[2])
    return f"{year + number // 4}-Q{number % 4 + 1}"


# ---- what a round's folder holds ----------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """One file found in a round's folder, as read."""

    name: str
    response: Response | None = None
    partial: bool = False
    problem: str = ""
    """Why the file could not be read, if it could not."""


@dataclass
class PersonStatus:
    person: Person
    state: Literal["answered", "part-way", "missing"]
    file: str = ""
    answered_on: date | None = None
    answers: int = 0


@dataclass
class RoundStatus:
    round: str
    people: list[PersonStatus]
    stray: list[tuple[str, str]] = field(default_factory=list)
    """(file, why it does not belong) for files that are not an invited person's answers."""
    doubled: list[str] = field(default_factory=list)
    """Those of the stray files that are a second finished response from someone."""

    @property
    def missing(self) -> list[PersonStatus]:
        return [p for p in self.people if p.state != "answered"]


def round_status(
    engagement: Engagement, round_name: str, bank_hash: str, seen: list[Seen]
) -> RoundStatus:
    """Who answered, who is part-way and who is missing in one round, from the files in it."""
    by_person = {p.key(): p for p in engagement.people}
    done: dict[tuple[str, str], PersonStatus] = {}
    going: dict[tuple[str, str], PersonStatus] = {}
    stray: list[tuple[str, str]] = []
    doubled: list[str] = []
    for file in seen:
        response = file.response
        if response is None:
            stray.append((file.name, file.problem or "not a response file"))
            continue
        key = person_key(response.respondent.role, response.respondent.name)
        person = by_person.get(key)
        if response.bank.hash != bank_hash:
            stray.append(
                (
                    file.name,
                    f"answers bank {response.bank.id} {response.bank.version}, not this one",
                )
            )
        elif person is None:
            who = f"{response.respondent.name} ({response.respondent.role})"
            stray.append((file.name, f"{who} is not invited to this engagement"))
        elif file.partial or not response.complete:
            going[key] = PersonStatus(person, "part-way", file.name, answers=len(response.answers))
        elif key in done:
            doubled.append(file.name)
            stray.append(
                (file.name, f"a second response from {person.name} (also {done[key].file})")
            )
        else:
            day = (response.finished_at or response.started_at).date()
            done[key] = PersonStatus(person, "answered", file.name, day, len(response.answers))
    people = [
        done.get(p.key()) or going.get(p.key()) or PersonStatus(p, "missing")
        for p in engagement.people
    ]
    return RoundStatus(round_name, people, stray, doubled)


@dataclass(frozen=True)
class EngagementStatus:
    """Every round of one engagement, set against who was invited: ``ownerdiag status``."""

    client: str
    bank: Bank
    rounds: list[RoundStatus]

    @property
    def anyone_missing(self) -> bool:
        return bool(self.rounds[-1].missing)


@dataclass(frozen=True)
class DeskLine:
    """One client at a desk of engagements: where its current round stands."""

    client: str
    folder: str
    round: str
    answered: int
    invited: int
    waiting: list[str]
    """Names of the invited people who have not finished the current round."""
    waiting_days: int | None
    """Days since the current round's invitations went out, while anyone is waiting."""
    meeting_held: bool
    """Whether the current round keeps its meeting's decisions."""


def desk_line(
    client: str,
    folder: str,
    current: RoundStatus,
    *,
    invited_on: date | None,
    today: date,
    meeting_held: bool,
) -> DeskLine:
    waiting = [p.person.name for p in current.missing]
    days = (today - invited_on).days if waiting and invited_on is not None else None
    answered = len(current.people) - len(waiting)
    return DeskLine(
        client, folder, current.round, answered, len(current.people), waiting, days, meeting_held
    )


@dataclass(frozen=True)
class Desk:
    """Every engagement under a folder: ``ownerdiag status`` at the desk."""

    lines: list[DeskLine]
    problems: list[str] = field(default_factory=list)

    @property
    def anyone_missing(self) -> bool:
        return any(line.waiting for line in self.lines)
