"""``banks`` and ``bank show|validate|schema``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ownerdiag.app.outcome import Document, Outcome
from ownerdiag.errors import InputError, Problem

SCHEMAS = ("bank", "response", "decisions", "engagement")


def _table_is_terminal(format: str) -> str:
    return "terminal" if format == "table" else format


def versions() -> list[str]:
    """One line per built-in bank and its version, for ``--version``."""
    from ownerdiag.files.banks import builtin_versions

    return builtin_versions()


def list_banks(bank_dirs: Sequence[Path], format: str) -> Outcome:
    """Every bank found; banks that do not load are named on stderr."""
    from ownerdiag.files.banks import discover

    found, problems = discover(bank_dirs)
    return Outcome(
        Document("banks", found, _table_is_terminal(format), pager=False),
        notes=[f"{problem} (skipped)" for problem in problems],
    )


def show_bank(ref: str, bank_dirs: Sequence[Path], format: str) -> Outcome:
    from ownerdiag.files.banks import resolve

    bank = resolve(ref, bank_dirs).bank
    return Outcome(Document("bank", bank, _table_is_terminal(format), pager=False))


def validate_banks(paths: Sequence[Path]) -> Outcome:
    """One line per bank file: ok, or each problem; warnings on stderr."""
    from ownerdiag.files.banks import read_bank

    outcome = Outcome()
    for path in paths:
        try:
            bank, doc = read_bank(path)
        except InputError as exc:
            outcome.problems.extend(exc.problems)
            continue
        unsourced = [Problem(m, str(path), *doc.locate(where)) for where, m in bank.unsourced()]
        if unsourced:
            outcome.problems.extend(unsourced)
            continue
        count = len(bank.questions)
        outcome.lines.append(f"{path}: ok — {bank.id} {bank.version}, {count} questions")
        outcome.notes += [
            str(Problem(f"warning: {message}", str(path), *doc.locate(where)))
            for where, message in bank.warnings()
        ]
    return outcome


def schema(file_kind: str) -> Outcome:
    return Outcome(Document("schema", _model(file_kind), "json"))


def _model(file_kind: str) -> Any:
    from ownerdiag.core.engagement import Engagement
    from ownerdiag.core.models import Bank, Decisions, Response

    models = {"bank": Bank, "response": Response, "decisions": Decisions, "engagement": Engagement}
    return models[file_kind]
