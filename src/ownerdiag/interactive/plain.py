"""The survey line by line, for screen readers and dumb terminals (``--plain``, or ``TERM=dumb``):
numbered options read out as text, answers typed and read back; no cursor drawing, no colour,
no escape sequences. Questions go to stderr, answers come from stdin; stdout stays clean."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ownerdiag.core.answers import asked_order, finish, record
from ownerdiag.core.fields import AnswerError, line_problem
from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.models import Bank, Response
from ownerdiag.core.quality import cautions
from ownerdiag.core.text import literal
from ownerdiag.files.environment import current
from ownerdiag.interactive.lifecycle import BACK, answer_all, utc_now
from ownerdiag.render.labels import answer_title, by_section, caution_text, shorten

Save = Callable[[Response], None]


def tell(text: str = "") -> None:
    current().note(literal(text))


def read(prompt: str) -> str:
    """One typed line; end of input (Ctrl-D) is an interruption."""
    env = current()
    print(prompt, end="", file=env.stderr, flush=True)
    line = env.stdin.readline()
    if not line:
        raise EOFError
    return line.strip()


def run(bank: Bank, response: Response, save: Save) -> Response:
    """Every unanswered question, then the review; returns the finished response."""
    tell("Type the number of an answer (or its words), then Enter. b goes back.")
    response = answer_all(bank, response, save, lambda *at: ask(bank, *at))
    return review(bank, response, save)


def ask(bank: Bank, question: QuestionBase, index: int, total: int, previous: Any = None) -> Any:
    section = f", {question.section}" if question.section else ""
    tell()
    tell(f"Question {index + 1} of {total}{section}.")
    tell(question.prompt)
    spec = question.prompt_spec(bank)
    for number, option in enumerate(spec.options, 1):
        tell(f"  {number}. {option.title}")
    if spec.many:
        tell(f"Type {spec.how_to_type()}.")
    helps = ", ? for help" if question.help else ""
    while True:
        raw = read(f"Your answer (b to go back{helps}): ")
        if raw.lower() in ("b", "back"):
            return BACK
        if raw == "?":
            tell(question.help or "This question has no extra help.")
            continue
        if not raw:
            tell("Please answer, or type b to go back.")
            continue
        try:
            value = question.parse_typed(raw, bank)
        except AnswerError:
            tell(f"Not understood: please type {spec.how_to_type()}.")
            continue
        tell(f"Recorded: {answer_title(bank, question, value)}.")
        return value


def review(bank: Bank, response: Response, save: Save) -> Response:
    while True:
        questions = asked_order(bank, response)
        tell()
        tell("Your answers:")
        for section, number, question in by_section(questions):
            if section:
                tell(f"{section}:")
            said = answer_title(bank, question, response.answers.get(question.id))
            tell(f"  {number}. {shorten(question.prompt, 60)}: {said}")
        for caution in cautions(bank, response):
            tell(f"Caution: {caution_text(caution)}.")
        choice = _save_or_number(len(questions))
        if choice is None:
            return finish(bank, response, utc_now())
        question = questions[choice - 1]
        started = time.monotonic()
        answer = ask(bank, question, choice - 1, len(questions))
        if answer != BACK:
            response = record(bank, response, question, answer, time.monotonic() - started)
            save(response)


def _save_or_number(count: int) -> int | None:
    """``None`` to save, or the number of the answer to change; asks again until it is one."""
    while True:
        raw = read(f"Type s to save, or the number of an answer to change (1 to {count}): ")
        if raw.lower() in ("s", "save"):
            return None
        if raw.isdigit() and 1 <= int(raw) <= count:
            return int(raw)
        tell(f"Please type s, or a number from 1 to {count}.")


def confirm_continue() -> bool:
    raw = read("Answers from before are saved. Continue where you left off? (Y/n): ")
    return raw.lower() not in ("n", "no")


def ask_name() -> str:
    while True:
        name = read("Your name, as it should appear in the report: ")
        if name and line_problem(name) is None:
            return name
