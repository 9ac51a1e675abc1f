"""Words and symbols shared by every report format, so verdicts read the same everywhere."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ownerdiag.core import kinds
from ownerdiag.core.engine import Agreement, Certainty, Comparison, Headline, Item, LaneScore
from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.kinds.base import LANE_TABLE
from ownerdiag.core.kinds.owner import SHORT_LABEL_WIDTH, short_owner_label
from ownerdiag.core.models import Bank, Response
from ownerdiag.core.quality import Caution, wording
from ownerdiag.core.verdicts import Severity, Verdict

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
    Verdict.collision: "two or more claim it",
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
    question = item.question
    return question.short_text(value, bank) if short else question.label(value, bank)


def short_label(bank: Bank, owner: str, width: int = SHORT_LABEL_WIDTH) -> str:
    """A role or party for narrow table cells: the bank's short label, else the label or its
    initials."""
    return short_owner_label(bank, owner, width)


def expected_text(bank: Bank, item: Item) -> str:
    expected = item.question.expected
    return "—" if expected is None else value_text(bank, item, expected)


def person(bank: Bank, response: Response, short: bool = True) -> str:
    role = response.respondent.role
    label = short_label(bank, role) if short else bank.roles[role]
    return f"{response.respondent.name} ({label})"


def by_section(
    questions: Iterable[QuestionBase],
) -> Iterator[tuple[str | None, int, QuestionBase]]:
    """(section title where a new section starts, else None; number from 1; question)."""
    current: str | None = None
    for number, question in enumerate(questions, 1):
        starts = question.section if question.section and question.section != current else None
        current = question.section
        yield starts, number, question


def shorten(text: str, width: int) -> str:
    """``text`` on one line of at most ``width`` characters, cut at a word with "…"."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut + "…"


def answer_title(bank: Bank, question: QuestionBase, answer: Any) -> str:
    """An answer as the respondent picked it: the option's title (``2 — Rarely``) or its label."""
    return question.prompt_spec(bank).title(answer) or question.label(answer, bank)


def caution_text(caution: Caution) -> str:
    """One caution in words, with its figure."""
    return wording(caution)


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


def sections(comparison: Comparison) -> list[tuple[str, LaneScore | None, list[Item]]]:
    """The report's tables: each lane's items, then one table per kind group, in kind order.

    Every scored or tabled item lands in exactly one table; quoted kinds are quoted instead.
    """
    tabled = [i for i in comparison.items if not i.question.quoted]
    result: list[tuple[str, LaneScore | None, list[Item]]] = []
    for lane in comparison.lanes:
        in_lane = [
            i
            for i in tabled
            if i.question.lane == lane.lane and i.question.report_group == LANE_TABLE
        ]
        if in_lane:
            result.append((lane.title, lane, in_lane))
    groups = _group_order() + [i.question.report_group for i in tabled]
    for group in dict.fromkeys(g for g in groups if g != LANE_TABLE):
        items = [i for i in tabled if i.question.report_group == group]
        if items:
            result.append((group, None, items))
    return result


def _group_order() -> list[str]:
    return list(dict.fromkeys(cls.report_group for cls in kinds.KINDS.values()))


BAR_WIDTH = 20


def bar(score: int | None) -> str:
    """A text bar that reads without colour: █ for the score, ░ for the rest."""
    if score is None:
        return "·" * BAR_WIDTH
    filled = round(score * BAR_WIDTH / 100)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def agreement_text(stats: Agreement) -> str:
    bits = []
    if stats.owner_items:
        bits.append(
            f"same owner named on {stats.owner_percent}% of {stats.owner_items} owner questions"
        )
        if stats.owner_ac1 is not None:
            bits.append(f"Gwet's AC1 {stats.owner_ac1:.2f} (chance-corrected, -1 to 1)")
    if stats.cadence_items:
        bits.append(
            f"cadences: {stats.cadence_exact}% exact, "
            f"{stats.cadence_within_one_step}% within one step"
        )
    return "; ".join(bits)


def pairwise_rows(comparison: Comparison) -> list[list[str]]:
    """Who agrees with whom: one row per person, the share of scored questions answered alike."""
    shares = {frozenset(p.roles): p.percent for p in comparison.agreement.pairwise}
    rows = []
    for response in comparison.responses:
        row = [response.respondent.name]
        for other in comparison.responses:
            pair = frozenset((response.respondent.role, other.respondent.role))
            share = shares.get(pair) if len(pair) == 2 else None
            row.append("—" if share is None else f"{share}%")
        rows.append(row)
    return rows


def score_text(score: int | None, certainty: Certainty | None = None) -> str:
    """``41/100``; with what it rests on, ``41/100 (8 questions, range 25-58)``, or, on too
    few questions, says so."""
    if score is None:
        return "n/a"
    if certainty is None:
        return f"{score}/100"
    if not certainty.enough:
        return f"{score}/100 (only {certainty.items} questions: too few to rely on)"
    return f"{score}/100 ({certainty.items} questions, range {certainty.low}–{certainty.high})"
