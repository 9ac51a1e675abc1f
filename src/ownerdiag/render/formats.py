"""The output formats and the documents each one writes, in one registry.

Each format is a module with one function per document it can write — ``report(comparison)``,
``trend(trend)``, ``charter(charter)`` — returning the text (or, for a format in ``BINARY``, the
bytes); a format that can also draw on a live terminal adds ``show_report``/``show_trend``
taking a console. ``DOCUMENTS`` says which formats write which document: the command line
offers exactly those, and a test checks that each one is there.

Adding a format: a module beside this one, one line in ``FORMATS``, and its name under each
document it writes in ``DOCUMENTS``. Modules are imported only when their format is asked
for, so no command pays for a format it does not use.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import Any

from ownerdiag.errors import InputError

FORMATS: dict[str, str] = {
    "terminal": "ownerdiag.render.terminal",
    "json": "ownerdiag.render.json_format",
    "markdown": "ownerdiag.render.markdown",
    "html": "ownerdiag.render.html",
    "csv": "ownerdiag.render.csv_format",
    "xlsx": "ownerdiag.render.xlsx_format",
    "yaml": "ownerdiag.render.yaml_format",
}
"""Format name -> the module that writes it."""

DOCUMENTS: dict[str, tuple[str, ...]] = {
    "report": ("terminal", "json", "markdown", "html", "csv", "xlsx"),
    "trend": ("terminal", "json", "markdown", "html"),
    "charter": ("markdown", "html"),
    "portfolio": ("terminal", "json", "csv", "html"),
    "status": ("terminal", "json"),
    "desk": ("terminal", "json"),
    "banks": ("terminal", "json"),
    "bank": ("terminal", "json", "yaml"),
    "schema": ("json",),
    "form": ("yaml", "html"),
    "meeting": ("html",),
}
"""Document -> the formats that write it, the first being the default."""


SUFFIXES: dict[str, str] = {
    ".txt": "terminal",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".yaml": "yaml",
    ".yml": "yaml",
}
"""What an --out file's extension says about its format."""

BINARY = frozenset({"xlsx"})
"""Formats whose documents are bytes: written only to a file, never to stdout or a ``.txt``."""


def choose(document: str, format: str | None, out: Path | None) -> str:
    """The format asked for, else the one ``out``'s extension names, else the document's
    default; an extension that contradicts the format asked for, names none, or names a format
    that cannot write this document, is refused."""
    chosen = _choose(format, out, DOCUMENTS[document])
    if chosen not in DOCUMENTS[document]:
        raise InputError.single(
            f"the {chosen} format cannot write a {document}",
            str(out) if out is not None and format is None else "--format",
            f"choose one of: {', '.join(DOCUMENTS[document])}",
        )
    return chosen


def _choose(format: str | None, out: Path | None, writers: tuple[str, ...]) -> str:
    named = SUFFIXES.get(out.suffix.lower()) if out is not None else None
    if format is not None and named not in (*writers, "terminal"):
        named = None  # an extension this document is never written as says nothing here
    if out is not None and named is None and format is None:
        known = ", ".join(SUFFIXES)
        raise InputError.single(
            f"cannot tell the format from the extension {out.suffix or '(none)'!r}",
            str(out),
            f"use one of {known}, or give --format",
        )
    text_ok = named == "terminal" and format not in BINARY  # any text can be .txt
    if format is not None and named not in (None, format) and not text_ok:
        raise InputError.single(
            f"the file name says {'plain text' if named == 'terminal' else named} "
            f"but --format says {format}",
            str(out),
            "make them agree",
        )
    if named == "terminal":  # plain text: whatever plain text this document is written as
        named = None
    return format or named or writers[0]


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
    chosen = choose(document, name, out)
    if out is not None:
        from ownerdiag.files.storage import refuse_overwrite

        refuse_overwrite(out, force, "output file", inputs)
    module = renderer(chosen)
    show = getattr(module, f"show_{document}", None)
    if out is None and show is not None:
        from ownerdiag.render.console import make_console

        show(result, make_console(color=color), pager=pager, **options)
        return
    write = getattr(module, document)
    if out is None and chosen in BINARY:
        raise _binary_to_stdout(chosen)
    emit(write(result, **options), out, force=force)


def emit(data: str | bytes, out: Path | None, *, force: bool = False) -> None:
    """Data to stdout, or to a file (atomically) with a note on stderr. Bytes (a binary
    format's) go to a file only."""
    from ownerdiag.files.environment import current

    env = current()
    if out is None:
        if isinstance(data, bytes):
            raise _binary_to_stdout(None)
        env.stdout.write(data)
        env.stdout.flush()
        return
    from ownerdiag.files.storage import write_atomic

    write_atomic(out, data, force=force)
    env.note(f"Wrote {out}")


def _binary_to_stdout(name: str | None) -> InputError:
    what = f"{name} is a binary format" if name else "a binary document"
    example = f" report.{name}" if name else ""
    return InputError.single(
        f"{what} and is never printed", "stdout", f"write it to a file with --out{example}"
    )
