"""Words and symbols shared by every report format, so verdicts read the same everywhere."""

from __future__ import annotations

from typing import Any

from ownerdiag.engine import Comparison, Headline, Item, Severity, Verdict
from ownerdiag.models import Bank, Response

SYMBOL = {
    Verdict.vacuum: "∅",
    Verdict.collision: "✖",
    Verdict.deflection: "⇄",
    Verdict.split: "◐",
    Verdict.mismatch: "≠",
    Verdict.drift: "~",
    Verdict.aligned: "✓",
    Verdict.unscored: "·",
}

MEANING = {
    Verdict.vacuum: "someone could not name an owner",
    Verdict.collision: "both claim it",
    Verdict.deflection: "each points at the other",
    Verdict.split: "shared, with no split",
    Verdict.mismatch: "answers differ",
    Verdict.drift: "agreed, but off the framework",
    Verdict.aligned: "agreed with the framework",
    Verdict.unscored: "not judged",
}

SCORED_ORDER = [
    Verdict.collision,
    Verdict.deflection,
    Verdict.vacuum,
    Verdict.split,
    Verdict.mismatch,
    Verdict.drift,
    Verdict.aligned,
]


def verdict_word(verdict: Verdict) -> str:
    return f"{SYMBOL[verdict]} {verdict.value}"


def severity_word(severity: Severity) -> str:
    return severity.value.upper() if severity is not Severity.none else ""


def answer_text(bank: Bank, item: Item, role: str, short: bool = True) -> str:
    if role not in item.answers:
        return "—"
    return value_text(bank, item, item.answers[role], short)


def value_text(bank: Bank, item: Item, value: Any, short: bool = True) -> str:
    if item.question.kind == "owner" and short:
        return bank.short_label(value)
    return item.question.label(value, bank)


def expected_text(bank: Bank, item: Item) -> str:
    expected = item.question.expected
    return "—" if expected is None else value_text(bank, item, expected)


def person(bank: Bank, response: Response, short: bool = True) -> str:
    role = response.respondent.role
    label = bank.short_label(role) if short else bank.roles[role]
    return f"{response.respondent.name} ({label})"


def headline_sentence(top: Headline) -> str:
    return {
        "differ": "The answers differ: that is the diagnosis.",
        "twice": "Nobody could name an owner: that is the diagnosis, twice.",
        "agree": "You agree, and it matches the framework.",
        "agree_off_framework": "You agree, but not with the framework.",
    }[top.diagnosis]


def positions(comparison: Comparison, item: Item) -> str:
    """'Dana Reyes: CRO · Sam Ortiz: VP Sales' for one item."""
    bank = comparison.bank
    return " · ".join(
        f"{r.respondent.name}: {answer_text(bank, item, r.respondent.role)}"
        for r in comparison.responses
    )


def score_text(score: int | None) -> str:
    return "n/a" if score is None else f"{score}/100"
