"""Rich consoles that respect NO_COLOR, TERM=dumb and pipes, and never read markup from data."""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def make_console(
    *,
    stderr: bool = False,
    file: IO[str] | None = None,
    width: int | None = None,
    plain: bool = False,
) -> Console:
    from rich.console import Console

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich's own handler exits 1, which --fail-on reserves for "conflict found": leave
            # it to the one handler every command has (cli/exits.py)
            raise BrokenPipeError

    dumb = os.environ.get("TERM") == "dumb"  # no escape sequences at all, not even bold
    plain = plain or dumb or "NO_COLOR" in os.environ
    return QuietConsole(
        stderr=stderr,
        file=file,
        width=width,
        force_terminal=False if dumb else None,
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
