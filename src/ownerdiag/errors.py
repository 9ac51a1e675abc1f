"""The one error type every layer raises for bad input; the CLI turns it into exit code 2.

Lower layers never spell command-line flags: a problem that a flag would fix carries a
:class:`Fix`, and the CLI words the advice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol


class Fix(Enum):
    """What would fix a problem, for the CLI to word as flag-level advice."""

    REPLACE = "replace"
    """The target exists: replace it, or write elsewhere."""
    FORCE = "force"
    """The target exists and has a fixed place: replace it, or keep it."""
    CONTINUE_OR_RESTART = "continue_or_restart"
    """Unfinished progress is saved there: continue it, or start over."""
    START_AFRESH = "start_afresh"
    """There is no progress to continue."""
    SAME_SURVEY = "same_survey"
    """Progress saved for another bank, role or person."""
    FINISH_OR_ALLOW_INCOMPLETE = "finish_or_allow_incomplete"
    GIVE_BANK_FILE = "give_bank_file"
    """The responses answered another version of the bank."""
    CHECK_BANK_DIR = "check_bank_dir"
    KEEP_ROUND_BANK = "keep_round_bank"
    """A round's responses answered another version of the bank than the one found."""
    CHOOSE_OTHER_OUT = "choose_other_out"
    """The target cannot be written: write elsewhere."""
    WAIT_OR_OTHER_OUT = "wait_or_other_out"
    """Another session is filling the target in."""
    SEE_FORM = "see_form"
    """The answers do not fit the bank: the paper form lists what does."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as we know."""

    message: str
    source: str = ""
    line: int | None = None
    column: int | None = None
    hint: str = ""
    fix: Fix | None = None

    def location(self) -> str:
        parts = [self.source or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


@dataclass
class InputError(Exception):
    """Bad user input: one or more problems, each printed on its own line."""

    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def single(
        cls,
        message: str,
        source: str = "",
        hint: str = "",
        *,
        fix: Fix | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> InputError:
        return cls([Problem(message, source, line, column, hint, fix)])

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


Path_ = tuple[str | int, ...]


class Located(Protocol):
    """Parsed data that knows where each part of it stood in its source (a YAML document)."""

    data: Any
    source: str

    def locate(self, path: Path_) -> tuple[int | None, int | None]: ...
