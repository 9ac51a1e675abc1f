"""What a command produced, and the one path by which it reaches the screen or a file."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ownerdiag.errors import InputError, Problem
from ownerdiag.files.environment import begin, current, end

__all__ = ["Document", "Outcome", "begin", "end", "show", "silence_stdout"]


@dataclass
class Document:
    """A registered document (``report``, ``trend``, ``status``…) to print or write."""

    name: str
    result: Any
    format: str | None = None
    out: Path | None = None
    force: bool = False
    inputs: Sequence[Path] = ()
    color: str = "auto"
    pager: bool = True
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outcome:
    """A command's result: a document, lines of data for stdout, notes for stderr (after the
    document), whether ``--fail-on`` (or ``--check``) tripped, and problems that make it fail
    once everything else is shown."""

    document: Document | None = None
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tripped: bool = False
    problems: list[Problem] = field(default_factory=list)


def show(outcome: Outcome) -> None:
    """Deliver the document, print the lines and notes (every character shown literally),
    then fail with the problems, if any."""
    from ownerdiag.core.text import literal

    env = current()
    doc = outcome.document
    if doc is not None:
        from ownerdiag.render.formats import deliver

        deliver(
            doc.name, doc.format, doc.result, doc.out, force=doc.force, inputs=doc.inputs,
            color=doc.color, pager=doc.pager, **doc.options,
        )  # fmt: skip
    for line in outcome.lines:
        env.stdout.write(literal(line) + "\n")
    env.stdout.flush()
    for note in outcome.notes:
        env.note(note)
    if outcome.problems:
        raise InputError(outcome.problems)


def silence_stdout() -> None:
    """Send whatever is still buffered for stdout nowhere, so exiting cannot fail again (the
    reader of a pipe left early, or the disk is full)."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), current().stdout.fileno())
