"""The trend view, which the terminal, Markdown and HTML outputs all draw from: the trend's plain
data (as JSON has it) plus the words, symbols and bars people read."""

from __future__ import annotations

from typing import Any

from ownerdiag.core.trend import Trend
from ownerdiag.render.labels import bar, score_text, verdict_word
from ownerdiag.render.report_json import trend_json

STATUS_WORDS = {
    "closed": "✓ closed",
    "opened": "✖ opened",
    "persisted": "● persisted",
    "steady": "· steady",
}
TRANSITION_WORDS = {
    "opened": "✖ opened",
    "worse": "▼ worse",
    "hardened": "◆ hardened",
    "same": "● same",
    "softened": "◇ softened",
    "better": "▲ better",
    "closed": "✓ closed",
    "steady": "· steady",
}


def trend_view(trend: Trend, title: str = "") -> dict[str, Any]:
    view = trend_json(trend)
    view["title"] = title or view["bank"]["title"]
    for scores in (view["overall"], *view["lanes"]):
        scores.update(_score_words(scores))
    bank = trend.rounds[-1].comparison.bank
    for item, followed in zip(view["items"], trend.items, strict=True):
        item["verdict_words"] = [verdict_word(v) for v in followed.verdicts]
        item["status_word"] = STATUS_WORDS[item["status"]]
        item["transition_word"] = TRANSITION_WORDS[item["transition"]]
        question = bank.question(followed.question_id)
        item["changed_text"] = "; ".join(
            f"{c.name}: {_said(question, bank, c.before)} → {_said(question, bank, c.after)}"
            for c in followed.changed
        )
    view["moved"] = [i for i in view["items"] if i["transition"] != "steady"]
    for entry, decision in zip(view["decisions_followed"], trend.followed, strict=True):
        entry.update(_followed_words(decision, trend))
    view["transition_counts"] = [
        {"word": TRANSITION_WORDS[name], "n": n, "name": name}
        for name, n in view["transitions"].items()
        if name != "steady"
    ]
    view["first_label"], view["last_label"] = (
        view["rounds"][0]["label"],
        view["rounds"][-1]["label"],
    )
    return view


ADOPTION_WORDS = {
    "adopted": "✓ adopted",
    "partly": "◐ partly",
    "not adopted": "✖ not adopted",
    "not asked": "· not asked",
}


def _followed_words(followed: Any, trend: Trend) -> dict[str, str]:
    """ "✖ not adopted: both still say VP of Sales" — the decision and what the next round said."""
    bank = trend.rounds[-1].comparison.bank
    question = bank.question(followed.question_id)
    decided = _said(question, bank, followed.decision)
    later = next(r.comparison for r in trend.rounds if r.label == followed.checked_in)
    names = {r.respondent.role: r.respondent.name for r in later.responses}
    said = {role: _said(question, bank, a) for role, a in followed.answers.items()}
    everyone, verb = ("both", "say") if len(said) == 2 else ("everyone", "says")
    if followed.outcome == "not asked":
        now = f"not asked in {followed.checked_in}"
    elif len(set(said.values())) == 1:
        when = "now" if followed.outcome == "adopted" else "still"
        now = f"{everyone} {when} {verb} {next(iter(said.values()))}"
    else:
        now = "now " + ", ".join(f"{names.get(r, r)}: {text}" for r, text in said.items())
    return {
        "outcome_word": ADOPTION_WORDS[followed.outcome],
        "decision_text": decided,
        "now_text": now,
    }


def _said(question: Any, bank: Any, answer: Any) -> str:
    if question is None:
        return str(answer)
    return question.short_text(answer, bank)


def _score_words(scores: dict[str, Any]) -> dict[str, Any]:
    moved = scores["change"]
    return {
        "score_texts": [score_text(s) for s in scores["scores"]],
        "bar": bar(scores["scores"][-1]),
        "change_text": "n/a" if moved is None else f"{moved:+d}",
    }
