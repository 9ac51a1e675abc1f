"""The interactive survey: questionary prompts, going back, help on demand, a review before saving.

Everything here draws through prompt_toolkit's current app session, so the command can point it
at the terminal (never stdout) and tests can point it at a pipe.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

from ownerdiag.models import CADENCES, UNCLEAR, Bank, Question
from ownerdiag.responses import finish, first_unanswered, utc_now, with_answer

BACK = "\x00back"
HELP = "\x00help"
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


def say(*parts: tuple[str, str] | str) -> None:
    """Print styled text through the current app session (the terminal, or a test's output)."""
    fragments = [(p, "") if isinstance(p, str) else (p[0], p[1]) for p in parts]
    print_formatted_text(FormattedText([(style, text) for text, style in fragments]))


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
    if question.kind == "cadence":
        return list(CADENCES.items())
    return [(c.id, c.label) for c in question.choices(bank) or []]


def with_back(prompt: questionary.Question, help_key: bool = True) -> questionary.Question:
    """Add Ctrl-B (back) and, for choice prompts, '?' (help) to a questionary prompt."""
    keys = KeyBindings()

    @keys.add("c-b", eager=True)
    def _back(event: Any) -> None:
        event.app.exit(result=BACK)

    if help_key:

        @keys.add("?", eager=True)
        def _help(event: Any) -> None:
            event.app.exit(result=HELP)

    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys
    return prompt


def ask_name() -> str:
    name = questionary.text(
        "Your name (as it should appear in the report):",
        validate=lambda text: bool(text.strip()) or "Please give a name.",
    ).unsafe_ask()
    return name.strip()
