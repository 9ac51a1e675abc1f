"""The interactive survey: one question at a time, going back, help, a review before saving."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.application import get_app_session

from ownerdiag.core.answers import asked_order, finish, record
from ownerdiag.core.fields import AnswerError
from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.models import Bank, Response
from ownerdiag.core.quality import cautions
from ownerdiag.core.text import literal
from ownerdiag.interactive import widgets
from ownerdiag.interactive.lifecycle import answer_all, utc_now
from ownerdiag.interactive.prompts import (
    BACK,
    HELP,
    SAVE,
    fresh_screen,
    review_choice,
    say,
    screenfuls,
    with_back,
    wrapped,
)
from ownerdiag.render.labels import answer_title, by_section, caution_text, shorten

KEYS = "↑↓ or 1-9 choose · Enter confirm · ← or Ctrl-B back · ? help where offered"
REVIEW_WIDTH = 80
"""The widest review line: one line per answer, on terminals up to this wide and narrower."""

Save = Callable[[Response], None]


def opening_screen(bank: Bank, role: str, name: str, answered: int) -> None:
    minutes = max(3, round(len(bank.questions) * 12 / 60))
    say(("\n" + wrapped(bank.title), "bold"))
    say(
        wrapped(
            f"Answering as {name}, {bank.roles[role]}: {len(bank.questions)} questions, "
            f"about {minutes} minutes."
        )
    )
    say(
        wrapped(
            "Answer for how things work today, not how they should. Your answers stay on this "
            "machine, and the other leaders will not see them before the comparison."
        )
    )
    if answered:
        say((f"Resuming: {answered} answers already saved.", "italic"))
    say((wrapped("Keys: " + KEYS), "fg:ansibrightblack"))


def run(bank: Bank, response: Response, save: Save) -> Response:
    """Ask every unanswered question, then the review screen; returns the finished response."""
    asked: list[str] = []

    def ask_next(question: QuestionBase, index: int, total: int, previous: Any) -> Any:
        # the opening screen (and how many answers are saved) stays up for the first question
        asked.append(question.id)
        return ask(bank, question, index, total, previous, clear=len(asked) > 1)

    response = answer_all(bank, response, save, ask_next)
    return review(bank, response, save)


def ask(
    bank: Bank,
    question: QuestionBase,
    index: int,
    total: int,
    previous: Any = None,
    *,
    clear: bool = True,
) -> Any:
    """One question under its progress line and section; '?' shows its help, if it has any."""
    section = f" · {question.section}" if question.section else ""
    if clear:
        fresh_screen()
    say((f"[{index + 1}/{total}]{section}", "bold fg:ansicyan"))
    say("", (wrapped(question.prompt), "bold"))
    spec = question.prompt_spec(bank)
    if question.help and spec.widget == "text":
        say((wrapped(question.help), "italic"))
    while True:
        answer = widgets.ask(
            spec, previous, help_key=bool(question.help), check=_check(bank, question)
        )
        if answer != HELP:
            return answer
        # never the bank's `why`: it gives the framework's answer away
        say((wrapped(question.help), "italic"))


def review(bank: Bank, response: Response, save: Save) -> Response:
    """Every answer, grouped by section, a screenful at a time; change any of them, then save."""
    page = 0
    while True:
        pages = review_pages(bank, response)
        page = min(page, len(pages) - 1)
        fresh_screen()
        counted = f" (page {page + 1} of {len(pages)})" if len(pages) > 1 else ""
        say(("Review your answers" + counted, "bold"))
        for line in pages[page]:
            say(*line)
        doubts = cautions(bank, response)
        for caution in doubts:
            say((wrapped(f"⚠ Caution: {caution_text(caution)}."), "bold fg:ansiyellow"))
        if doubts:
            say(
                wrapped("The report will point this out; change any answer that is not deliberate.")
            )
        action = review_choice("Save these answers?", "Change an answer", page, len(pages))
        if action == SAVE:
            return finish(bank, response, utc_now())
        if action in ("next", "previous"):
            page += 1 if action == "next" else -1
            continue
        response = _change_one(bank, response, save)


def review_pages(bank: Bank, response: Response) -> list[list[list[Any]]]:
    """The review's lines (section titles and one line per answer), in screenfuls that leave
    room for the cautions and the save prompt."""
    lines: list[list[Any]] = []
    for section, number, question in by_section(asked_order(bank, response)):
        if section:
            lines.append([(section, "bold")])
        lines.append(review_line(bank, question, number, response.answers.get(question.id)))
    return screenfuls(lines, reserved=9)


def review_line(bank: Bank, question: QuestionBase, number: int, answer: Any) -> list[Any]:
    """``  7. Who writes the sequences? …  → VP of Sales`` with can't-say answers marked."""
    said = answer_title(bank, question, answer)
    width = min(REVIEW_WIDTH, get_app_session().output.get_size().columns) - 1
    said = shorten(said, max(12, width // 3))
    room = max(10, width - len(said) - 9)
    prompt = shorten(question.prompt, room)
    unsure = question.is_unsure(answer)
    style = "bold fg:ansiyellow" if unsure else "bold"
    return [(f"{number:>3}. ", "fg:ansibrightblack"), f"{prompt}  ", (f"→ {said}", style)]


def _pick_line(bank: Bank, question: QuestionBase, number: int, answer: Any) -> str:
    """One line of the change-an-answer list, as narrow as a review line."""
    width = min(REVIEW_WIDTH, get_app_session().output.get_size().columns) - 6
    said = shorten(answer_title(bank, question, answer), max(12, width // 3))
    return f"{number}. {shorten(question.prompt, max(10, width - len(said) - 8))} → {said}"


def _change_one(bank: Bank, response: Response, save: Save) -> Response:
    questions = asked_order(bank, response)
    answers = response.answers
    choices = [
        questionary.Choice(
            literal(_pick_line(bank, q, n, answers.get(q.id))),
            q.id,
        )
        for n, q in enumerate(questions, 1)
    ]
    choices.append(questionary.Choice("← Back to the review", BACK))
    picker = questionary.select(
        "Which answer?", choices=choices, instruction=f"({widgets.CHOICE_KEYS})"
    )
    question_id = with_back(picker, help_key=False, arrow_back=True).unsafe_ask()
    if question_id == BACK:
        return response
    index = next(i for i, q in enumerate(questions) if q.id == question_id)
    question = questions[index]
    started = time.monotonic()
    answer = ask(bank, question, index, len(questions), response.answers.get(question.id))
    if answer == BACK:
        return response
    response = record(bank, response, question, answer, time.monotonic() - started)
    save(response)
    return response


def _check(bank: Bank, question: QuestionBase) -> widgets.Check:
    def check(text: str) -> bool | str:
        try:
            question.parse_typed(text, bank)
        except AnswerError as problem:
            return str(problem) if text.strip() else "Please write a short answer."
        return True

    return check


def _name_ok(text: str) -> bool:
    from ownerdiag.core.fields import line_problem

    return line_problem(text) is None


def ask_name() -> str:
    name = questionary.text(
        "Your name (as it should appear in the report):",
        validate=lambda text: _name_ok(text) or "Please type your name on one line.",
    ).unsafe_ask()
    return name.strip()
