"""The written ownership agreement as sentences, for the charter templates."""

from __future__ import annotations

from typing import Any

from ownerdiag.core.charter import Charter, Settled
from ownerdiag.core.engine import Comparison
from ownerdiag.core.fields import JOINT
from ownerdiag.core.kinds.cadence import CADENCES
from ownerdiag.render.labels import positions
from ownerdiag.render.view import framework_text


def owner_phrase(comparison: Comparison, owner: str) -> str:
    bank = comparison.bank
    if owner == JOINT:
        labels = list(bank.roles.values())
        return " and ".join([", ".join(labels[:-1]), labels[-1]]) if len(labels) > 1 else labels[0]
    return bank.owner_label(owner)


def owner_sentence(comparison: Comparison, settled: Settled) -> str:
    question = settled.item.question
    who = owner_phrase(comparison, settled.value)
    verb = "jointly own" if settled.value == JOINT else "owns"
    if question.topic:
        return f"{who} {verb} {question.topic}."
    return f"{question.prompt} {who}."


def cadence_sentence(settled: Settled) -> str:
    question = settled.item.question
    topic = question.topic or question.prompt
    return f"{topic}: {CADENCES[settled.value].lower()}."


def value_phrase(comparison: Comparison, settled: Settled) -> str:
    if settled.value is None:
        return "still open"
    if settled.item.question.names_owners:
        return owner_phrase(comparison, settled.value) + (
            ", jointly" if settled.value == JOINT else ""
        )
    return settled.item.question.label(settled.value, comparison.bank).lower()


def charter_view(draft: Charter) -> dict[str, Any]:
    comparison = draft.comparison
    bank = comparison.bank
    settled = draft.settled
    lanes = []
    for lane_id, lane in bank.lanes.items():
        lines = [
            {"text": owner_sentence(comparison, s), "source": s.source, "note": s.note}
            for s in settled.values()
            if s.item.question.lane == lane_id and s.item.question.names_owners and s.value
        ]
        if lines:
            lanes.append({"title": lane.title, "lines": lines})
    return {
        "bank": {"id": bank.id, "title": bank.title, "version": bank.version},
        "date": draft.today.isoformat(),
        "decided_in_meeting": draft.decided_in_meeting,
        "questions": [
            {
                "ask": q.ask,
                "answer": "; ".join(
                    value_phrase(comparison, settled[i]) for i in q.items if i in settled
                )
                or "still open",
            }
            for q in bank.charter.questions
        ],
        "lanes": lanes,
        "rhythms": [
            {"text": cadence_sentence(s), "source": s.source, "note": s.note}
            for s in settled.values()
            if s.item.question.answers_are_cadences and s.value
        ],
        "open": [_open_view(comparison, s) for s in settled.values() if s.value is None],
        "foundations": _foundations(comparison),
        "review": {
            "cadence": CADENCES[draft.review_cadence].lower(),
            "source": draft.review_source,
            "next": draft.next_review.isoformat() if draft.next_review else None,
        },
        "signatures": [
            {"name": r.respondent.name, "role": bank.roles[r.respondent.role]}
            for r in comparison.responses
        ],
    }


def _open_view(comparison: Comparison, settled: Settled) -> dict[str, Any]:
    return {
        "prompt": settled.item.question.prompt,
        "positions": positions(comparison, settled.item),
        "framework": (
            framework_text(comparison.bank, settled.item)
            if settled.item.question.expected is not None
            else ""
        ),
        "note": settled.note,
    }


def _foundations(comparison: Comparison) -> list[dict[str, Any]]:
    result = []
    for question_id in comparison.bank.charter.foundations:
        item = comparison.item(question_id)
        if item is None:
            continue
        said = [
            {"name": r.respondent.name, "text": item.answers.get(r.respondent.role)}
            for r in comparison.responses
        ]
        result.append({"prompt": item.question.prompt, "answers": said})
    return result
