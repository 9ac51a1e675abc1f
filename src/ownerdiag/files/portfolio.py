"""Reading a consultant's whole desk: every engagement (or loose round folder) under some folders,
each round compared exactly as ``compare`` would. A round that cannot be compared is named with
its reason; the rest is used.

Every round goes through the one careful path (``collect.gather_round``: the one reader, every
check), on every run. Nothing is cached: a cache beside a round is a file anyone who can write
the folder can forge, and whatever it held would have to be checked against the files again.
A ``.ownerdiag-cache.json`` left by an older version is never read.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from ownerdiag.core.engagement import ENGAGEMENT_FILE
from ownerdiag.core.engine import Comparison, compare
from ownerdiag.core.models import Response
from ownerdiag.core.portfolio import OrgRounds
from ownerdiag.errors import InputError, Problem
from ownerdiag.files import engagements
from ownerdiag.files.collect import gather_round
from ownerdiag.files.storage import folder_entries
from ownerdiag.files.yamlio import read_bounded


def read_desk(
    folders: Sequence[Path], bank_dirs: Sequence[Path] = ()
) -> tuple[list[OrgRounds], list[Problem]]:
    """Every org under ``folders`` with its rounds compared, and one problem per thing skipped."""
    orgs: list[OrgRounds] = []
    problems: list[Problem] = []
    for _, rounds, name, bank_ref in _orgs(folders, problems):
        compared: list[tuple[str, Comparison]] = []
        for label, folder in rounds:
            try:
                compared.append((label, _compare_round(folder, bank_ref, bank_dirs)))
            except InputError as exc:
                problems.append(exc.problems[0])
        if compared:
            orgs.append(OrgRounds(name, compared))
    return orgs, problems


def _orgs(
    folders: Sequence[Path], problems: list[Problem]
) -> Iterator[tuple[Path, list[tuple[str, Path]], str, str | None]]:
    """(folder, [(label, round folder)], org name, bank file) per engagement or loose round."""
    for top in folders:
        if not top.is_dir():
            problems.append(Problem("not a folder", str(top)))
            continue
        for path, files in _walk(top, problems):
            if ENGAGEMENT_FILE in files:
                try:
                    found = engagements.Found(path, engagements.load(path / ENGAGEMENT_FILE))
                except InputError as exc:
                    problems.append(exc.problems[0])
                    continue
                rounds = [(r.name, found.round_dir(r)) for r in found.engagement.rounds]
                yield path, rounds, found.engagement.client, found.bank_file()
            elif _responses_in(path, files) >= 2:
                yield path, [(path.name, path)], path.name, None


def _walk(top: Path, problems: list[Problem]) -> Iterator[tuple[Path, list[str]]]:
    """Every folder under ``top`` (itself first, then each subfolder in name order) with its
    file names, without recursion, however deep the tree; links to folders are not followed,
    an engagement's folder is not walked into (its rounds are read through it), and a folder
    that cannot be listed is a problem."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = folder_entries(folder)
        except InputError as exc:
            problems.append(exc.problems[0])
            continue
        files = [e.name for e in entries if not e.is_dir(follow_symlinks=False)]
        yield folder, files
        if ENGAGEMENT_FILE not in files:
            below = [folder / e.name for e in entries if e.is_dir(follow_symlinks=False)]
            stack.extend(reversed(below))


def _responses_in(folder: Path, names: list[str]) -> int:
    stamp = Response.model_fields["format"].default.encode()
    found = 0
    for name in names:
        if Path(name).suffix in (".yaml", ".yml"):
            with contextlib.suppress(InputError):
                found += stamp in read_bounded(folder / name)[:2048]
    return found


def _compare_round(folder: Path, bank_ref: str | None, bank_dirs: Sequence[Path]) -> Comparison:
    """The round compared from its files' own bytes, with every check ``compare`` runs."""
    bank, responses = gather_round(folder, bank_dirs, bank_ref=bank_ref)
    return compare(bank, responses)
