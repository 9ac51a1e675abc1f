"""The meeting's commands: ``compare``, ``resolve``, ``charter`` and ``trend``."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ownerdiag.app.common import agreement_date, continue_command, continuing, inputs
from ownerdiag.app.common import require_terminal as _require_terminal
from ownerdiag.app.context import EngagementContext
from ownerdiag.app.outcome import Document, Outcome

if TYPE_CHECKING:
    from ownerdiag.core.engine import Comparison
    from ownerdiag.core.models import Decisions


@dataclass(frozen=True)
class Responses:
    """Which responses a command reads: files (or, with none, the engagement's current round),
    the bank they answered, and the options every reader of them shares."""

    files: Sequence[Path] = ()
    bank: str | None = None
    bank_dirs: Sequence[Path] = ()
    allow_incomplete: bool = False
    title: str = ""
    round: str | None = None

    def read(self) -> tuple[Comparison, list[Path], str]:
        """The comparison, the files it read (bank file included) and the document's title."""
        from ownerdiag.files.collect import compare_files

        context = EngagementContext(bank_dirs=self.bank_dirs)
        files, bank, title = context.response_files(self.files, self.bank, self.title, self.round)
        comparison = compare_files(files, bank, self.bank_dirs, self.allow_incomplete)
        return comparison, inputs(files, bank), title


def compare(
    responses: Responses,
    *,
    format: str | None,
    out: Path | None,
    force: bool,
    fail_on: str | None,
    show_all: bool,
    color: str,
    pager: bool,
) -> Outcome:
    """The lane-gap report."""
    comparison, read, title = responses.read()
    options = {"show_all": show_all, "title": title}
    document = Document("report", comparison, format, out, force, read, color, pager, options)
    tripped = fail_on is not None and comparison.reaches(fail_on)
    return Outcome(document, tripped=tripped)


def resolve(
    responses: Responses,
    *,
    out: Path | None,
    answers: Path | None,
    resume: bool,
    restart: bool,
    force: bool,
    argv: Sequence[str],
    format: str | None = None,
) -> Outcome:
    """Walk through every item to settle, worst first, and record what the room agrees; or
    write the meeting as one page (``html``) that saves the decisions itself."""
    if format is not None or (out is not None and out.suffix.lower() in (".html", ".htm")):
        return meeting_page(responses, format=format, out=out, force=force)
    out = out or Path("decisions.yaml")
    from ownerdiag.core.agenda import items as agenda_items
    from ownerdiag.core.agenda import steps
    from ownerdiag.core.decisions import open_items
    from ownerdiag.interactive import jobs

    if answers is None:
        _require_terminal("run the meeting", "give the decisions with --answers FILE")
    comparison, read, _ = responses.read()
    agenda = steps(comparison)
    items = agenda_items(agenda)
    decisions = jobs.meeting(
        comparison, agenda, out, answers, resume=continuing(resume, restart), force=force,
        continue_with=continue_command(argv), inputs=read,
    )  # fmt: skip
    still_open = len(open_items(decisions, items))
    # in the terminal, the room reviewed its decisions before saving them
    review = meeting_review(comparison, decisions) if answers is not None else []
    settled = f"{len(items) - still_open} of {len(items)} items settled"
    given = " ".join(shlex.quote(str(f)) for f in responses.files)
    if responses.bank:
        given += f" --bank {shlex.quote(responses.bank)}"
    charter = f"ownerdiag charter {given}".rstrip()
    return Outcome(
        notes=[
            *review,
            f"Saved {out}: {settled}, {still_open} still open.",
            f"Next: {charter} --decisions {shlex.quote(str(out))} --out charter.md",
        ]
    )


def meeting_page(
    responses: Responses, *, format: str | None, out: Path | None, force: bool
) -> Outcome:
    """The meeting as one offline page for the projector."""
    from ownerdiag.render.meeting_html import MeetingRequest

    comparison, read, title = responses.read()
    document = Document("meeting", MeetingRequest(comparison, title), format, out, force, read)
    notes = []
    if out is not None:
        notes.append(
            f"Open {out} in a browser on the projector: the room decides item by item, and the "
            "page saves the decisions file that charter reads."
        )
    return Outcome(document, notes=notes)


def meeting_review(comparison: Comparison, decisions: Decisions) -> list[str]:
    """What the meeting settled, one line per item: the screen before the charter."""
    from ownerdiag.render.charter_view import decisions_review

    lines = decisions_review(comparison, decisions)
    return ["", "The meeting's decisions:", *lines] if lines else []


def charter(
    responses: Responses,
    *,
    decisions: Path | None,
    format: str | None,
    out: Path | None,
    on: str | None,
    force: bool,
) -> Outcome:
    """The ownership agreement to sign."""
    from ownerdiag.core.charter import draft
    from ownerdiag.files.documents import load_decisions
    from ownerdiag.render.meeting_html import check_stamp

    today = agreement_date(on)
    comparison, read, title = responses.read()
    agreed = None
    if decisions is not None:
        agreed = load_decisions(decisions, comparison.bank, comparison.responses)
        check_stamp(comparison, agreed, decisions)
        read = [*read, decisions]
    result = draft(comparison, agreed, today)
    return Outcome(Document("charter", result, format, out, force, read, options={"title": title}))


def trend(
    rounds: Sequence[Path],
    *,
    labels: Sequence[str],
    format: str | None,
    out: Path | None,
    force: bool,
    color: str,
    pager: bool,
    allow_incomplete: bool,
    bank_dirs: Sequence[Path],
    round_names: Sequence[str] = (),
) -> Outcome:
    """What changed between rounds."""
    from ownerdiag.files.collect import follow_rounds

    context = EngagementContext(bank_dirs=bank_dirs)
    chosen, names, title, notes = context.trend_rounds(
        rounds, [x.strip() for x in labels], [x.strip() for x in round_names]
    )
    result = follow_rounds(chosen, bank_dirs, allow_incomplete, names)
    read = [path for each in chosen for path in each.folder.iterdir()]
    options = {"title": title}
    document = Document("trend", result, format, out, force, read, color, pager, options)
    return Outcome(document, notes=notes)
