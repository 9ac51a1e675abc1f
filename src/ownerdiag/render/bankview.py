"""Banks as JSON-ready data and as terminal tables."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.models import Bank
from ownerdiag.core.text import literal
from ownerdiag.errors import InputError, Problem
from ownerdiag.files.banks import BankFile, discover, read_bank
from ownerdiag.render.console import make_console


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


def _print_json(data: Any) -> None:
    from ownerdiag.render.json_format import dumps

    print(dumps(data), end="")


def list_banks(bank_dirs: list[Path], *, as_json: bool) -> None:
    """Every bank found, as a table or JSON; banks that do not load are named on stderr."""
    import sys

    found, problems = discover(bank_dirs)
    for problem in problems:
        print(f"{problem} (skipped)", file=sys.stderr)
    if as_json:
        _print_json([bank_summary(entry) for entry in found])
    else:
        print_bank_list(found)


def show_bank(bank: Bank, format: str) -> None:
    if format == "json":
        _print_json(bank_json(bank))
    elif format == "yaml":
        from ownerdiag.files.yamlio import dump_yaml

        print(dump_yaml(bank_json(bank)), end="")
    else:
        print_bank(bank)


def validate_banks(paths: list[Path]) -> None:
    """One line per bank file: ok, or each problem; raises if any file has problems."""
    problems = []
    for path in paths:
        try:
            bank, doc = read_bank(path)
        except InputError as exc:
            problems.extend(exc.problems)
        else:
            unsourced = [
                Problem(message, str(path), *doc.locate(where))
                for where, message in bank.unsourced()
            ]
            if unsourced:
                problems.extend(unsourced)
                continue
            count = len(bank.questions)
            print(literal(f"{path}: ok — {bank.id} {bank.version}, {count} questions"))
            for where, message in bank.warnings():
                warning = Problem(f"warning: {message}", str(path), *doc.locate(where))
                print(literal(str(warning)), file=sys.stderr)
    if problems:
        raise InputError(problems)


def print_schema(file_kind: str) -> None:
    from ownerdiag.core.models import Bank, Decisions, Response

    models: dict[str, Any] = {"bank": Bank, "response": Response, "decisions": Decisions}
    _print_json(models[file_kind].model_json_schema())
