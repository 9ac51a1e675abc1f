"""The report in a real terminal: taller than the screen, it opens at the top in a pager, in
colour, and the room sees the test and the scores first."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pexpect
import pyte
import pytest

from .conftest import EXAMPLES
from .test_hardening import COLOUR, is_colour

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("less"), reason="the default pager, less, is not here"),
]
EXE = str(Path(sys.executable).with_name("ownerdiag"))
FILES = [str(p) for p in sorted((EXAMPLES / "outbound").glob("*.yaml"))]


def first_screen(rows: int, columns: int, *extra: str, **env: str) -> tuple[str, str]:
    """What the terminal shows once the report has drawn, and the raw bytes it received."""
    environment = {k: v for k, v in os.environ.items() if k not in ("PAGER", "LESS", "NO_COLOR")}
    environment.pop("OWNERDIAG_PAGER", None)
    child = pexpect.spawn(
        EXE,
        ["compare", *FILES, *extra],
        env={**environment, "TERM": "xterm-256color", **env},
        encoding="utf-8",
        dimensions=(rows, columns),
        timeout=20,
    )
    screen = pyte.Screen(columns, rows)
    stream = pyte.Stream(screen)
    received = ""
    while True:
        try:
            received += child.read_nonblocking(65536, timeout=1.5)
        except pexpect.TIMEOUT:
            break  # the pager waits for a key: the screen is drawn
        except pexpect.EOF:
            break
    stream.feed(received)
    if child.isalive():
        child.send("q")
        child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return "\n".join(screen.display), received


def coloured(received: str) -> bool:
    return any(is_colour(code) for code in COLOUR.findall(received))


@pytest.mark.parametrize(("rows", "columns"), [(24, 80), (30, 100)])
def test_the_first_screen_shows_the_test_and_the_scores(rows: int, columns: int):
    shown, received = first_screen(rows, columns)
    assert "Lane-gap report" in shown and "The test:" in shown
    assert "Alignment" in shown and shown.count("/100") >= 4
    assert coloured(received)  # colour kept through the pager
    assert "In their own words" not in shown  # the end of the report has not scrolled in


def test_no_pager_prints_it_all():
    shown, received = first_screen(24, 80, "--no-pager")
    assert "In their own words" in received and "Details" in shown


def test_color_never_drops_the_colour():
    _, received = first_screen(24, 80, "--color", "never")
    assert not coloured(received)
