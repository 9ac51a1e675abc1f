"""Settling conflicts in the meeting: the agenda, decisions, and the decisions file. Pure core."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ownerdiag import __version__
from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.models import (
    UNCLEAR,
    AnswerError,
    Bank,
    BankRef,
    Choice,
    Decision,
    Decisions,
    Question,
    Response,
)
from ownerdiag.errors import InputError
from ownerdiag.files.responses import check_each
from ownerdiag.files.schema import validate
from ownerdiag.files.yamlio import Document, dump_yaml, read_yaml

DECIDABLE = ("owner", "cadence", "yes_no", "choice")
"""Kinds with an answer a meeting can agree on; ratings and free text are not decided."""


def agenda(comparison: Comparison) -> list[Item]:
    """Every decidable item that is not aligned, worst first."""
    return [i for i in comparison.conflicts() if i.question.kind in DECIDABLE]


def decision_choices(bank: Bank, question: Question) -> list[Choice]:
    """What the room can settle on: any valid answer except "nobody clearly"."""
    return [c for c in question.choices(bank) or [] if c.id != UNCLEAR]


def parse_decision(bank: Bank, question: Question, raw: Any) -> Decision:
    if question.kind not in DECIDABLE:
        raise AnswerError(f"{question.kind} questions are not decided in the meeting")
    note = ""
    if isinstance(raw, Mapping):
        unknown = set(raw) - {"decision", "note"}
        if unknown:
            raise AnswerError(
                f"unknown key(s) {', '.join(map(repr, sorted(unknown)))}; use decision and note"
            )
        note = str(raw.get("note") or "").strip()
        raw = raw.get("decision")
    if raw is None:
        return Decision(decision=None, note=note)
    value = question.parse(raw, bank)
    if value == UNCLEAR and question.kind == "owner":
        valid = ", ".join(c.id for c in decision_choices(bank, question))
        raise AnswerError(f"a decision must name an owner; choose one of: {valid}")
    return Decision(decision=value, note=note)


def start(bank: Bank, responses: Sequence[Response], now: datetime) -> Decisions:
    return Decisions(
        bank=BankRef(id=bank.id, version=bank.version, hash=bank.content_hash()),
        respondents=[r.respondent for r in responses],
        started_at=now,
        tool_version=__version__,
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


def parse_input(bank: Bank, doc: Document) -> dict[str, Decision]:
    """A hand-written mapping ``question_id: owner`` (or ``{decision, note}``), fully checked."""
    if not isinstance(doc.data, Mapping):
        raise InputError.single("expected a mapping of question id to decision", doc.source, line=1)
    return _check(bank, doc, doc.data, where=())


def _check(
    bank: Bank, doc: Document, raw: Mapping[str, Any], where: tuple[str, ...]
) -> dict[str, Decision]:
    decided, problems = check_each(
        bank, doc, raw, where, lambda question, value: parse_decision(bank, question, value)
    )
    if problems:
        raise InputError(problems)
    return decided


def load(path: Path, bank: Bank) -> Decisions:
    """A decisions file, checked against the bank the responses answered."""
    doc = read_yaml(path)
    decisions = validate(Decisions, doc, "decisions file")
    if decisions.bank.hash != bank.content_hash():
        raise InputError.single(
            f"these decisions were made on bank {decisions.bank.id} {decisions.bank.version} "
            f"({decisions.bank.hash}), not on {bank.id} {bank.version} ({bank.content_hash()})",
            str(path),
            "use the decisions file from the same round of responses",
        )
    raw = {k: d.model_dump() for k, d in decisions.decisions.items()}
    _check(bank, doc, raw, where=("decisions",))
    return decisions


def to_yaml(decisions: Decisions) -> str:
    header = f"# ownerdiag decisions: bank {decisions.bank.id} {decisions.bank.version}\n"
    return header + dump_yaml(decisions.model_dump(mode="json"))
