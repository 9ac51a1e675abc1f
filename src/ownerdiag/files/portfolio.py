"""Reading a consultant's whole desk: every engagement (or loose round folder) under some folders,
each round compared exactly as ``compare`` would. A round that cannot be compared is named with
its reason; the rest is used.

Every round goes through the one careful path (``collect.gather_round``: the one reader, every
check). What it accepted is kept beside the round in ``.ownerdiag-cache.json``, keyed by each
file's content hash: while no file of the round changes, the next run takes the checked responses
from there instead of reading the YAML again. The cache is safe to delete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ownerdiag.core.engagement import ENGAGEMENT_FILE, Round
from ownerdiag.core.engine import Comparison, compare
from ownerdiag.core.models import Bank, Response
from ownerdiag.core.portfolio import OrgRounds
from ownerdiag.errors import InputError, Problem
from ownerdiag.files import banks, engagements
from ownerdiag.files.collect import gather_round
from ownerdiag.files.storage import write_atomic
from ownerdiag.files.yamlio import read_bounded

CACHE = ".ownerdiag-cache.json"
CACHE_FORMAT = "ownerdiag-cache/2"
CACHE_MAX_BYTES = 32 * 1024 * 1024
"""A round's cache holds at most a few hundred responses; anything larger is not ours."""


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
        for here, subfolders, files in os.walk(top):
            path = Path(here)
            subfolders.sort()
            if ENGAGEMENT_FILE in files:
                subfolders.clear()  # an engagement's rounds are read through it
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


def _responses_in(folder: Path, names: list[str]) -> int:
    stamp = Response.model_fields["format"].default.encode()
    found = 0
    for name in names:
        path = folder / name
        if path.suffix in (".yaml", ".yml") and path.is_file():
            with contextlib.suppress(OSError), path.open("rb") as handle:
                found += stamp in handle.read(2048)
    return found


def _compare_round(
    each: _Round, bank_dirs: Sequence[Path], files: Sequence[Path] | None
) -> Comparison:
    """The round compared; from the cache when no file of it changed since it was checked."""
    folder = each.folder
    digests = _digests(folder, files)
    cached = _from_cache(folder, digests, each.bank_ref, bank_dirs)
    if cached is not None:
        return cached
    bank, responses = gather_round(folder, bank_dirs, bank_ref=each.bank_ref, files=files)
    _write_cache(folder, digests, responses)
    return compare(bank, responses)


def _digests(folder: Path, files: Sequence[Path] | None = None) -> dict[str, str]:
    """sha256 of the files the round is compared from: those given, else every regular YAML
    file in the round (what the careful reader would look at)."""
    found: dict[str, str] = {}
    for path in banks.bank_paths(folder) if files is None else files:
        with contextlib.suppress(InputError):
            found[path.name] = hashlib.sha256(read_bounded(path)).hexdigest()
    return found


def _from_cache(
    folder: Path, digests: dict[str, str], bank_ref: str | None, bank_dirs: Sequence[Path]
) -> Comparison | None:
    try:  # a cache that cannot be read whole, the careful way, is no cache
        data = json.loads(read_bounded(folder / CACHE, max_bytes=CACHE_MAX_BYTES))
        if data.get("format") != CACHE_FORMAT or data.get("files") != digests:
            return None
        responses = [Response.model_validate(r) for r in data["responses"]]
        first = responses[0].bank
        bank = _bank(bank_ref or data.get("bank_file") or first.id, bank_dirs)
    except (
        ValueError,
        KeyError,
        IndexError,
        TypeError,
        AttributeError,
        RecursionError,
        InputError,
    ):
        return None
    if bank.content_hash() != first.hash:
        return None
    return compare(bank, responses)


def _bank(ref: str, bank_dirs: Sequence[Path]) -> Bank:
    return banks.resolve(ref, bank_dirs).bank


def _write_cache(folder: Path, digests: dict[str, str], responses: list[Response]) -> None:
    """Best effort, without fsync: a lost cache is only read the long way next time."""
    kept = next((p for p in banks.bank_paths(folder) if _is_bank_file(p)), None)
    text = json.dumps(
        {
            "format": CACHE_FORMAT,
            "files": digests,
            "bank_file": str(kept) if kept else None,
            "responses": [r.model_dump(mode="json") for r in responses],
        },
        ensure_ascii=True,
    )
    with contextlib.suppress(InputError, OSError):
        write_atomic(folder / CACHE, text, durable=False)


def _is_bank_file(path: Path) -> bool:
    with contextlib.suppress(InputError):
        head = read_bounded(path)[:4096]
        return b"questions:" in head and b"roles:" in head
    return False
