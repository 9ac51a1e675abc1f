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
from dataclasses import dataclass, field
from pathlib import Path

from ownerdiag.core.engagement import ENGAGEMENT_FILE, Round
from ownerdiag.core.engine import Comparison, compare
from ownerdiag.core.models import Response
from ownerdiag.core.portfolio import OrgRounds
from ownerdiag.errors import InputError, Problem
from ownerdiag.files import engagements
from ownerdiag.files.collect import gather_round
from ownerdiag.files.storage import folder_entries
from ownerdiag.files.yamlio import read_bounded


@dataclass(frozen=True)
class _Round:
    """One round to read: an engagement's (checked against its invitations) or a loose one."""

    label: str
    folder: Path
    bank_ref: str | None
    engagement: engagements.Found | None = None
    round: Round | None = None


@dataclass
class Desk:
    """What the desk holds: orgs with rounds compared, orgs with no round complete yet, and
    one problem per thing that could not be read."""

    orgs: list[OrgRounds] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_desk(folders: Sequence[Path], bank_dirs: Sequence[Path] = ()) -> Desk:
    """Every org under ``folders`` with its complete rounds compared. An engagement's round
    counts the invited people's responses that answer its invitations; a round still waiting
    for someone is not compared, and says for whom."""
    desk = Desk()
    for name, rounds in _orgs(folders, desk.problems):
        compared: list[tuple[str, Comparison]] = []
        waiting: tuple[str, list[str]] | None = None
        for each in rounds:
            try:
                files, missing = _counted(each, bank_dirs)
                if missing:
                    waiting = (each.label, missing)
                    continue
                compared.append((each.label, _compare_round(each, bank_dirs, files)))
                waiting = None  # only a round after the last one compared is news
            except InputError as exc:
                desk.problems.append(exc.problems[0])
        if compared:
            label, missing = waiting or ("", [])
            desk.orgs.append(OrgRounds(name, compared, label, tuple(missing)))
        elif waiting:
            desk.waiting.append(f"{name}: {waiting[0]} waiting for {', '.join(waiting[1])}")
    return desk


def _counted(each: _Round, bank_dirs: Sequence[Path]) -> tuple[list[Path] | None, list[str]]:
    """An engagement round's responses that count and who it waits for; a loose round's
    files are all read (None)."""
    if each.engagement is None or each.round is None:
        return None, []
    bank = each.engagement.bank(bank_dirs, each.round)
    return engagements.counted(each.engagement, bank, each.round)


def _orgs(folders: Sequence[Path], problems: list[Problem]) -> Iterator[tuple[str, list[_Round]]]:
    """(org name, its rounds) per engagement or loose round folder."""
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
                rounds = [
                    _Round(r.name, found.round_dir(r), found.bank_file(r), found, r)
                    for r in found.engagement.rounds
                ]
                yield found.engagement.client, rounds
            elif _responses_in(path, files) >= 2:
                yield path.name, [_Round(path.name, path, None)]


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


def _compare_round(
    each: _Round, bank_dirs: Sequence[Path], files: Sequence[Path] | None
) -> Comparison:
    """The round compared from its files' own bytes, with every check ``compare`` runs."""
    bank, responses = gather_round(each.folder, bank_dirs, bank_ref=each.bank_ref, files=files)
    return compare(bank, responses)
