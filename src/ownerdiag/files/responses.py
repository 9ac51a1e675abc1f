"""Responses: building them from answers, checking them against their bank, loading them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ownerdiag import __version__
from ownerdiag.core.models import AnswerError, Bank, BankRef, Question, Respondent, Response
from ownerdiag.errors import InputError, Problem
from ownerdiag.files.schema import validate
from ownerdiag.files.yamlio import Document, dump_yaml, read_yaml


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def check_role(bank: Bank, role: str) -> None:
    if role not in bank.roles:
        valid = ", ".join(f"{k} ({v})" for k, v in bank.roles.items())
        raise InputError.single(
            f"{role!r} is not a role of bank {bank.id!r}", "--role", f"use one of: {valid}"
        )


def start(bank: Bank, role: str, name: str, now: datetime) -> Response:
    """An empty, incomplete response for ``name`` answering ``bank`` as ``role``."""
    check_role(bank, role)
    return Response(
        bank=BankRef(id=bank.id, version=bank.version, hash=bank.content_hash()),
        respondent=Respondent(name=name, role=role),
        started_at=now,
        tool_version=__version__,
    )


def with_answer(response: Response, question_id: str, answer: Any) -> Response:
    return response.model_copy(update={"answers": {**response.answers, question_id: answer}})


def finish(bank: Bank, response: Response, now: datetime) -> Response:
    # answers in bank order, so files diff cleanly between people and rounds
    ordered = {q.id: response.answers[q.id] for q in bank.questions if q.id in response.answers}
    return response.model_copy(update={"answers": ordered, "complete": True, "finished_at": now})


def first_unanswered(bank: Bank, response: Response) -> int:
    """Index of the first question without an answer (``len(questions)`` when all have one)."""
    return next(
        (i for i, q in enumerate(bank.questions) if q.id not in response.answers),
        len(bank.questions),
    )


def parse_answers(bank: Bank, doc: Document) -> dict[str, Any]:
    """Validate an answers mapping (question id -> answer) completely, reporting every problem."""
    if not isinstance(doc.data, Mapping):
        raise InputError.single(
            "expected a mapping of question id to answer", doc.source, "see: ownerdiag form", line=1
        )
    answers, problems = _check_answers(bank, doc, doc.data, where=())
    for question in bank.questions:
        if doc.data.get(question.id) is None:
            problems.append(
                Problem(
                    f"question {question.id!r} has no answer; {_valid_answers(bank, question)}",
                    doc.source,
                    *doc.locate((question.id,) if question.id in doc.data else ()),
                )
            )
    if problems:
        raise InputError(problems)
    return answers


def check_response(bank: Bank, response: Response, doc: Document) -> None:
    """A loaded response must fit its bank: known ids, valid answers, all of them if complete."""
    _, problems = _check_answers(bank, doc, response.answers, where=("answers",))
    if response.complete:
        missing = [q.id for q in bank.questions if q.id not in response.answers]
        if missing:
            problems.append(
                Problem(
                    f"marked complete but {len(missing)} question(s) have no answer: "
                    f"{', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}",
                    doc.source,
                    *doc.locate(("complete",)),
                )
            )
    if response.respondent.role not in bank.roles:
        problems.append(
            Problem(
                f"role {response.respondent.role!r} is not a role of bank {bank.id!r}",
                doc.source,
                *doc.locate(("respondent", "role")),
            )
        )
    if problems:
        raise InputError(problems)


def check_each(
    bank: Bank,
    doc: Document,
    raw: Mapping[str, Any],
    where: tuple[str, ...],
    parse: Callable[[Question, Any], Any],
) -> tuple[dict[str, Any], list[Problem]]:
    """Check a mapping keyed by question id with ``parse``, collecting every problem with its line.

    Shared by answers and decisions; ``parse`` returns the value to keep (``None`` keeps nothing)
    or raises :class:`AnswerError`.
    """
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in raw.items():
        question = bank.question(str(key))
        line, column = doc.locate((*where, key))
        if question is None:
            problems.append(
                Problem(
                    f"unknown question id {key!r} (bank {bank.id} {bank.version})",
                    doc.source,
                    line,
                    column,
                    "check the spelling against: ownerdiag form --bank " + bank.id,
                )
            )
            continue
        try:
            parsed = parse(question, value)
        except AnswerError as exc:
            problems.append(Problem(f"question {question.id!r}: {exc}", doc.source, line, column))
            continue
        if parsed is not None:
            values[question.id] = parsed
    return values, problems


def _check_answers(
    bank: Bank, doc: Document, raw: Mapping[str, Any], where: tuple[str, ...]
) -> tuple[dict[str, Any], list[Problem]]:
    def parse(question: Question, value: Any) -> Any:
        return None if value is None else question.parse(value, bank)

    return check_each(bank, doc, raw, where, parse)


def _valid_answers(bank: Bank, question: Any) -> str:
    choices = question.choices(bank)
    if choices:
        return "valid answers: " + ", ".join(c.id for c in choices)
    return (
        "answer with a whole number from 1 to 5" if question.kind == "scale" else "write a sentence"
    )


def load_response(path: Path) -> tuple[Response, Document]:
    doc = read_yaml(path)
    return validate(Response, doc, "response file"), doc


def to_yaml(response: Response) -> str:
    # the header is a comment, where YAML cannot escape anything: it names no free text
    header = (
        f"# ownerdiag response: role {response.respondent.role}, "
        f"bank {response.bank.id} {response.bank.version}\n"
    )
    return header + dump_yaml(response.model_dump(mode="json"))


def slug(text: str) -> str:
    """A file-name-safe version of ``text``: it can never name another folder."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:60] or "anonymous"


def default_out(bank_id: str, role: str, name: str) -> Path:
    return Path("responses") / f"{slug(bank_id)}-{slug(role)}-{slug(name)}.yaml"
