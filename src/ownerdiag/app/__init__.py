"""The application layer: one function per command.

Each takes plain values (paths, ids, flags) and returns an :class:`~ownerdiag.app.outcome.Outcome`
— a document for the one output path, lines, notes and whether ``--fail-on`` tripped — composing
the files, interactive and render layers. No typer here, and nothing printed but through
:func:`~ownerdiag.app.outcome.show`; the command line only declares options and calls in.
"""
