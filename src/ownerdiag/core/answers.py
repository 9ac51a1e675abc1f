"""A response as it is filled in: starting, answering, finishing, and checking answers against
the bank. Pure: the clock and the files are the caller's."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from random import Random
from typing import Any, TypeVar

from ownerdiag.core.fields import AnswerError
from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.models import Bank, BankRef, Respondent, Response
from ownerdiag.core.survey_form import form_hash
from ownerdiag.errors import Fix, InputError, Located, Problem

T = TypeVar("T")


def bank_ref(bank: Bank) -> BankRef:
    return BankRef(id=bank.id, version=bank.version, hash=bank.content_hash())


def start(bank: Bank, role: str, name: str, now: datetime, tool_version: str = "") -> Response:
    """An empty, incomplete response for ``name`` answering ``bank`` as ``role``."""
    return Response(
        bank=bank_ref(bank),
        respondent=respondent(name, role),
        started_at=now,
        tool_version=tool_version,
    )


def respondent(name: str, role: str) -> Respondent:
    """Who answers; a name that is not one visible line is refused, as it would be on reading."""
    from pydantic import ValidationError

    try:
        return Respondent(name=name, role=role)
    except ValidationError:
        raise InputError.single(
            f"the name {name!r} is not one line of visible text",
            "name",
            "give the name as it should appear in the report: no line breaks or control characters",
        ) from None


def with_answer(
    response: Response, question_id: str, answer: Any, seconds: float | None = None
) -> Response:
    """``response`` with one more answer, and how long it took when known."""
    update: dict[str, Any] = {"answers": {**response.answers, question_id: answer}}
    if seconds is not None:
        update["seconds"] = {**response.seconds, question_id: round(max(seconds, 0.0), 1)}
    return response.model_copy(update=update)


def record(
    bank: Bank, response: Response, question: QuestionBase, raw: Any, seconds: float | None = None
) -> Response:
    """``response`` with ``raw`` answering ``question``, as the kind parses it (or
    :class:`AnswerError`): nothing reaches a response unparsed."""
    return with_answer(response, question.id, question.parse(raw, bank), seconds)


def finish(bank: Bank, response: Response, now: datetime) -> Response:
    # answers in bank order, so files diff cleanly between people and rounds
    ordered = {q.id: response.answers[q.id] for q in bank.questions if q.id in response.answers}
    return response.model_copy(update={"answers": ordered, "complete": True, "finished_at": now})


def first_unanswered(questions: Sequence[QuestionBase], response: Response) -> int:
    """Index of the first question without an answer (``len(questions)`` when all have one)."""
    return next(
        (i for i, q in enumerate(questions) if q.id not in response.answers), len(questions)
    )


def asked_order(bank: Bank, response: Response) -> list[QuestionBase]:
    """The questions in the order this respondent is asked them: their own shuffled order when
    the bank shuffles, else the bank's."""
    if not response.order:
        return list(bank.questions)
    position = {question_id: n for n, question_id in enumerate(response.order)}
    return sorted(bank.questions, key=lambda q: position.get(q.id, len(position)))


def shuffled_order(bank: Bank, rng: Random) -> list[str]:
    """Question ids shuffled within each section; sections stay in the order written."""
    sections: dict[str | None, list[str]] = {}
    for question in bank.questions:
        sections.setdefault(question.section, []).append(question.id)
    order: list[str] = []
    for ids in sections.values():
        order += rng.sample(ids, len(ids))
    return order


def parse_answers(bank: Bank, doc: Located) -> dict[str, Any]:
    """Validate an answers mapping (question id -> answer) completely, reporting every problem."""
    raw = expect_mapping(doc, "expected a mapping of question id to answer", Fix.SEE_FORM)
    answers, problems = _check_answers(bank, doc, raw, where=())
    for question in bank.questions:
        if raw.get(question.id) is None:
            problems.append(
                Problem(
                    f"question {question.id!r} has no answer; {question.answer_hint(bank)}",
                    doc.source,
                    *doc.locate((question.id,) if question.id in raw else ()),
                )
            )
    if problems:
        raise InputError(problems)
    return answers


def expect_mapping(doc: Located, message: str, fix: Fix | None = None) -> Mapping[str, Any]:
    if not isinstance(doc.data, Mapping):
        raise InputError.single(message, doc.source, fix=fix, line=1)
    return doc.data


def check_response(bank: Bank, response: Response, doc: Located) -> Response:
    """A loaded response must fit its bank: known ids, valid answers, all of them if complete.

    Returns it with every answer in the form its question stores (``' cro'`` becomes ``cro``,
    ``"3"`` a rating of 3): what is judged is what was checked.
    """
    normalised, problems = _check_answers(bank, doc, response.answers, where=("answers",))
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
    elif response.form is not None and response.form != form_hash(bank, response.respondent.role):
        problems.append(
            Problem(
                f"saved by a browser form whose questions for {response.respondent.role!r} are "
                f"not those of bank {bank.id} {bank.version}: the page was edited, or made by "
                "another version of ownerdiag",
                doc.source,
                *doc.locate(("form",)),
                hint="ask the leader to answer a new form made from the bank",
            )
        )
    if problems:
        raise InputError(problems)
    return response.model_copy(update={"answers": normalised})


def check_each(
    bank: Bank,
    doc: Located,
    raw: Mapping[str, Any],
    where: tuple[str, ...],
    parse: Callable[[QuestionBase, Any], T | None],
) -> tuple[dict[str, T], list[Problem]]:
    """Check a mapping keyed by question id with ``parse``, collecting every problem with its line.

    Shared by answers and decisions; ``parse`` returns the value to keep (``None`` keeps nothing)
    or raises :class:`AnswerError`.
    """
    values: dict[str, T] = {}
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
                    fix=Fix.SEE_FORM,
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
    bank: Bank, doc: Located, raw: Mapping[str, Any], where: tuple[str, ...]
) -> tuple[dict[str, Any], list[Problem]]:
    def parse(question: QuestionBase, value: Any) -> Any:
        return None if value is None else question.parse(value, bank)

    return check_each(bank, doc, raw, where, parse)
