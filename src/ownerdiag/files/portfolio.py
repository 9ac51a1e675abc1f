"""Reading a consultant's whole desk: every engagement (or loose round folder) under some folders,
each round compared. Files that cannot be read are named with their reason; the rest is used.

Thousands of response files are read here, so the common case takes a fast path: libyaml without
line tracking, each bank read once, and a cache beside each round (``.ownerdiag-cache.json``,
keyed by each file's content hash; safe to delete) so an unchanged file is not parsed again.
Every response is still checked against its bank. A file that fails is read again the careful
way, so its problem still names the line.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from ownerdiag.core.answers import check_response
from ownerdiag.core.engagement import ENGAGEMENT_FILE
from ownerdiag.core.engine import Comparison, compare
from ownerdiag.core.models import Bank, Response
from ownerdiag.core.portfolio import OrgRounds
from ownerdiag.errors import InputError, Problem
from ownerdiag.files import banks, engagements
from ownerdiag.files.documents import load_response
from ownerdiag.files.storage import write_atomic
from ownerdiag.files.yamlio import MAX_BYTES

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STAMP = "ownerdiag-response/1"
CACHE = ".ownerdiag-cache.json"
"""Beside each round: the responses as last validated, by file content; safe to delete."""
CACHE_FORMAT = "ownerdiag-cache/1"


class _Nowhere:
    """A document without positions: problems found on the fast path are re-read for them."""

    source = ""
    data: Any = None

    def locate(self, path: Any) -> tuple[None, None]:
        return None, None


def read_desk(
    folders: Sequence[Path], bank_dirs: Sequence[Path] = ()
) -> tuple[list[OrgRounds], list[Problem]]:
    """Every org under ``folders`` with its rounds compared, and one line per thing skipped."""
    orgs: list[OrgRounds] = []
    problems: list[Problem] = []
    bank_cache: dict[str, tuple[Bank, str]] = {}
    for root, rounds, name in _orgs(folders, problems):
        compared: list[tuple[str, Comparison]] = []
        for label, folder in rounds:
            try:
                compared.append((label, _compare_round(folder, bank_dirs, bank_cache, problems)))
            except InputError as exc:
                problems.append(exc.problems[0])
        if compared:
            orgs.append(OrgRounds(name, compared))
        else:
            problems.append(Problem("no round with two or more readable responses", str(root)))
    return orgs, problems


def _orgs(
    folders: Sequence[Path], problems: list[Problem]
) -> Iterator[tuple[Path, list[tuple[str, Path]], str]]:
    """(folder, [(round label, round folder)], org name) for each engagement or loose round."""
    for top in folders:
        if not top.is_dir():
            problems.append(Problem("not a folder", str(top)))
            continue
        for here, subfolders, files in os.walk(top):
            path = Path(here)
            if ENGAGEMENT_FILE in files:
                try:
                    found = engagements.Found(path, engagements.load(path / ENGAGEMENT_FILE))
                except InputError as exc:
                    problems.append(exc.problems[0])
                else:
                    rounds = [(r.name, found.round_dir(r)) for r in found.engagement.rounds]
                    yield path, rounds, found.engagement.client
                subfolders.clear()  # an engagement's rounds are read through it
            elif sum(1 for f in files if f.endswith((".yaml", ".yml"))) >= 2 and _has_responses(
                path
            ):
                yield path, [(path.name, path)], path.name
            subfolders.sort()


def _has_responses(folder: Path) -> bool:
    return any(_peek_stamp(p) for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def _peek_stamp(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(400)
    except OSError:
        return False
    return STAMP.encode() in head


def _compare_round(
    folder: Path,
    bank_dirs: Sequence[Path],
    cache: dict[str, tuple[Bank, str]],
    problems: list[Problem],
) -> Comparison:
    responses: list[Response] = []
    bank: Bank | None = None
    kept = _read_cache(folder)
    fresh: dict[str, Any] = {}
    for path in sorted(folder.glob("*.y*ml")):
        try:
            raw = path.read_bytes()
            if STAMP.encode() not in raw[:400]:
                continue
            digest = hashlib.sha256(raw).hexdigest()
            response = _cached(kept.get(path.name), digest) or _fast_response(raw)
            if bank is None:
                bank = _bank_for(response, bank_dirs, cache, folder)
            responses.append(check_response(bank, response, _Nowhere()))
            fresh[path.name] = {"sha256": digest, "response": response.model_dump(mode="json")}
        except (InputError, ValueError, yaml.YAMLError, OSError):
            problems.append(_careful_problem(path, bank))
    if fresh != kept:
        _write_cache(folder, fresh)
    if bank is None or len(responses) < 2:
        raise InputError.single(
            f"{len(responses)} readable response(s); a comparison needs two or more", str(folder)
        )
    return compare(bank, [r for r in responses if r.complete] or responses)


def _cached(entry: Any, digest: str) -> Response | None:
    """The response a file held when it had this content, as validated then; else ``None``."""
    if not isinstance(entry, dict) or entry.get("sha256") != digest:
        return None
    try:
        return Response.model_validate(entry.get("response"))
    except ValueError:
        return None


def _read_cache(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / CACHE).read_bytes())
    except (OSError, ValueError):
        return {}
    ok = isinstance(data, dict) and data.get("format") == CACHE_FORMAT
    return data.get("files", {}) if ok and isinstance(data.get("files"), dict) else {}


def _write_cache(folder: Path, files: dict[str, Any]) -> None:
    """Best effort: a folder ownerdiag may not write to is read the long way next time."""
    text = json.dumps({"format": CACHE_FORMAT, "files": files}, ensure_ascii=True)
    with contextlib.suppress(InputError, OSError):
        write_atomic(folder / CACHE, text, durable=False)


def _fast_response(raw: bytes) -> Response:
    if len(raw) > MAX_BYTES:
        raise ValueError("too big")
    data = yaml.load(raw.decode("utf-8-sig"), Loader=_Loader)
    return Response.model_validate(data)


def _bank_for(
    response: Response,
    bank_dirs: Sequence[Path],
    cache: dict[str, tuple[Bank, str]],
    folder: Path,
) -> Bank:
    """The bank a round answered (its own file if kept beside it), read once per desk."""
    ref = response.bank
    kept = next((p for p in banks.bank_paths(folder) if not _peek_stamp(p)), None)
    key = str(kept) if kept else ref.id
    if key not in cache:
        bank = banks.load_bank(kept) if kept else banks.resolve(ref.id, bank_dirs).bank
        cache[key] = (bank, bank.content_hash())
    bank, known = cache[key]
    if known != ref.hash:
        raise InputError.single(
            f"answered bank {ref.id} {ref.version}, which is not the one found", str(folder)
        )
    return bank


def _careful_problem(path: Path, bank: Bank | None) -> Problem:
    """The problem with ``path`` as the careful reader words it, with its line."""
    try:
        response, doc = load_response(path)
        if bank is not None:
            check_response(bank, response, doc)
    except InputError as exc:
        return exc.problems[0]
    except OSError as exc:
        return Problem(f"cannot read it ({exc.strerror})", str(path))
    return Problem("answered another version of the bank", str(path))
