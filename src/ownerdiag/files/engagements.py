"""Engagement folders on disk: found by walking up to ``ownerdiag.yaml`` (as git finds ``.git``),
read and written like every other file, and a round's folder read for its status."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ownerdiag.core.engagement import (
    ENGAGEMENT_FILE,
    Engagement,
    Round,
    RoundStatus,
    Seen,
    round_status,
)
from ownerdiag.core.models import Bank, Response
from ownerdiag.errors import InputError, Problem
from ownerdiag.files import banks
from ownerdiag.files.schema import validate
from ownerdiag.files.storage import exclusive, folder_entries, real_path, write_atomic
from ownerdiag.files.yamlio import dump_yaml, read_yaml

README = """\
This folder is an ownerdiag engagement: {client}, question bank {bank}.

  ownerdiag.yaml   who is invited (name and role) and the rounds run so far
  {round}/{pad}   one folder per round: the response files that came back, the
                   browser forms sent out (forms/), the meeting's decisions

Inside this folder (or any folder below it):
  ownerdiag status              who has answered, who is part-way, who is missing
  ownerdiag invite              the survey command and a browser form for each person
  ownerdiag compare             the lane-gap report for the current round
  ownerdiag resolve --out {round}/decisions.yaml
  ownerdiag charter --decisions {round}/decisions.yaml
  ownerdiag new-round           start next quarter's round
  ownerdiag trend               what changed between rounds
"""


@dataclass(frozen=True)
class Found:
    """An engagement and the folder it lives in."""

    root: Path
    engagement: Engagement

    @property
    def file(self) -> Path:
        return self.root / ENGAGEMENT_FILE

    def round_dir(self, round: Round | None = None) -> Path:
        return self.root / (round or self.engagement.current).name

    def round_to_write(self) -> Path:
        """The current round's folder, to write into: refused when it is a link leading out of
        the engagement (forms and responses would land wherever it points)."""
        folder = self.round_dir()
        real = real_path(folder)
        if not real.is_relative_to(real_path(self.root)):
            raise InputError.single(
                f"this round's folder leads outside the engagement, to {real}",
                str(folder),
                "make the round a folder inside the engagement",
            )
        return folder

    def bank_file(self, round: Round | None = None) -> str | None:
        """The bank file a round (by default the current one) answers, when the engagement
        names a file rather than a bank id."""
        named = self.engagement.bank_of(round or self.engagement.current)
        local = self.root / named
        return str(local) if local.suffix in (".yaml", ".yml") and local.is_file() else None

    def bank_ref(self, round: Round | None = None) -> str:
        """What ``--bank`` would say for a round: its bank file, or the bank id."""
        return self.bank_file(round) or self.engagement.bank_of(round or self.engagement.current)

    def bank(self, bank_dirs: Sequence[Path] = (), round: Round | None = None) -> Bank:
        """The bank a round (by default the current one) answers; a person invited in a role it
        does not have is refused."""
        return self.checked(banks.resolve(self.bank_ref(round), bank_dirs).bank)

    def checked(self, bank: Bank) -> Bank:
        """``bank``, once every person invited has a role in it."""
        for person in self.engagement.people:
            if person.role not in bank.roles:
                raise InputError.single(
                    f"{person.name} is invited as {person.role!r}, not a role of bank {bank.id}",
                    str(self.file),
                    f"use one of its roles: {', '.join(bank.roles)}",
                )
        return bank

    def title(self, round: Round | None = None) -> str:
        return f"{self.engagement.client} — {(round or self.engagement.current).name}"


def round_named(found: Found, name: str) -> Round:
    """The engagement's round called ``name``, or a one-line refusal naming the rounds."""
    chosen = found.engagement.round(name)
    if chosen is None:
        rounds = ", ".join(r.name for r in found.engagement.rounds)
        raise InputError.single(
            f"no round {name!r} in this engagement", "--round", f"its rounds: {rounds}"
        )
    return chosen


