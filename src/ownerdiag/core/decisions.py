"""Settling conflicts in the meeting: the agenda and the decisions. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ownerdiag.core.answers import bank_ref, check_each, expect_mapping
from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.fields import AnswerError
from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.kinds.base import distinct
from ownerdiag.core.models import Bank, Decision, Decisions, Origin, Response
from ownerdiag.errors import InputError, Located


def agenda(comparison: Comparison) -> list[Item]:
    """Every item the meeting can decide that is not aligned, worst first."""
    return comparison.agenda()


ORIGINS: tuple[Origin, ...] = ("leaders", "framework", "other")


def shared_answer(item: Item, respondents: int) -> Any:
    """The answer every one of ``respondents`` gave, when they all gave the same one and it
    names something (not "I can't say"); else ``None``."""
    values = distinct(item.answers.values())
    if len(item.answers) != respondents or len(values) != 1:
        return None
    return None if item.question.is_unsure(values[0]) else values[0]


def origin_of(item: Item, respondents: int, value: Any) -> Origin | None:
    """Whose answer ``value`` is: the leaders' shared one, the framework's, or another."""
    if value is None:
        return None
    if value == shared_answer(item, respondents):
        return "leaders"
    return "framework" if value == item.question.expected else "other"


@dataclass(frozen=True)
class Candidate:
    """An answer the room can take on an item."""

    value: Any
    label: str
    origin: Origin
    """Whose answer it would be: the leaders' shared one, the framework's, or another."""
    said_by: tuple[str, ...]
    """The leaders who gave it."""


def candidates(comparison: Comparison, item: Item) -> list[Candidate]:
    """Every answer the room can take (for a list answer, those the leaders gave and the
    framework's): the leaders' shared one first, then the framework's, then those a leader
    gave, then the rest."""
    bank = comparison.bank
    question = item.question
    spec = question.decision_spec(bank)
    if spec.many:
        expected = [] if question.expected is None else [question.expected]
        values = [
            (v, question.label(v, bank)) for v in distinct([*item.answers.values(), *expected])
        ]
    else:
        values = [(o.value, o.title) for o in spec.options]
    people = len(comparison.responses)
    found = []
    for value, label in values:
        said_by = tuple(
            r.respondent.name
            for r in comparison.responses
            if item.answers.get(r.respondent.role, None) == value
        )
        found.append(Candidate(value, label, origin_of(item, people, value) or "other", said_by))
    rank = {"leaders": 0, "framework": 1, "other": 2}
    return sorted(found, key=lambda c: (rank[c.origin], not c.said_by))


def parse_decision(bank: Bank, question: QuestionBase, raw: Any) -> Decision:
    if not question.decidable:
        raise AnswerError(f"{question.kind} questions are not decided in the meeting")
    note = ""
    origin = None
    if isinstance(raw, Mapping):
        unknown = set(raw) - {"decision", "note", "origin"}
        if unknown:
            raise AnswerError(
                f"unknown key(s) {', '.join(map(repr, sorted(unknown)))}; use decision and note"
            )
        note = str(raw.get("note") or "").strip()
        origin = _origin(raw.get("origin"))
        raw = raw.get("decision")
    if raw is None:
        return Decision(decision=None, note=note)
    value = question.parse(raw, bank)
    if question.is_unsure(value):
        valid = ", ".join(c.id for c in question.decision_choices(bank))
        raise AnswerError(f"a decision must name an owner; choose one of: {valid}")
    return Decision(decision=value, note=note, origin=origin)


def _origin(raw: Any) -> Origin | None:
    for origin in ORIGINS:
        if raw == origin:
            return origin
    if raw is None:
        return None
    raise AnswerError(f"{raw!r} is not a valid origin; use one of: {', '.join(ORIGINS)}")


def with_origins(comparison: Comparison, decided: Mapping[str, Decision]) -> dict[str, Decision]:
    """Each decision that does not say whose answer it took, told by comparing it with the
    answers and the framework (a decisions file written by hand)."""
    people = len(comparison.responses)
    result = {}
    for question_id, decision in decided.items():
        item = comparison.item(question_id)
        if decision.origin is None and item is not None:
            origin = origin_of(item, people, decision.decision)
            decision = decision.model_copy(update={"origin": origin})
        result[question_id] = decision
    return result


def start(
    bank: Bank, responses: Sequence[Response], now: datetime, tool_version: str = ""
) -> Decisions:
    return Decisions(
        bank=bank_ref(bank),
        respondents=[r.respondent for r in responses],
        started_at=now,
        tool_version=tool_version,
    )


def with_decision(decisions: Decisions, question_id: str, decision: Decision) -> Decisions:
    updated = {**decisions.decisions, question_id: decision}
    return decisions.model_copy(update={"decisions": updated})


def finish(decisions: Decisions, items: Sequence[Item], now: datetime) -> Decisions:
    decided = {qid for qid, d in decisions.decisions.items() if d.decision is not None}
    complete = all(item.question.id in decided for item in items)
    return decisions.model_copy(update={"complete": complete, "finished_at": now})


def open_items(decisions: Decisions, items: Sequence[Item]) -> list[Item]:
    return [
        i
        for i in items
        if getattr(decisions.decisions.get(i.question.id), "decision", None) is None
    ]


def parse_input(bank: Bank, doc: Located) -> dict[str, Decision]:
    """A hand-written mapping ``question_id: owner`` (or ``{decision, note}``), fully checked."""
    raw = expect_mapping(doc, "expected a mapping of question id to decision")
    return _check(bank, doc, raw, where=())


def check_decisions(bank: Bank, decisions: Decisions, doc: Located) -> None:
    """Decisions read from a file must have been made on ``bank`` and fit its questions."""
    if decisions.bank.hash != bank.content_hash():
        raise InputError.single(
            f"these decisions were made on bank {decisions.bank.id} {decisions.bank.version} "
            f"({decisions.bank.hash}), not on {bank.id} {bank.version} ({bank.content_hash()})",
            doc.source,
            "use the decisions file from the same round of responses",
        )
    raw = {k: d.model_dump() for k, d in decisions.decisions.items()}
    _check(bank, doc, raw, where=("decisions",))


def check_meeting(decisions: Decisions, responses: Sequence[Response], source: str) -> None:
    """Decisions apply only to the people whose answers the meeting settled."""
    made_for = sorted((p.role, p.name) for p in decisions.respondents)
    here = sorted((r.respondent.role, r.respondent.name) for r in responses)
    if made_for != here:
        names = ", ".join(name for _, name in made_for) or "nobody named"
        raise InputError.single(
            f"these decisions were made for {names}, not for the responses given",
            source,
            "use the decisions file from the meeting on these responses",
        )


def _check(
    bank: Bank, doc: Located, raw: Mapping[str, Any], where: tuple[str, ...]
) -> dict[str, Decision]:
    decided, problems = check_each(
        bank, doc, raw, where, lambda question, value: parse_decision(bank, question, value)
    )
    if problems:
        raise InputError(problems)
    return decided
