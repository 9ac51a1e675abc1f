"""The written ownership agreement in words, for the charter templates: one value per item,
each with where it came from, and the open items as things to decide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ownerdiag.core.charter import Charter, Settled, settle_all
from ownerdiag.core.decisions import Candidate
from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.kinds.cadence import CADENCES
from ownerdiag.core.models import Decisions, Origin
from ownerdiag.core.text import text_key
from ownerdiag.render.labels import positions
from ownerdiag.render.view import bank_view, framework_text


def origin(comparison: Comparison, source: str, taken: Origin | None = None) -> str:
    """Where a settled value came from, in the words of a document people sign; for a
    decision, whose answer the meeting took too."""
    two = len(comparison.responses) == 2
    if source == "decided":
        whose = {"leaders": leaders_said(comparison), "framework": "the framework's answer"}
        return f"{MEETING}: {whose[taken]}" if taken in whose else MEETING
    return {"agreed": "you both said" if two else "you all said"}.get(source, "recommended")


MEETING = "agreed in the meeting"


def candidate_tags(comparison: Comparison, candidate: Candidate) -> str:
    """Whose answer a choice is, for the meeting: ``both leaders said``, ``the framework's
    answer, Dana Reyes said``, or nothing."""
    if candidate.origin == "leaders":
        return leaders_said(comparison)
    tags = ["the framework's answer"] if candidate.origin == "framework" else []
    return ", ".join([*tags, *(f"{name} said" for name in candidate.said_by)])


def leaders_said(comparison: Comparison) -> str:
    """``both leaders said`` (or ``all leaders said``): the room's own shared answer."""
    return "both leaders said" if len(comparison.responses) == 2 else "all leaders said"


def value_phrase(comparison: Comparison, settled: Settled) -> str:
    if settled.value is None:
        return "to decide"
    return settled.item.question.charter_text(settled.value, comparison.bank)


def area(settled: Settled) -> str:
    return question_area(settled.item.question)


def question_area(question: QuestionBase) -> str:
    """What a question is about, capitalised: its topic, or its prompt."""
    return question.topic[:1].upper() + question.topic[1:] if question.topic else question.prompt


def charter_view(draft: Charter, title: str = "") -> dict[str, Any]:
    comparison = draft.comparison
    bank = comparison.bank
    settled = draft.settled
    review_id = bank.charter.review

    def line(s: Settled) -> dict[str, Any]:
        return {
            "area": area(s),
            "value": value_phrase(comparison, s),
            "origin": origin(comparison, s.source, s.origin),
            "note": s.note,
        }

    owners = []
    for lane_id, lane in bank.lanes.items():
        rows = [
            line(s)
            for s in settled.values()
            if s.item.question.lane == lane_id and s.item.question.names_owners and s.value
        ]
        if rows:
            owners.append({"title": lane.title, "rows": rows})
    facts = [
        line(s)
        for s in settled.values()
        if not s.item.question.names_owners and s.value and s.item.question.id != review_id
    ]
    return {
        "bank": bank_view(bank),
        "title": title or bank.title,
        "date": draft.today.isoformat(),
        "decided_in_meeting": draft.decided_in_meeting,
        "questions": [
            {
                "ask": q.ask,
                "answer": "; ".join(
                    filter(None, (_answer_phrase(comparison, settled, i) for i in q.items))
                )
                or "to decide",
            }
            for q in bank.charter.questions
        ],
        "owners": owners,
        "rhythms": facts,
        "open": [_open_view(comparison, s) for s in settled.values() if s.value is None],
        "foundations": _foundations(comparison),
        "review": {
            "cadence": CADENCES[draft.review_cadence].lower(),
            "origin": origin(comparison, draft.review_source, _review_origin(draft)),
            "next": draft.next_review.isoformat() if draft.next_review else None,
        },
        "signatures": [
            {"name": r.respondent.name, "role": bank.roles[r.respondent.role]}
            for r in comparison.responses
        ],
    }


def _review_origin(draft: Charter) -> Origin | None:
    """Whose answer the review rhythm is, when the meeting decided it."""
    review_id = draft.comparison.bank.charter.review
    chosen = draft.settled.get(review_id) if review_id else None
    return chosen.origin if chosen and draft.review_source == "decided" else None


def _answer_phrase(comparison: Comparison, settled: dict[str, Settled], question_id: str) -> str:
    """An item's answer at the top of the agreement; one that signing answers says so."""
    bank = comparison.bank
    if question_id in bank.charter.written:
        question = bank.question(question_id)
        said = question.charter_text(bank.charter.written[question_id], bank) if question else ""
        return f"{said} (this agreement)"
    return value_phrase(comparison, settled[question_id]) if question_id in settled else ""


def _open_view(comparison: Comparison, settled: Settled) -> dict[str, Any]:
    question = settled.item.question
    return {
        "text": question.to_decide(),
        "positions": positions(comparison, settled.item),
        "framework": (
            framework_text(comparison.bank, settled.item) if question.expected is not None else ""
        ),
        "note": settled.note,
    }


def _foundations(comparison: Comparison) -> list[dict[str, Any]]:
    """Each foundation in every leader's words, and whether the room still has to agree one
    sentence (when the words differ)."""
    result = []
    for question_id in comparison.bank.charter.foundations:
        item = comparison.item(question_id)
        if item is None:
            continue
        said = [
            {"name": r.respondent.name, "text": item.answers.get(r.respondent.role)}
            for r in comparison.responses
        ]
        words = {text_key(str(a["text"])) for a in said if a["text"]}
        result.append({"prompt": item.question.prompt, "answers": said, "differ": len(words) != 1})
    return result


def decisions_review(
    comparison: Comparison, decisions: Decisions, items: Sequence[Item] | None = None
) -> list[str]:
    """The meeting's outcome, one line per agenda item, for the screen after ``resolve``."""
    return [
        f"{number:>3}. {status:<8} {text}"
        for number, status, text in review_rows(comparison, decisions, items)
    ]


def review_rows(
    comparison: Comparison, decisions: Decisions, items: Sequence[Item] | None = None
) -> list[tuple[int, str, str]]:
    """(number, ``decided`` or ``open``, what) for each agenda item (``items``, or the
    comparison's agenda)."""
    every = settle_all(comparison, decisions)
    whose = {"leaders": f" ({leaders_said(comparison)})", "framework": " (the framework's)"}
    rows = []
    for number, item in enumerate(comparison.agenda() if items is None else items, 1):
        settled = every[item.question.id]
        if settled.value is None:
            rows.append((number, "open", item.question.to_decide()))
            continue
        value = value_phrase(comparison, settled) + whose.get(settled.origin or "", "")
        rows.append((number, "decided", f"{area(settled)}: {value}"))
    return rows