def round_of(found: Found, folder: Path) -> Round | None:
    """The round whose folder ``folder`` is, or is inside."""
    try:
        parts = real_path(folder).relative_to(real_path(found.root)).parts
    except ValueError:
        return None
    return found.engagement.round(parts[0]) if parts else None


def find(start: Path | None = None) -> Found | None:
    """The engagement ``start`` (or the working folder) is in, if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / ENGAGEMENT_FILE
        if candidate.is_file():
            return Found(folder, load(candidate))
    return None


def required(start: Path | None = None) -> Found:
    found = find(start)
    if found is None:
        where = str(start or Path.cwd())
        raise InputError.single(
            f"not inside an engagement folder (no {ENGAGEMENT_FILE} here or above)",
            where,
            "run it inside the folder ownerdiag init made, or give the files",
        )
    return found


def load(path: Path) -> Engagement:
    return validate(Engagement, read_yaml(path), "engagement file")


def update(found: Found, change: Callable[[Engagement], Engagement]) -> Engagement:
    """``ownerdiag.yaml`` read afresh, changed and written back under its lock (the survey's
    kind, waited for): two commands at once both land, neither overwrites the other."""
    with exclusive(found.file, "engagement file", wait=True):
        updated = change(load(found.file))
        write_atomic(found.file, to_yaml(updated), force=True)
    return updated


def to_yaml(engagement: Engagement) -> str:
    header = (
        "# ownerdiag engagement: edit the people or rounds here, then run ownerdiag status.\n"
        "# Keep this file to yourself: an invitation below lets a response pass as that "
        "person's.\n"
    )
    return header + dump_yaml(engagement.model_dump(mode="json", exclude_none=True))


def readme(engagement: Engagement) -> str:
    name = engagement.current.name
    return README.format(
        client=engagement.client,
        bank=engagement.bank,
        round=name,
        pad=" " * max(0, 13 - len(name)),
    )


def seen_in(folder: Path) -> list[Seen]:
    """Every response file or saved progress in a round's folder, read or with its problem;
    the files a round keeps beside its responses (decisions, the bank) are passed over, by the
    same rule ``compare`` uses."""
    from ownerdiag.files.collect import kept_beside_responses

    found: list[Seen] = []
    if not folder.is_dir():
        return found
    paths = [
        folder / e.name
        for e in folder_entries(folder)
        if e.is_file() and e.name.endswith((".yaml", ".yml", ".partial"))
    ]
    for path in paths:
        partial = path.name.endswith(".partial")
        try:
            doc = read_yaml(path)
            data = doc.data if isinstance(doc.data, dict) else {}
            if kept_beside_responses(data):
                continue  # the meeting's decisions, or the bank file kept beside the round
            found.append(Seen(path.name, validate(Response, doc, "response file"), partial))
        except InputError as exc:
            found.append(Seen(path.name, problem=str(exc.problems[0].message)))
    return found


def status(found: Found, bank_dirs: Sequence[Path] = ()) -> list[RoundStatus]:
    """Every round's status, each against the bank that round answers."""
    return [round_status_of(found, r, found.bank(bank_dirs, r)) for r in found.engagement.rounds]


def round_status_of(found: Found, round: Round, bank: Bank) -> RoundStatus:
    return round_status(
        found.engagement, round, bank.content_hash(), seen_in(found.round_dir(round))
    )


def response_out(found: Found, bank: Bank, role: str, name: str) -> Path:
    """Where a person's response goes: the survey's own file name, in the current round."""
    from ownerdiag.files.documents import default_out

    return found.round_to_write() / default_out(bank.id, role, name).name


