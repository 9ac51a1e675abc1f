"""The one I/O environment: streams, whether they are terminals, colour, pager and terminal
size, decided once when a command starts and read from here by every layer that draws, asks
or writes to a stream (as httpie's ``Environment``). Tests swap it with :func:`use`."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TextIO

from ownerdiag.core.text import literal


@dataclass(frozen=True)
class Environment:
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    stdin_isatty: bool
    stdout_isatty: bool
    dumb: bool
    """``TERM=dumb``: no escape sequence at all, not even bold."""
    no_color: bool
    """``NO_COLOR`` is set."""
    pager: str | None
    """``$OWNERDIAG_PAGER``, else ``$PAGER``, else ``less`` when installed; None for none."""
    stderr_isatty: bool = False
    columns: int = 80
    lines: int = 24
    variables: Mapping[str, str] = field(default_factory=dict)
    """The process environment, for the programs ownerdiag starts (the pager)."""

    @classmethod
    def detect(cls) -> Environment:
        variables = dict(os.environ)
        size = shutil.get_terminal_size()
        return cls(
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdin_isatty=_isatty(sys.stdin),
            stdout_isatty=_isatty(sys.stdout),
            dumb=variables.get("TERM") == "dumb",
            no_color="NO_COLOR" in variables,
            pager=_pager(variables),
            stderr_isatty=_isatty(sys.stderr),
            columns=size.columns,
            lines=size.lines,
            variables=variables,
        )

    def note(self, text: str) -> None:
        """A message for the person, on stderr; paths and names in it shown literally (the one
        escaping rule), so a folder's name cannot move the cursor or retitle the terminal."""
        print(literal(text), file=self.stderr, flush=True)


def _isatty(stream: TextIO | None) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):
        return False


def _pager(variables: Mapping[str, str]) -> str | None:
    for name in ("OWNERDIAG_PAGER", "PAGER"):
        value = variables.get(name)
        if value is not None:
            value = value.strip()
            return None if value in ("", "cat") else value
    return "less" if shutil.which("less") else None


_CURRENT: list[Environment] = []
_PINNED: list[Environment] = []


def begin() -> Environment:
    """Decide the environment for the command that starts now (the pinned one in tests)."""
    _CURRENT[:] = _PINNED[-1:] or [Environment.detect()]
    return _CURRENT[0]


def end() -> None:
    """Forget the finished command's environment: its streams may be closed now."""
    _CURRENT[:] = _PINNED[-1:]


def current() -> Environment:
    """The environment of the running command; outside a command, the process's as it is now."""
    return _CURRENT[0] if _CURRENT else Environment.detect()


@contextlib.contextmanager
def use(environment: Environment) -> Iterator[Environment]:
    """Run with ``environment`` in place of the detected one (tests)."""
    saved = list(_CURRENT)
    _PINNED.append(environment)
    _CURRENT[:] = [environment]
    try:
        yield environment
    finally:
        _PINNED.pop()
        _CURRENT[:] = saved
