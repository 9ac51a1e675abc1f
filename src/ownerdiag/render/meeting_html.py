"""The meeting as one self-contained HTML page for the projector: the agenda as ``resolve``
takes it, each item with every leader's answer, the framework's answer and source, why it
matters and the remedy; the room chooses with a click or a key, and the page saves the
decisions file that ``charter`` reads. Inline style and script, the meeting embedded as data,
a Content-Security-Policy that forbids every request.

The page's file names a stamp: the hash of the data the page embeds. Reading the decisions
recomputes it from the responses, so decisions from another meeting, or from a page whose
items were edited, are refused."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ownerdiag import __version__
from ownerdiag.core.agenda import Step, steps
from ownerdiag.core.decisions import candidates, shared_answer
from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.models import Decisions, Respondent
from ownerdiag.core.text import literal, script_json
from ownerdiag.errors import InputError
from ownerdiag.render.charter_view import candidate_tags, leaders_said, question_area
from ownerdiag.render.labels import MEANING, severity_word, value_text, verdict_word
from ownerdiag.render.templating import own_asset, render
from ownerdiag.render.view import framework_text

FORMAT = "ownerdiag-meeting/1"
MINUTES_PER_ITEM = 2


@dataclass(frozen=True)
class MeetingRequest:
    """What ``resolve --format html`` writes: the page for one meeting."""

    comparison: Comparison
    title: str = ""


def payload(comparison: Comparison) -> dict[str, Any]:
    bank = comparison.bank
    agenda = steps(comparison)
    return {
        "format": FORMAT,
        "bank": {"id": bank.id, "version": bank.version, "hash": bank.content_hash()},
        "title": literal(bank.title),
        "respondents": [
            {
                "name": r.respondent.name,
                "shown": literal(r.respondent.name),
                "role": r.respondent.role,
            }
            for r in comparison.responses
        ],
        "leaders_said": leaders_said(comparison),
        "minutes_per_item": MINUTES_PER_ITEM,
        "steps": [_step(step) for step in agenda],
        "items": {i.question.id: _item(comparison, i) for s in agenda for i in s.items},
    }


def _person(person: Respondent) -> dict[str, str]:
    """As the decisions file must name them (``name``), and as the page shows them."""
    return {"name": person.name, "shown": literal(person.name), "role": person.role}


def _step(step: Step) -> dict[str, Any]:
    return {
        "kind": step.kind,
        "cause": literal(step.cause),
        "items": [item.question.id for item in step.items],
    }


def _item(comparison: Comparison, item: Item) -> dict[str, Any]:
    bank = comparison.bank
    question = item.question
    verdict = f"{severity_word(item.severity)} {verdict_word(item.verdict)}".strip()
    return {
        "area": literal(question_area(question)),
        "prompt": literal(question.prompt),
        "verdict": f"{verdict}: {MEANING[item.verdict]}",
        "said": [
            [
                literal(r.respondent.name),
                literal(value_text(bank, item, item.answers[r.respondent.role], short=False))
                if r.respondent.role in item.answers
                else "—",
            ]
            for r in comparison.responses
        ],
        "framework": literal(framework_text(bank, item)) if question.expected is not None else "",
        "why": literal(question.why),
        "remedy": literal(question.remedy),
        "shared": shared_answer(item, len(comparison.responses)),
        "options": [
            [c.value, literal(c.label), c.origin, literal(candidate_tags(comparison, c))]
            for c in candidates(comparison, item)
        ],
    }


def payload_text(comparison: Comparison) -> str:
    """The payload as the page embeds it, byte for byte."""
    return script_json(payload(comparison))


def stamp(comparison: Comparison) -> str:
    """What a decisions file saved by this meeting's page names as its ``page``."""
    return "sha256:" + hashlib.sha256(payload_text(comparison).encode()).hexdigest()


def check_stamp(comparison: Comparison, decisions: Decisions, source: Path) -> None:
    """Decisions saved by a meeting page must come from the page made for these responses."""
    if decisions.page is not None and decisions.page != stamp(comparison):
        raise InputError.single(
            "these decisions were saved by a meeting page made for other answers, or by a page "
            "that was changed",
            str(source),
            "use the decisions file saved by the meeting page written from these responses",
        )


def meeting_page(request: MeetingRequest) -> str:
    from markupsafe import Markup

    from ownerdiag.render.form_html import csp_hash

    comparison = request.comparison
    text = payload_text(comparison)
    script = own_asset("meeting.js")
    style = own_asset("meeting.css")
    return render(
        "meeting.html.j2",
        title=request.title or comparison.bank.title,
        meeting_id=stamp(comparison).removeprefix("sha256:"),
        tool_version=__version__,
        payload=Markup(text),  # script_json: no <, > or & left in it
        script=Markup(script),
        style=Markup(style),
        script_hash=csp_hash(script),
        style_hash=csp_hash(style),
    )
