"""A consultant's engagement: one client, one bank, the people invited, the rounds run. Pure.

The engagement file (``ownerdiag.yaml``) says who should answer; a round's folder holds what came
back. :func:`round_status` sets one against the other: who has answered, who is part-way, who is
missing, and which files do not belong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from ownerdiag.core.fields import BankId, Line, Moment, SnakeId, Strict
from ownerdiag.core.invitation import TOKEN_PATTERN, invitation_id, seal_matches
from ownerdiag.core.models import Bank, Response
from ownerdiag.core.text import text_key

ENGAGEMENT_FILE = "ownerdiag.yaml"
ROUND_NAME = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class Person(Strict):
    name: Line
    role: SnakeId

    def key(self) -> tuple[str, str]:
        return person_key(self.role, self.name)


Token = Annotated[str, Field(pattern=TOKEN_PATTERN)]


class Round(Strict):
    name: str = Field(max_length=64, description="The round's folder, e.g. 2026-Q4.")
    opened: Moment | None = Field(
        default=None,
        description="When the round was started; a response finished before then is refused.",
    )
    invitations: dict[SnakeId, Token] = Field(
        default_factory=dict,
        description="role -> that person's invitation token for this round. Keep this file "
        "private: a token lets a response pass as that person's. A round without invitations "
        "(made before they existed) accepts responses without one.",
    )
    bank: str | None = Field(
        default=None,
        description="The bank file this round answers, when not the engagement's own "
        "(a round kept on its bank after an upgrade).",
    )

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

    def bank_of(self, round: Round) -> str:
        """The bank (file or id) a round answers."""
        return round.bank or self.bank

    def invitation(self, stamp_id: str) -> tuple[Round, Person] | None:
        """The round and person an invitation id was given to."""
        by_role = {p.role: p for p in self.people}
        for round in self.rounds:
            for role, token in round.invitations.items():
                if invitation_id(token) == stamp_id and role in by_role:
                    return round, by_role[role]
        return None

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


def refusal(engagement: Engagement, round: Round, response: Response) -> str | None:
    """Why ``response`` does not count as an answer to ``round``, or None when it does: it
    must answer that round's invitation of the person it names, sealed as saved, and be
    finished after the round opened. A round without invitations asks for none."""
    if round.invitations:
        why = _invitation_refusal(engagement, round, response)
        if why is not None:
            return why
    finished = response.finished_at or response.started_at
    if round.opened is not None and finished < round.opened:
        return (
            f"finished {finished:%Y-%m-%d %H:%M}, before round {round.name} opened "
            f"({round.opened:%Y-%m-%d %H:%M}): an answer to an earlier round"
        )
    return None


def _invitation_refusal(engagement: Engagement, round: Round, response: Response) -> str | None:
    stamp = response.invitation
    who = f"{response.respondent.name} ({response.respondent.role})"
    if stamp is None:
        return f"carries no invitation: not saved by {who}'s survey command or form for this round"
    given = engagement.invitation(stamp.id)
    if given is None:
        return "answers an invitation this engagement never gave (another client's form?)"
    invited_round, person = given
    if invited_round.name != round.name:
        return (
            f"answers {person.name}'s invitation for round {invited_round.name}, "
            f"not round {round.name}"
        )
    if person.key() != person_key(response.respondent.role, response.respondent.name):
        return f"answers {person.name}'s invitation ({person.role}) but names {who}"
    token = round.invitations[person.role]
    if not seal_matches(token, response.sealed_text(stamp.id), stamp.seal):
        return "edited after it was saved: its seal does not match its answers"
    return None


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
    refused: list[str] = field(default_factory=list)
    """Those of the stray files refused for their invitation: another round's, another
    person's, none, or edited."""
    unreadable: list[str] = field(default_factory=list)
    """Those of the stray files that could not be read as a response."""

    @property
    def missing(self) -> list[PersonStatus]:
        return [p for p in self.people if p.state != "answered"]


def round_status(
    engagement: Engagement, round: Round, bank_hash: str, seen: list[Seen]
) -> RoundStatus:
    """Who answered, who is part-way and who is missing in one round, from the files in it;
    a finished response that does not answer its invitation (:func:`refusal`) is refused."""
    by_person = {p.key(): p for p in engagement.people}
    done: dict[tuple[str, str], PersonStatus] = {}
    going: dict[tuple[str, str], PersonStatus] = {}
    stray: list[tuple[str, str]] = []
    doubled: list[str] = []
    refused: list[tuple[str, str]] = []
    unreadable: list[str] = []
    for file in seen:
        response = file.response
        if response is None:
            stray.append((file.name, file.problem or "not a response file"))
            unreadable.append(file.name)
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
        elif (why := refusal(engagement, round, response)) is not None:
            refused.append((file.name, why))
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
    return RoundStatus(
        round.name, people, [*refused, *stray], doubled, [n for n, _ in refused], unreadable
    )


@dataclass(frozen=True)
class EngagementStatus:
    """Every round of one engagement, set against who was invited: ``ownerdiag status``."""

    client: str
    bank: Bank
    rounds: list[RoundStatus]

    @property
    def anyone_missing(self) -> bool:
        return bool(self.rounds[-1].missing)

    @property
    def not_ready(self) -> bool:
        """Whether ``compare`` would not take the current round as it is: someone is missing,
        or a file in it is refused, unreadable or a second response."""
        current = self.rounds[-1]
        return bool(current.missing or current.refused or current.unreadable or current.doubled)


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
