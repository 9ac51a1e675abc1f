"""The output formats, by name. Each is a module with one function per document it can write —
``report(comparison)``, ``trend(trend)``, ``charter(charter)`` — returning the text; a format that
can also draw on a live terminal adds ``show_report``/``show_trend`` taking a console.

Adding a format: a module beside this one, and one line in ``FORMATS``. Modules are imported
only when their format is asked for, so no command pays for a format it does not use.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import Any

from ownerdiag.errors import Fix, InputError

FORMATS: dict[str, str] = {
    "terminal": "ownerdiag.render.terminal",
    "json": "ownerdiag.render.json_format",
    "markdown": "ownerdiag.render.markdown",
    "html": "ownerdiag.render.html",
}
"""Format name -> the module that writes it."""


SUFFIXES: dict[str, str] = {
    ".txt": "terminal",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
"""What an --out file's extension says about its format."""


def choose(format: str | None, out: Path | None, default: str) -> str:
    """The format asked for, else the one ``out``'s extension names, else ``default``; an
    extension that contradicts the format asked for, or names none, is refused."""
    named = SUFFIXES.get(out.suffix.lower()) if out is not None else None
    if out is not None and named is None and format is None:
        known = ", ".join(SUFFIXES)
        raise InputError.single(
            f"cannot tell the format from the extension {out.suffix or '(none)'!r}",
            str(out),
            f"use one of {known}, or give --format",
        )
    if format is not None and named not in (None, format, "terminal"):  # any text can be .txt
        raise InputError.single(
            f"the file name says {named} but --format says {format}", str(out), "make them agree"
        )
    if named == "terminal":  # plain text: whatever plain text this document is written as
        named = None
    return format or named or default


def renderer(name: str) -> ModuleType:
    return importlib.import_module(FORMATS[name])


def deliver(
    document: str,
    format: Enum | str | None,
    result: Any,
    out: Path | None,
    *,
    force: bool = False,
    inputs: Iterable[Path] = (),
    default: str = "terminal",
    color: str = "auto",
    pager: bool = True,
    **options: Any,
) -> None:
    """Print ``result`` as ``document`` in ``format``, or write it to ``out``.

    On a terminal a format may draw live (colour, the terminal's width); written to a file the
    same format is plain text. ``out`` is never one of ``inputs``, and an existing file is
    replaced only with ``force``. ``options`` go to the document's writer (``show_all``).
    """
    name = format.value if isinstance(format, Enum) else format
    chosen = choose(name, out, default)
    if out is not None:
        from ownerdiag.files.storage import refuse_overwrite

        refuse_overwrite(out, force, "output file", inputs)
    module = renderer(chosen)
    show = getattr(module, f"show_{document}", None)
    if out is None and show is not None:
        from ownerdiag.render.console import make_console

        show(result, make_console(color=color), pager=pager, **options)
        return
    write = getattr(module, document, None)
    if write is None:
        raise InputError.single(
            f"the {chosen} format cannot write a {document}", fix=Fix.OTHER_FORMAT
        )
    emit(write(result, **options), out, force=force)


def emit(text: str, out: Path | None, *, force: bool = False) -> None:
    """Data to stdout, or to a file (atomically) with a note on stderr."""
    import sys

    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from ownerdiag.files.storage import write_atomic

    write_atomic(out, text, force=force)
    print(f"Wrote {out}", file=sys.stderr)
