"""Gathering response files for a comparison, refusing sets that do not belong together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ownerdiag.core.answers import check_response
from ownerdiag.core.engine import Comparison, compare
from ownerdiag.core.models import Bank, Decisions, Response
from ownerdiag.errors import Fix, InputError, Problem
from ownerdiag.files import banks
from ownerdiag.files.schema import validate
from ownerdiag.files.storage import real_path
from ownerdiag.files.yamlio import Document, read_yaml

if TYPE_CHECKING:
    from ownerdiag.core.trend import Trend

MAX_RESPONDENTS = 6
"""The most people a report can lay side by side."""
MAX_ROUNDS = 12
"""The most rounds a trend table stays readable with (three years of quarters)."""


@dataclass(frozen=True)
class Loaded:
    path: Path
    response: Response
    doc: Document


def load_all(paths: Sequence[Path]) -> list[Loaded]:
    """Load every response file, reporting the problems of all of them at once; the files a
    round keeps beside its responses (the meeting's decisions, the bank) are passed over, so
    ``compare ROUND/*.yaml`` reads the responses only."""
    loaded: list[Loaded] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            doc = read_yaml(path)
            if kept_beside_responses(doc.data):
                continue
            loaded.append(Loaded(path, validate(Response, doc, "response file"), doc))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return loaded


def kept_beside_responses(data: object) -> bool:
    """A meeting's decisions file, or the bank file a round answered."""
    if not isinstance(data, dict):
        return False
    kind = data.get("format")
    if kind == Decisions.model_fields["format"].default:
        return True
    return kind is None and "questions" in data and "roles" in data


def check_set(loaded: Sequence[Loaded], *, allow_incomplete: bool = False) -> None:
    """Two or more distinct people, one per role, all answering the same bank, all finished."""
    problems = [*_same_bank(loaded), *_distinct(loaded)]
    if not allow_incomplete:
        problems += [
            Problem(
                f"unfinished survey ({len(item.response.answers)} answers)",
                str(item.path),
                fix=Fix.FINISH_OR_ALLOW_INCOMPLETE,
            )
            for item in loaded
            if not item.response.complete
        ]
    if problems:
        raise InputError(problems)


def _same_bank(loaded: Sequence[Loaded]) -> list[Problem]:
    refs = {(i.response.bank.id, i.response.bank.version, i.response.bank.hash) for i in loaded}
    if len(refs) <= 1:
        return []
    return [
        Problem(
            f"answered bank {i.response.bank.id} {i.response.bank.version} "
            f"({i.response.bank.hash}); the files given answered different banks or versions",
            str(i.path),
            hint="compare responses to the same bank version only",
        )
        for i in loaded
    ]


def _distinct(loaded: Sequence[Loaded]) -> list[Problem]:
    problems: list[Problem] = []
    seen_files: dict[Path, Path] = {}
    seen_roles: dict[str, Path] = {}
    seen_names: dict[str, Path] = {}
    for item in loaded:
        resolved = item.path.resolve()
        person = item.response.respondent
        if resolved in seen_files:
            problems.append(Problem("given twice", str(item.path), hint="list each file once"))
            continue
        seen_files[resolved] = item.path
        for key, seen, what in (
            (person.role, seen_roles, f"a second response for role {person.role!r}"),
            (person.name.casefold(), seen_names, f"a second response from {person.name!r}"),
        ):
            if key in seen:
                problems.append(
                    Problem(
                        f"{what} (also in {seen[key]})",
                        str(item.path),
                        hint="compare one response per person and role",
                    )
                )
            seen[key] = item.path
    return problems


def find_bank(
    loaded: Sequence[Loaded],
    bank_ref: str | None,
    bank_dirs: Sequence[Path],
    changed: Fix = Fix.GIVE_BANK_FILE,
) -> Bank:
    """The bank the responses answered, and proof that it has not changed since."""
    first = loaded[0].response.bank
    entry = banks.resolve(bank_ref or first.id, bank_dirs)
    bank = entry.bank
    if (bank.id, bank.version, bank.content_hash()) != (first.id, first.version, first.hash):
        raise InputError.single(
            f"the responses answered bank {first.id} {first.version} ({first.hash}), but "
            f"{entry.path} is {bank.id} {bank.version} ({bank.content_hash()}): the bank changed "
            "after the survey",
            str(loaded[0].path),
            fix=changed,
        )
    return bank


def checked(bank: Bank, loaded: Sequence[Loaded]) -> list[Response]:
    """Each response checked against ``bank``, its answers as they will be judged."""
    responses: list[Response] = []
    problems: list[Problem] = []
    for item in loaded:
        try:
            responses.append(check_response(bank, item.response, item.doc))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return responses


def gather(
    paths: Sequence[Path],
    *,
    bank_ref: str | None = None,
    bank_dirs: Sequence[Path] = (),
    allow_incomplete: bool = False,
) -> tuple[Bank, list[Response]]:
    loaded = load_all(paths[: MAX_RESPONDENTS + 8])  # room for a round's meeting files
    if not 2 <= len(loaded) <= MAX_RESPONDENTS or len(paths) > MAX_RESPONDENTS + 8:
        skipped = len(paths) - len(loaded) if len(paths) <= MAX_RESPONDENTS + 8 else 0
        besides = f" ({skipped} were not responses: decisions or a bank)" if skipped else ""
        raise InputError.single(
            f"compare takes two or more response files, {MAX_RESPONDENTS} at most; "
            f"{len(paths) - skipped} given{besides}",
            "ownerdiag",
            "one response file per person, e.g. cro.yaml vp.yaml",
        )
    return gather_loaded(
        loaded, bank_ref=bank_ref, bank_dirs=bank_dirs, allow_incomplete=allow_incomplete
    )


def gather_loaded(
    loaded: Sequence[Loaded],
    *,
    bank_ref: str | None = None,
    bank_dirs: Sequence[Path] = (),
    allow_incomplete: bool = False,
    changed: Fix = Fix.GIVE_BANK_FILE,
) -> tuple[Bank, list[Response]]:
    check_set(loaded, allow_incomplete=allow_incomplete)
    bank = find_bank(loaded, bank_ref, bank_dirs, changed)
    return bank, checked(bank, loaded)


def load_round(folder: Path) -> tuple[list[Loaded], Path | None]:
    """The response files of one round, and the bank file kept beside them, if any.

    A round is a folder of response files. Keeping the bank file the round answered in the
    same folder lets a later trend compare rounds even after the bank has changed.
    """
    if not folder.is_dir():
        raise InputError.single(
            "not a folder of response files", str(folder), "give one folder per round"
        )
    responses: list[Loaded] = []
    bank_file: Path | None = None
    stamp = Response.model_fields["format"].default
    for path in banks.bank_paths(folder):
        doc = read_yaml(path)
        data = doc.data if isinstance(doc.data, dict) else {}
        if data.get("format") == stamp:
            responses.append(Loaded(path, validate(Response, doc, "response file"), doc))
        elif "questions" in data and "roles" in data:
            bank_file = path
    if len(responses) < 2:
        raise InputError.single(
            f"a round needs two or more response files; found {len(responses)}",
            str(folder),
            "put each round's response files in a folder of its own",
        )
    return responses, bank_file


def gather_round(
    folder: Path,
    bank_dirs: Sequence[Path] = (),
    allow_incomplete: bool = False,
    bank_ref: str | None = None,
    files: Sequence[Path] | None = None,
) -> tuple[Bank, list[Response]]:
    """A round's responses (``files``, else every response file in ``folder``), checked;
    against the bank file kept in the folder, else ``bank_ref`` (an engagement's bank), else
    the bank the responses name."""
    if files is None:
        loaded, bank_file = load_round(folder)
    else:
        loaded, bank_file = load_all(files), None
    return gather_loaded(
        loaded,
        bank_ref=str(bank_file) if bank_file else bank_ref,
        bank_dirs=bank_dirs,
        allow_incomplete=allow_incomplete,
        changed=Fix.KEEP_ROUND_BANK,
    )


@dataclass(frozen=True)
class RoundInput:
    """One round a trend follows: its folder, and, inside an engagement, the responses that
    count in it and the bank it answered."""

    folder: Path
    files: Sequence[Path] | None = None
    bank_ref: str | None = None


def compare_files(
    paths: Sequence[Path],
    bank_ref: str | None,
    bank_dirs: Sequence[Path] | None,
    allow_incomplete: bool,
) -> Comparison:
    """Read two or more response files and compare them."""
    bank, responses = gather(
        paths, bank_ref=bank_ref, bank_dirs=bank_dirs or [], allow_incomplete=allow_incomplete
    )
    return compare(bank, responses)


def follow_rounds(
    rounds: Sequence[RoundInput],
    bank_dirs: Sequence[Path],
    allow_incomplete: bool,
    labels: Sequence[str] = (),
) -> Trend:
    """Compare each round's responses, then follow every question from round to round.

    A round is labelled as ``labels`` say, else by the day its last response was finished
    (numbered when two rounds finished the same day)."""
    from ownerdiag.core.trend import Round, trend

    if not 2 <= len(rounds) <= MAX_ROUNDS:
        raise InputError.single(
            f"a trend needs two or more rounds, {MAX_ROUNDS} at most; {len(rounds)} given",
            "ownerdiag",
            "give one folder of responses per round",
        )
    if labels and len(labels) != len(rounds):
        raise InputError.single(
            f"{len(labels)} labels for {len(rounds)} rounds",
            "ownerdiag",
            "give one --label per folder, in the same order, or none",
        )
    seen: dict[Path, Path] = {}
    for each in rounds:
        real = real_path(each.folder)
        if real in seen:
            raise InputError.single(
                f"this round is given twice (also as {seen[real]})",
                str(each.folder),
                "give each round's folder once, oldest first",
            )
        seen[real] = each.folder
    comparisons, meetings = [], []
    for each in rounds:
        bank, responses = gather_round(
            each.folder, bank_dirs, allow_incomplete, each.bank_ref, each.files
        )
        comparisons.append(compare(bank, responses))
        meetings.append(round_decisions(each.folder, bank, responses))
    names = list(labels) or round_labels(comparisons)
    return trend([Round(*r) for r in zip(names, comparisons, meetings, strict=True)])


def round_decisions(folder: Path, bank: Bank, responses: Sequence[Response]) -> Decisions | None:
    """The decisions the meeting on this round saved beside its responses, checked against
    them; none when the round kept no decisions file."""
    from ownerdiag.files.documents import load_decisions

    stamp = Decisions.model_fields["format"].default
    for path in banks.bank_paths(folder):
        data = read_yaml(path).data
        if isinstance(data, dict) and data.get("format") == stamp:
            return load_decisions(path, bank, responses)
    return None


def round_labels(comparisons: Sequence[Comparison]) -> list[str]:
    """The day each round's last response came in; ``2026-11-24 (2)`` for a second that day."""
    days = [f"{c.last_answered:%Y-%m-%d}" for c in comparisons]
    return [
        f"{day} ({days[:n].count(day) + 1})" if days.count(day) > 1 else day
        for n, day in enumerate(days)
    ]
