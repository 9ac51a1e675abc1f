"""The interactive survey: one question at a time, going back, help, a review before saving."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary

from ownerdiag.core.models import UNCLEAR, Bank, Question
from ownerdiag.files.responses import finish, first_unanswered, utc_now, with_answer
from ownerdiag.interactive.prompts import BACK, HELP, say, with_back

SAVE = "\x00save"
KEYS = "↑↓ move · Enter choose · ? help · Ctrl-B back"
SHORT_KEYS = "? help · Ctrl-B back"
TEXT_KEYS = "Enter save · Ctrl-B back"

# Defaults never hint at the framework's answer: the honest "not sure" answer of each kind.
NEUTRAL_DEFAULTS: dict[str, Any] = {
    "owner": UNCLEAR,
    "cadence": "ad_hoc",
    "yes_no": "no",
    "scale": 3,
}

Save = Callable[[Any], None]


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


def run(bank: Bank, response: Any, save: Save) -> Any:
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


def ask(bank: Bank, question: Question, index: int, previous: Any = None) -> Any:
    """One question, with its header; '?' shows the help and asks again."""
    lane = bank.lanes[question.lane].title
    say("", (f"[{index + 1}/{len(bank.questions)}] {lane}", "bold fg:ansicyan"))
    while True:
        answer = _prompt(bank, question, previous).unsafe_ask()
        if answer != HELP:
            return answer
        # never the bank's `why`: it gives the framework's answer away
        say((question.help or "No extra help: answer for how it works today.", "italic"))


def review(bank: Bank, response: Any, save: Save) -> Any:
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


def _change_one(bank: Bank, response: Any, save: Save) -> Any:
    choices = [
        questionary.Choice(f"{n}. {q.prompt[:70]}", q.id) for n, q in enumerate(bank.questions, 1)
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


def _prompt(bank: Bank, question: Question, previous: Any) -> questionary.Question:
    if question.kind == "text":
        return with_back(
            questionary.text(
                question.prompt,
                default=str(previous or ""),
                instruction=f"({question.help + ' · ' if question.help else ''}{TEXT_KEYS})",
                validate=lambda text: bool(text.strip()) or "Please write a short answer.",
            ),
            help_key=False,
        )
    default = previous if previous is not None else NEUTRAL_DEFAULTS.get(question.kind)
    choices = [questionary.Choice(title, value) for value, title in _choice_titles(bank, question)]
    return with_back(
        questionary.select(
            question.prompt,
            choices=choices,
            default=next((c for c in choices if c.value == default), None),
            instruction=f"({SHORT_KEYS})",
        )
    )


def _choice_titles(bank: Bank, question: Question) -> list[tuple[Any, str]]:
    if question.kind == "scale":
        ends = {1: question.low_label, 5: question.high_label}
        return [(n, f"{n} — {ends[n]}" if ends.get(n) else str(n)) for n in range(1, 6)]
    return [(c.id, c.label) for c in question.choices(bank) or []]


def ask_name() -> str:
    name = questionary.text(
        "Your name (as it should appear in the report):",
        validate=lambda text: bool(text.strip()) or "Please give a name.",
    ).unsafe_ask()
    return name.strip()
