"""The paper form: a commented answers template a leader fills in with any text editor.

Whatever a leader types where the form asks for an answer stays valid YAML and reads back as
typed: a question with fixed answers is a ``key:`` line completed with one word (or the
answer's name), a written answer a literal block (``key: |2-``) whose indented lines are taken
exactly as they stand — colons, ``#``, quotes and several lines included. The form never names
the framework's lanes: questions are grouped under their neutral ``section``, if any.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.models import Bank
from ownerdiag.core.text import one_line
from ownerdiag.render.labels import by_section

TEXT_INDENT = "  "
"""How far each line of a written answer stands in; the block header states it (``|2-``), so a
first line that starts with spaces does not change where the answer begins."""


@dataclass(frozen=True)
class FormRequest:
    """The ``form`` document: a bank as one person (or any role) will answer it."""

    bank: Bank
    role: str | None = None
    name: str = ""
    form_id: str = ""


def answer_form(bank: Bank, role: str | None = None) -> str:
    who = f"{role} ({bank.roles[role]})" if role else "ROLE"
    lines = [
        *_comment(f"ownerdiag answer form: {bank.title} ({bank.id} {bank.version})"),
        f"# Answering as: {who}.",
        "# Short answers: after the colon, write one of the answers listed above the question",
        "# (its word or its name, in any case).",
        "# Written answers: write on the line under the one ending in |2-, starting with two",
        "# spaces; each further line of the answer starts with two spaces too. Anything can go",
        "# there: colons, #, quotes, several lines.",
        "# Save the file, then run:",
        f'#   ownerdiag survey --bank {bank.id} --role {role or "ROLE"} --name "Your Name" '
        "--answers THIS_FILE",
        "# Answer for how things work today, not how they should.",
    ]
    for section, number, question in by_section(bank.questions):
        if section:
            lines += ["", *_comment(f"── {section} " + "─" * 40)]
        lines += ["", *_comment(f"[{number}/{len(bank.questions)}] {question.prompt}")]
        if question.help:
            lines += _comment(question.help)
        lines += _comment(question.form_hint(bank))
        lines += answer_placeholder(question, bank)
    return "\n".join(lines) + "\n"


def answer_placeholder(question: QuestionBase, bank: Bank) -> list[str]:
    """The lines a leader completes: ``key:`` for a short answer, a literal block to write in
    for a written one."""
    if question.prompt_spec(bank).widget == "text":
        return [f"{question.id}: |{len(TEXT_INDENT)}-", TEXT_INDENT]
    return [f"{question.id}:"]


def _comment(text: str) -> list[str]:
    # a comment ends at a line break: bank text is folded onto one line and its hidden
    # characters escaped before wrapping
    return ["# " + line for line in textwrap.wrap(one_line(text), 96)] or ["#"]
