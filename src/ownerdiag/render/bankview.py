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
    _print(table)


def print_bank(bank: Bank) -> None:
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
    _print(Group(*parts))


def _print(renderable: Any) -> None:
    from ownerdiag.render.console import captured, page

    console = make_console()
    page(captured(console, lambda c: c.print(renderable)), console, pager=False)


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
    from ownerdiag.core.engagement import Engagement
    from ownerdiag.core.models import Bank, Decisions, Response

    models: dict[str, Any] = {
        "bank": Bank,
        "response": Response,
        "decisions": Decisions,
        "engagement": Engagement,
    }
    _print_json(models[file_kind].model_json_schema())
