"""The interactive survey: one question at a time, going back, help, a review before saving."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary

from ownerdiag.core.answers import finish, first_unanswered, with_answer
from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.models import Bank, Response
from ownerdiag.core.text import literal
from ownerdiag.interactive.lifecycle import utc_now
from ownerdiag.interactive.prompts import BACK, HELP, say, with_back

SAVE = "\x00save"
KEYS = "↑↓ move · Enter choose · ? help · Ctrl-B back"
SHORT_KEYS = "? help · Ctrl-B back"
TEXT_KEYS = "Enter save · Ctrl-B back"

Save = Callable[[Response], None]


def opening_screen(bank: Bank, role: str, name: str, answered: int) -> None:
    minutes = max(3, round(len(bank.questions) * 12 / 60))
    say(("\n" + bank.title, "bold"))
    say(
        f"Answering as {name}, {bank.roles[role]}: {len(bank.questions)} questions, "
        f"about {minutes} minutes."
    )
    say(
        "Answer for how things work today, not how they should. Your answers stay on this "
        "machine, and the other leaders will not see them before the comparison."
    )
    if answered:
        say((f"Resuming: {answered} answers already saved.", "italic"))
    say(("Keys: " + KEYS, "fg:ansibrightblack"))


def run(bank: Bank, response: Response, save: Save) -> Response:
    """Ask every unanswered question, then the review screen; returns the finished response."""
    index = first_unanswered(bank, response)
    while index < len(bank.questions):
        question = bank.questions[index]
        answer = ask(bank, question, index, response.answers.get(question.id))
        if answer == BACK:
            index = max(0, index - 1)
            continue
        response = with_answer(response, question.id, answer)
        save(response)
        index += 1
    return review(bank, response, save)


def ask(bank: Bank, question: QuestionBase, index: int, previous: Any = None) -> Any:
    """One question, with its header; '?' shows the help and asks again."""
    lane = bank.lanes[question.lane].title
    say("", (f"[{index + 1}/{len(bank.questions)}] {lane}", "bold fg:ansicyan"))
    while True:
        answer = _prompt(bank, question, previous).unsafe_ask()
        if answer != HELP:
            return answer
        # never the bank's `why`: it gives the framework's answer away
        say((question.help or "No extra help: answer for how it works today.", "italic"))


def review(bank: Bank, response: Response, save: Save) -> Response:
    """Every answer on one screen; change any of them, then save (the default)."""
    while True:
        say("", ("Review your answers", "bold"))
        for number, question in enumerate(bank.questions, 1):
            answer = question.label(response.answers.get(question.id), bank)
            say(
                (f"{number:>3}. ", "fg:ansibrightblack"),
                f"{question.prompt}  ",
                (f"→ {answer}", "bold"),
            )
        action = questionary.select(
            "Save these answers?",
            choices=[
                questionary.Choice("Save and finish", SAVE),
                questionary.Choice("Change an answer", "change"),
            ],
            default=SAVE,
        ).unsafe_ask()
        if action == SAVE:
            return finish(bank, response, utc_now())
        response = _change_one(bank, response, save)


def _change_one(bank: Bank, response: Response, save: Save) -> Response:
    choices = [
        questionary.Choice(literal(f"{n}. {q.prompt[:70]}"), q.id)
        for n, q in enumerate(bank.questions, 1)
    ]
    question_id = with_back(questionary.select("Which answer?", choices=choices)).unsafe_ask()
    if question_id == BACK:
        return response
    index = next(i for i, q in enumerate(bank.questions) if q.id == question_id)
    question = bank.questions[index]
    answer = ask(bank, question, index, response.answers.get(question.id))
    if answer == BACK:
        return response
    response = with_answer(response, question.id, answer)
    save(response)
    return response


def _prompt(bank: Bank, question: QuestionBase, previous: Any) -> questionary.Question:
    options = question.prompt_options(bank)
    if options is None:
        return with_back(
            questionary.text(
                literal(question.prompt),
                default=str(previous or ""),
                instruction=literal(
                    f"({question.help + ' · ' if question.help else ''}{TEXT_KEYS})"
                ),
                validate=lambda text: bool(text.strip()) or "Please write a short answer.",
            ),
            help_key=False,
        )
    # never the framework's answer: the kind's honest "not sure" one
    default = previous if previous is not None else question.neutral_answer(bank)
    choices = [questionary.Choice(literal(title), value) for value, title in options]
    return with_back(
        questionary.select(
            literal(question.prompt),
            choices=choices,
            default=next((c for c in choices if c.value == default), None),
            instruction=f"({SHORT_KEYS})",
        )
    )


def ask_name() -> str:
    name = questionary.text(
        "Your name (as it should appear in the report):",
        validate=lambda text: bool(text.strip()) or "Please give a name.",
    ).unsafe_ask()
    return name.strip()
