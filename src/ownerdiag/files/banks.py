"""Finding and loading question banks: the built-in ones, folders of user banks, or a path."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ownerdiag.core.models import Bank
from ownerdiag.errors import Fix, InputError, Problem
from ownerdiag.files.schema import validate
from ownerdiag.files.storage import folder_entries
from ownerdiag.files.yamlio import Document, read_yaml

BANK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class BankFile:
    bank: Bank
    path: Path
    builtin: bool


def builtin_dir() -> Path:
    """Banks shipped in the wheel; in a source checkout, the repository's ``questions/``."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "questions"
    return packaged if packaged.is_dir() else package.parents[1] / "questions"


_LOADED: dict[tuple[str, int, int], Bank] = {}
"""Banks already read in this process, by file and its size and change time: a desk of many
rounds reads each bank file once."""


def load_bank(path: Path) -> Bank:
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    except OSError:
        return read_bank(path)[0]
    if key not in _LOADED:
        _LOADED[key] = read_bank(path)[0]
    return _LOADED[key]


def read_bank(path: Path) -> tuple[Bank, Document]:
    """A bank and the document it was read from (to place warnings at their line)."""
    doc = read_yaml(path)
    return validate(Bank, doc, "question bank"), doc


def bank_paths(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError.single("bank folder not found", str(folder), fix=Fix.CHECK_BANK_DIR)
    return [
        folder / entry.name
        for entry in folder_entries(folder)
        if Path(entry.name).suffix in BANK_SUFFIXES and entry.is_file()
    ]


def discover(bank_dirs: Iterable[Path] = ()) -> tuple[list[BankFile], list[Problem]]:
    """Every bank that loads, user folders first, plus the problems of those that do not.

    An id seen twice keeps its first bank (a user's wins over a built-in) and names the other.
    """
    found: dict[str, BankFile] = {}
    problems: list[Problem] = []
    for folder, builtin in _folders(bank_dirs):
        for path in bank_paths(folder):
            try:
                entry = BankFile(load_bank(path), path, builtin)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            first = found.setdefault(entry.bank.id, entry)
            if first is not entry:
                where = "the built-in bank" if first.builtin else str(first.path)
                problems.append(Problem(f"bank id {entry.bank.id!r} is also {where}", str(path)))
    return list(found.values()), problems


def builtin_versions() -> list[str]:
    """One line per built-in bank, ``bank ID VERSION``, and one per built-in bank that fails."""
    found, problems = discover()
    lines = [f"bank {entry.bank.id} {entry.bank.version}" for entry in found if entry.builtin]
    return lines + [f"unreadable: {problem}" for problem in problems]


def named_file(ref: str | None) -> Path | None:
    """The bank file ``ref`` names, when it names a file (a path) rather than an id."""
    if ref and (Path(ref).suffix in BANK_SUFFIXES or "/" in ref or os.sep in ref):
        return Path(ref)
    return None


def resolve(ref: str, bank_dirs: Iterable[Path] = ()) -> BankFile:
    """A bank named by id (user folders win over built-ins) or by the path of its file."""
    as_path = named_file(ref)
    if as_path is not None:
        return BankFile(load_bank(as_path), as_path, builtin=False)
    folders = list(_folders(bank_dirs))
    for folder, builtin in folders:
        for suffix in BANK_SUFFIXES:
            candidate = folder / f"{ref}{suffix}"
            if candidate.is_file():
                bank = load_bank(candidate)
                if bank.id == ref:
                    return BankFile(bank, candidate, builtin)
    found, _ = discover(bank_dirs)
    for entry in found:
        if entry.bank.id == ref:
            return entry
    known = ", ".join(sorted({entry.bank.id for entry in found})) or "none"
    raise InputError.single(
        f"no question bank with id {ref!r}",
        "ownerdiag",
        f"known banks: {known}; or give the path of a bank file",
    )


def _folders(bank_dirs: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    for folder in bank_dirs:
        yield folder, False
    yield builtin_dir(), True
