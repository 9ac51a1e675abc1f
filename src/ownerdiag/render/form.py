"""The paper form: a commented answers template a leader fills in with any text editor."""

from __future__ import annotations

import textwrap

from ownerdiag.core.models import Bank
from ownerdiag.core.text import one_line


def answer_form(bank: Bank, role: str | None = None) -> str:
    who = f"{role} ({bank.roles[role]})" if role else "ROLE"
    lines = [
        *_comment(f"ownerdiag answer form: {bank.title} ({bank.id} {bank.version})"),
        f"# Answering as: {who}. Fill in an answer after each colon, save, then run:",
        f'#   ownerdiag survey --bank {bank.id} --role {role or "ROLE"} --name "Your Name" '
        "--answers THIS_FILE",
        "# Answer for how things work today, not how they should.",
    ]
    lane = None
    for number, question in enumerate(bank.questions, 1):
        if question.lane != lane:
            lane = question.lane
            lines += ["", f"# ── {bank.lanes[lane].title} " + "─" * 40]
        lines += ["", *_comment(f"[{number}/{len(bank.questions)}] {question.prompt}")]
        if question.help:
            lines += _comment(question.help)
        lines += _comment(question.form_hint(bank))
        lines.append(f"{question.id}:")
    return "\n".join(lines) + "\n"


def _comment(text: str) -> list[str]:
    # a comment ends at a line break: bank text is folded onto one line and its hidden
    # characters escaped before wrapping
    return ["# " + line for line in textwrap.wrap(one_line(text), 96)] or ["#"]
