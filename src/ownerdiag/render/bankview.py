"""Banks as JSON-ready data and as terminal tables (the documents ``banks`` and ``bank``)."""

from __future__ import annotations

from typing import Any

from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.models import Bank
from ownerdiag.core.text import literal
from ownerdiag.files.banks import BankFile


def bank_summary(entry: BankFile) -> dict[str, Any]:
    bank = entry.bank
    return {
        "id": bank.id,
        "title": bank.title,
        "version": bank.version,
        "questions": len(bank.questions),
        "builtin": entry.builtin,
        "path": str(entry.path),
    }


def question_json(question: QuestionBase, bank: Bank) -> dict[str, Any]:
    data = question.model_dump(mode="json")
    data.setdefault("expected", None)
    choices = question.choices(bank)
    if choices is not None:
        data["choices"] = [choice.model_dump() for choice in choices]
    return data


def bank_json(bank: Bank) -> dict[str, Any]:
    data = bank.model_dump(mode="json")
    data["hash"] = bank.content_hash()
    data["questions"] = [question_json(q, bank) for q in bank.questions]
    return data


def bank_list_table(entries: list[BankFile]) -> Any:
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("title")
    table.add_column("roles (--role)")
    table.add_column("questions", justify="right", no_wrap=True)
    table.add_column("from")
    for entry in entries:
        bank = entry.bank
        where = "built-in" if entry.builtin else str(entry.path)
        roles = ", ".join(bank.roles)
        table.add_row(bank.id, literal(bank.title), roles, str(len(bank.questions)), literal(where))
    return table


def bank_tables(bank: Bank) -> Any:
    """The bank for reading, with every question id whole (answer files need them)."""
    from rich.console import Group
    from rich.text import Text

    from ownerdiag.render.console import titled_table

    parts: list[Any] = [Text(f"{literal(bank.title)}  ({bank.id} {bank.version})", style="bold")]
    if bank.description:
        parts.append(Text(literal(bank.description)))
    roles = ", ".join(f"{k} = {literal(v)}" for k, v in bank.roles.items())
    parts.append(Text.assemble(("Roles: ", "bold"), roles))
    if bank.parties:
        parties = ", ".join(f"{k} = {literal(v)}" for k, v in bank.parties.items())
        parts.append(Text.assemble(("Other owners: ", "bold"), parties))
    for lane_id, lane in bank.lanes.items():
        questions = [q for q in bank.questions if q.lane == lane_id]
        table = titled_table(literal(lane.title))
        table.add_column(
            "id", no_wrap=True, min_width=max((len(q.id) for q in questions), default=2)
        )
        table.add_column("kind", no_wrap=True)
        table.add_column("question")
        table.add_column("framework")
        for q in questions:
            expected = "—" if q.expected is None else q.short_text(q.expected, bank)
            table.add_row(q.id, q.kind, literal(q.prompt), literal(expected))
        parts.append(table)
    return Group(*parts)
