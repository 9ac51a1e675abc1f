"""The lane-gap report in the terminal (rich), laid out from the one report view: readable at
100 columns, and without colour."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ownerdiag.core.text import literal
from ownerdiag.render.console import make_console, titled_table

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table

STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "none": "green"}
View = dict[str, Any]


def show_report(comparison: Any, console: Console) -> None:
    from ownerdiag.render.view import report_view

    for block in report_blocks(report_view(comparison)):
        console.print(block)
        console.print()


def report(comparison: Any) -> str:
    """The report as plain text, as it reads at 100 columns."""
    return _plain(show_report, comparison)


def show_trend(result: Any, console: Console) -> None:
    from ownerdiag.render.trend_terminal import print_trend
    from ownerdiag.render.trend_view import trend_view

    print_trend(trend_view(result), console)


def trend(result: Any) -> str:
    return _plain(show_trend, result)


def _plain(show: Any, result: Any) -> str:
    buffer = io.StringIO()
    show(result, make_console(file=buffer, width=100, plain=True))
    return buffer.getvalue()


def report_blocks(view: View) -> Iterable[RenderableType]:
    yield _header(view)
    if view["headline"] is not None:
        yield _headline(view["headline"])
    yield _summary(view)
    yield _settle_first(view)
    for section in view["sections"]:
        yield _lane_table(view, section)
    if view["texts"]:
        yield _own_words(view["texts"])


def _text(*parts: tuple[str, str] | str) -> Any:
    from rich.text import Text

    return Text.assemble(*parts)


def _header(view: View) -> RenderableType:
    from rich.console import Group

    bank = view["bank"]
    lines = [
        _text(
            ("Lane-gap report", "bold"),
            f" — {literal(bank['title'])} ({bank['id']} {bank['version']})",
        )
    ]
    for r in view["respondents"]:
        status = "" if r["complete"] else "  [unfinished]"
        lines.append(
            _text("  ", (literal(r["person"]), "bold"), f"  answered {r['answered']}{status}")
        )
        if r["cautions"]:
            doubt = "; ".join(r["cautions"])
            lines.append(_labelled("    ⚠ caution", f"{doubt}: read with care", "bold yellow"))
    return Group(*lines)


def _headline(top: View) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel

    said = _people((a["name"], _text((literal(a["answer"]), "bold"))) for a in top["answers"])
    verdict = top["verdict"]
    lines: list[RenderableType] = [
        _labelled("The test", literal(top["prompt"])),
        said,
        _text(
            ("→ " + top["sentence"], "bold"),
            "  ",
            (f"[{verdict['word']}]", STYLE[verdict["severity"]]),
            f"  framework: {literal(top['expected'])}",
        ),
    ]
    for note in top["notes"]:
        lines.append(_text((literal(note["prompt"]), "italic")))
        lines.append(_quotes(note["answers"]))
    return Panel(Group(*lines), title="Headline", title_align="left", expand=False)


def _people(rows: Iterable[tuple[str, RenderableType | str]], indent: str = "  ") -> RenderableType:
    """One line per person, ``name: what they said``, wrapped lines indented."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for name, body in rows:
        grid.add_row(f"{indent}{literal(name)}:", body)
    return grid


def _quotes(answers: list[View], indent: str = "  ") -> RenderableType:
    return _people(
        (
            (a["name"], "—" if a["text"] is None else f"“{literal(str(a['text']))}”")
            for a in answers
        ),
        indent,
    )


def _summary(view: View) -> RenderableType:
    from rich.console import Group
    from rich.table import Table

    scores = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    scores.add_row(_text(("Overall alignment", "bold")), view["overall_bar"], view["score_text"])
    for lane in view["lanes"]:
        scores.add_row(f"  {literal(lane['title'])}", lane["bar"], lane["score_text"])
    counts = [f"{c['symbol']} {c['name']} {c['n']}" for c in view["counts"]]
    parts: list[RenderableType] = [
        _text(("Gap summary", "bold")),
        scores,
        _labelled("Verdicts", _flow(counts)),
    ]
    if view["agreement_text"]:
        parts.append(_labelled("Agreement", view["agreement_text"]))
    if view["pairwise"]:
        parts.append(_pairwise(view))
    key = _flow([f"{c['symbol']} {c['name']}: {c['meaning']}" for c in view["counts"]], "dim")
    parts.append(_labelled("Key", key))
    return Group(*parts)


def _flow(items: list[str], style: str = "") -> RenderableType:
    """Items side by side, wrapping between items, never inside one."""
    from rich.columns import Columns

    return Columns([_text((item, style)) for item in items], padding=(0, 2))


def _labelled(label: str, body: RenderableType | str, style: str = "bold") -> RenderableType:
    """``label: body`` with wrapped lines of the body indented under its first line."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(_text((f"{label}:", style)), body)
    return grid


def _pairwise(view: View) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(
        title="Who agrees with whom (same answer)",
        box=box.SIMPLE,
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("")
    for r in view["respondents"]:
        table.add_column(literal(r["name"]), justify="right")
    for row in view["pairwise"]:
        table.add_row(*(literal(cell) for cell in row))
    return table


def _settle_first(view: View) -> RenderableType:
    from rich.console import Group
    from rich.table import Table

    if not view["conflicts"]:
        return _text(("Settle these first: ", "bold"), "nothing — every item is aligned.")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for c in view["conflicts"]:
        verdict = c["verdict"]
        lines: list[RenderableType] = [
            _text(
                (f"{verdict['severity_word']} {verdict['word']}", STYLE[verdict["severity"]]),
                f"  {literal(c['prompt'])}",
            ),
            _text(literal(c["positions"]), f" · framework: {literal(c['expected'])}"),
        ]
        if c["remedy"]:
            lines.append(_text(("Remedy: ", "bold"), literal(c["remedy"])))
        grid.add_row(f"{c['number']}.", Group(*lines))
    parts: list[RenderableType] = [
        _text(("Settle these first", "bold"), f" ({view['conflict_count']} items, worst first)"),
        grid,
    ]
    if view["later"]:
        parts.append(_text(f"    Then {len(view['later'])} lower-priority items:"))
        later = Table.grid(padding=(0, 1))
        later.add_column(justify="right", no_wrap=True)
        later.add_column()
        for c in view["later"]:
            later.add_row(f"{c['number']}.", f"{literal(c['prompt'])} ({c['verdict']['word']})")
        parts.append(later)
    return Group(*parts)


def _lane_table(view: View, section: View) -> Table:
    title = literal(section["title"])
    caption = (
        f"{title} — alignment {section['score_text']}" if section["score"] is not None else title
    )
    table = titled_table(caption, expand=True)
    table.add_column("question", ratio=2 if view["crowded"] else 3, overflow="fold")
    for r in view["respondents"]:
        table.add_column(literal(r["column"]), ratio=1, overflow="fold", min_width=6)
    table.add_column("framework", min_width=9)
    table.add_column("verdict", no_wrap=True)
    for row in section["rows"]:
        verdict = row["verdict"]
        table.add_row(
            literal(row["prompt"]),
            *(literal(a) for a in row["answers"]),
            literal(row["expected"]),
            _text((verdict["word"], STYLE[verdict["severity"]])),
        )
    return table


def _own_words(texts: list[View]) -> RenderableType:
    from rich.console import Group

    lines: list[RenderableType] = [_text(("In their own words", "bold"), " (not judged)")]
    for t in texts:
        lines.append(_text(("  " + literal(t["prompt"]), "italic")))
        lines.append(_quotes(t["answers"], indent="    "))
    return Group(*lines)
