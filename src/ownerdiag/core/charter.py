"""The ownership agreement's substance: what was agreed or decided, and what is still open."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ownerdiag.core.decisions import shared_answer
from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.models import Decisions, Origin

REVIEW_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


@dataclass(frozen=True)
class Settled:
    item: Item
    value: Any
    """The agreed or decided answer; ``None`` while the item is open."""
    source: str
    """``decided`` in the meeting, ``agreed`` by every answer, or ``open``."""
    note: str = ""
    origin: Origin | None = None
    """Whose answer the meeting took, when it said (see :class:`Decision`)."""


def settle(item: Item, decisions: Decisions | None, respondents: int, to_settle: bool) -> Settled:
    """An item on the agenda is decided in the meeting or still open, even when the answers
    agree (agreeing off the framework is for the room to confirm); any other item stands as
    everyone answered it."""
    decision = decisions.decisions.get(item.question.id) if decisions else None
    note = decision.note if decision else ""
    if decision is not None and decision.decision is not None:
        return Settled(item, decision.decision, "decided", note, decision.origin)
    shared = shared_answer(item, respondents)
    if not to_settle and shared is not None:
        return Settled(item, shared, "agreed", note)
    return Settled(item, None, "open", note)


def next_review(cadence: str, today: date) -> date | None:
    if cadence == "weekly":
        return today + timedelta(days=7)
    months = REVIEW_MONTHS.get(cadence)
    if months is None:
        return None
    month = today.month - 1 + months
    year, month = today.year + month // 12, month % 12 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def settle_all(comparison: Comparison, decisions: Decisions | None) -> dict[str, Settled]:
    """Every decidable item, settled or open."""
    people = len(comparison.responses)
    agenda = {i.question.id for i in comparison.agenda()}
    written = comparison.bank.charter.written  # signing answers them: the charter never asks
    return {
        i.question.id: settle(i, decisions, people, i.question.id in agenda)
        for i in comparison.items
        if i.question.decidable and i.question.id not in written
    }


def review_cadence(comparison: Comparison, settled: dict[str, Settled]) -> tuple[str, str]:
    """The agreement's review rhythm and where it came from: as settled when that sets a date
    (``decided`` or ``agreed``), else ``recommended``: the bank's expected rhythm, or
    quarterly."""
    question_id = comparison.bank.charter.review
    chosen = settled.get(question_id) if question_id else None
    if chosen and chosen.value and next_review(chosen.value, date.min) is not None:
        return chosen.value, chosen.source
    expected = chosen.item.question.expected if chosen else None
    if isinstance(expected, str) and next_review(expected, date.min) is not None:
        return expected, "recommended"
    return "quarterly", "recommended"


@dataclass(frozen=True)
class Charter:
    """The ownership agreement's substance, before it is worded."""

    comparison: Comparison
    decided_in_meeting: bool
    settled: dict[str, Settled]
    """Every decidable item by question id, settled or open."""
    review_cadence: str
    review_source: str
    """Where the review rhythm came from: ``decided``, ``agreed`` or ``recommended``."""
    next_review: date | None
    today: date


def draft(comparison: Comparison, decisions: Decisions | None, today: date) -> Charter:
    settled = settle_all(comparison, decisions)
    cadence, source = review_cadence(comparison, settled)
    return Charter(
        comparison=comparison,
        decided_in_meeting=decisions is not None,
        settled=settled,
        review_cadence=cadence,
        review_source=source,
        next_review=next_review(cadence, today),
        today=today,
    )
