"""Rich consoles that respect NO_COLOR, TERM=dumb and pipes, and never read markup from data."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def make_console(
    *,
    stderr: bool = False,
    file: IO[str] | None = None,
    width: int | None = None,
    plain: bool = False,
    color: str = "auto",
) -> Console:
    """``color``: ``always``, ``never``, or ``auto`` (on a terminal, unless NO_COLOR or
    TERM=dumb say otherwise)."""
    from rich.console import Console

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich's own handler exits 1, which --fail-on reserves for "conflict found": leave
            # it to the one handler every command has (cli/exits.py)
            raise BrokenPipeError

    dumb = os.environ.get("TERM") == "dumb"  # no escape sequences at all, not even bold
    force: bool | None
    if color == "always":
        plain, force = False, True
    else:
        plain = plain or color == "never" or dumb or "NO_COLOR" in os.environ
        force = False if dumb or color == "never" else None
    return QuietConsole(
        stderr=stderr,
        file=file,
        width=width,
        force_terminal=force,
        no_color=plain,
        markup=False,
        emoji=False,
        highlight=False,
    )


def titled_table(title: str, *, expand: bool = False) -> Table:
    """The report's table style: a bold title on the left, a rule under the header only."""
    from rich import box
    from rich.table import Table

    return Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        expand=expand,
    )


_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def captured(console: Console, paint: Callable[[Console], None]) -> str:
    """What ``paint`` prints on ``console``, without the trailing spaces rich pads lines with
    (ragged when pasted into mail or chat)."""
    with console.capture() as capture:
        paint(console)
    return _TRAILING.sub(r"\1", capture.get())


def blocks_painter(blocks: Iterable[Any]) -> Callable[[Console], None]:
    """Print the blocks, a blank line after each."""

    def paint(console: Console) -> None:
        for block in blocks:
            console.print(block)
            console.print()

    return paint


def page(text: str, console: Console, pager: bool) -> None:
    """Write ``text`` to the console's file; through the user's pager, as git does, when it is
    taller than the terminal (the pager keeps the colour and quits at once if it all fits)."""
    command = pager_command() if pager and console.is_terminal else None
    if command is None or text.count("\n") < console.height:
        console.file.write(text)
        console.file.flush()
        return
    import subprocess

    env = {**os.environ}
    env.setdefault("LESS", "FRX")  # quit if one screen, keep colour, leave the screen as is
    env.setdefault("LV", "-c")
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        console.file.write(text)
        return
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode(console.encoding or "utf-8", "replace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end: not an error
        pass
    while True:
        try:
            process.wait()
            return
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
            continue


def pager_command() -> str | None:
    """OWNERDIAG_PAGER, else PAGER, else less when installed; ``None`` for none (or ``cat``)."""
    import shutil

    for name in ("OWNERDIAG_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            value = value.strip()
            return None if value in ("", "cat") else value
    return "less" if shutil.which("less") else None