def engagements_under(
    folder: Path, depth: int = 2, unreadable: list[str] | None = None
) -> list[Path]:
    """The engagement folders (holding an ``ownerdiag.yaml``) up to ``depth`` levels below
    ``folder``, sorted; never following a link out. A folder below that cannot be listed is
    added to ``unreadable`` (a problem line each)."""
    found: list[Path] = []
    level = [folder]
    for _ in range(depth):
        below: list[Path] = []
        for parent in level:
            try:
                entries = folder_entries(parent)
            except InputError as exc:
                if parent != folder and unreadable is not None:
                    unreadable.append(str(exc.problems[0]))
                continue
            children = [parent / e.name for e in entries if e.is_dir(follow_symlinks=False)]
            for child in children:
                (found if (child / ENGAGEMENT_FILE).is_file() else below).append(child)
        level = below
    return found


def invited_on(found: Found) -> date | None:
    """When the current round's invitations went out (its forms folder, which ``invite``
    writes); None before ``invite`` has run."""
    with contextlib.suppress(OSError):
        return date.fromtimestamp((found.round_dir() / "forms").stat().st_mtime)
    return None


def meeting_held(found: Found) -> bool:
    from ownerdiag.files.collect import kept_beside_responses

    for path in banks.bank_paths(found.round_dir()) if found.round_dir().is_dir() else []:
        with contextlib.suppress(InputError):
            data = read_yaml(path).data
            if kept_beside_responses(data) and data.get("format"):
                return True
    return False


def check_invitations(files: Sequence[Path], bank_dirs: Sequence[Path] = ()) -> None:
    """Response files given by name that sit in an engagement's round folder must be ones
    that count in that round, as if the round had been read whole: another round's, another
    person's, an uninvited person's or a second response is refused with its reason. Files
    elsewhere are not checked."""
    problems: list[Problem] = []
    for folder in dict.fromkeys(f.parent.resolve() for f in files):
        found = find(folder)
        chosen = round_of(found, folder) if found is not None else None
        if found is None or chosen is None or found.round_dir(chosen).resolve() != folder:
            continue
        current = round_status_of(found, chosen, found.bank(bank_dirs, chosen))
        counted = {p.file for p in current.people if p.state == "answered"}
        reasons = dict(current.stray)
        for file in (f for f in files if f.parent.resolve() == folder):
            if file.name not in counted and file.name in reasons:
                problems.append(Problem(reasons[file.name], str(file), hint=MOVE_IT_OUT))
    if problems:
        raise InputError(problems)


MOVE_IT_OUT = (
    "move it out of the round's folder; ownerdiag status shows who still has to answer this round"
)


def _refused(current: RoundStatus, folder: Path) -> list[Problem]:
    reasons = dict(current.stray)
    return [
        Problem(reasons[name], str(folder / name), hint=MOVE_IT_OUT) for name in current.refused
    ]


def round_responses(found: Found, bank: Bank, round: Round | None = None) -> list[Path]:
    """A round's (by default the current one's) finished response files of the people
    invited, for compare, resolve and charter; refused while a file in it fails its
    invitation or is a second response from someone, or while fewer than two answered."""
    chosen = round or found.engagement.current
    done, waiting = counted(found, bank, chosen)
    if len(done) < 2:
        raise InputError.single(
            f"round {chosen.name} is waiting for {', '.join(waiting)} ({len(done)} of "
            f"{len(done) + len(waiting)} answered; a comparison needs two or more)",
            str(found.round_dir(chosen)),
            "see who is missing with: ownerdiag status",
        )
    return done


def counted(found: Found, bank: Bank, round: Round) -> tuple[list[Path], list[str]]:
    """The finished responses of the invited that count in a round, and the names of those it
    still waits for; a file that fails its invitation, or a second response, is refused."""
    folder = found.round_dir(round)
    found.checked(bank)
    current = round_status_of(found, round, bank)
    if current.refused:
        raise InputError(_refused(current, folder))
    if current.unreadable:
        reasons = dict(current.stray)
        raise InputError([Problem(reasons[n], str(folder / n)) for n in current.unreadable])
    if current.doubled:
        file = current.doubled[0]
        why = dict(current.stray)[file]
        raise InputError.single(
            why, str(folder / file), "keep one response per person in the round"
        )
    done = [folder / p.file for p in current.people if p.state == "answered"]
    return done, [p.person.name for p in current.missing]
