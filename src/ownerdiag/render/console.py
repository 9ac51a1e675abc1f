"""Rich consoles that respect NO_COLOR, TERM=dumb and pipes, and never read markup from data."""

from __future__ import annotations

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

    from ownerdiag.files.environment import current

    env = current()
    stream = file or (env.stderr if stderr else env.stdout)
    terminal = None if file is not None else env.stderr_isatty if stderr else env.stdout_isatty
    force: bool | None
    if color == "always":
        plain, force = False, True
    else:  # TERM=dumb: no escape sequences at all, not even bold
        plain = plain or color == "never" or env.dumb or env.no_color
        force = False if env.dumb or color == "never" else terminal
    return QuietConsole(
        file=stream,
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
    from ownerdiag.files.environment import current

    env = current()
    command = env.pager if pager and console.is_terminal else None
    if command is None or text.count("\n") < console.height:
        console.file.write(text)
        console.file.flush()
        return
    import subprocess

    variables = {**env.variables}
    variables.setdefault("LESS", "FRX")  # quit if one screen, keep colour, leave the screen as is
    variables.setdefault("LV", "-c")
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=variables)
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
