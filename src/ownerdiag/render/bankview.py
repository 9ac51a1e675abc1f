"""Banks as JSON-ready data and as terminal tables."""

from __future__ import annotations

from typing import Any

from ownerdiag.core.models import Bank, Question
from ownerdiag.files.banks import BankFile
from ownerdiag.render.console import literal, make_console


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


def question_json(question: Question, bank: Bank) -> dict[str, Any]:
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


def print_bank_list(entries: list[BankFile]) -> None:
    from rich.table import Table

    table = Table("id", "title", "version", "questions", "from", box=None, pad_edge=False)
    for entry in entries:
        bank = entry.bank
        where = "built-in" if entry.builtin else str(entry.path)
        table.add_row(bank.id, literal(bank.title), bank.version, str(len(bank.questions)), where)
    make_console().print(table)


def print_bank(bank: Bank) -> None:
    from rich.table import Table
    from rich.text import Text

    console = make_console()
    console.print(Text(f"{literal(bank.title)}  ({bank.id} {bank.version})", style="bold"))
    if bank.description:
        console.print(literal(bank.description))
    roles = ", ".join(f"{k} = {literal(v)}" for k, v in bank.roles.items())
    console.print(Text.assemble(("Roles: ", "bold"), roles))
    if bank.parties:
        parties = ", ".join(f"{k} = {literal(v)}" for k, v in bank.parties.items())
        console.print(Text.assemble(("Other owners: ", "bold"), parties))
    for lane_id, lane in bank.lanes.items():
        questions = [q for q in bank.questions if q.lane == lane_id]
        table = Table(
            "id",
            "kind",
            "question",
            "framework",
            title=literal(lane.title),
            title_justify="left",
            title_style="bold",
            expand=False,
        )
        for q in questions:
            expected = q.label(q.expected, bank) if q.expected is not None else "—"
            table.add_row(q.id, q.kind, literal(q.prompt), literal(expected))
        console.print(table)
