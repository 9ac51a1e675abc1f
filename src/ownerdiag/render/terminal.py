"""The lane-gap report in the terminal (rich): readable at 100 columns, and without colour."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ownerdiag.core.engine import Comparison, Item, Severity, headline
from ownerdiag.render.console import literal, titled_table
from ownerdiag.render.labels import (
    MEANING,
    SCORED_ORDER,
    agreement_text,
    answer_text,
    bar,
    expected_text,
    headline_sentence,
    pairwise_rows,
    person,
    positions,
    score_text,
    sections,
    severity_word,
    texts,
    verdict_word,
)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table

STYLE = {
    Severity.high: "bold red",
    Severity.medium: "yellow",
    Severity.low: "cyan",
    Severity.none: "green",
}
SETTLE_FIRST_LIMIT = 12


def print_report(comparison: Comparison, console: Console) -> None:
    for block in report_blocks(comparison):
        console.print(block)
        console.print()


def report_blocks(comparison: Comparison) -> Iterable[RenderableType]:
    yield _header(comparison)
    top = _headline(comparison)
    if top is not None:
        yield top
    yield _summary(comparison)
    yield _settle_first(comparison)
    for title, score, items in sections(comparison):
        yield _lane_table(comparison, title, score, items)
    if texts(comparison):
        yield _own_words(comparison, texts(comparison))


def _text(*parts: tuple[str, str] | str):
    from rich.text import Text

    return Text.assemble(*parts)


def _header(comparison: Comparison) -> RenderableType:
    from rich.console import Group

    bank = comparison.bank
    lines = [
        _text(("Lane-gap report", "bold"), f" — {literal(bank.title)} ({bank.id} {bank.version})")
    ]
    for response in comparison.responses:
        when = response.finished_at or response.started_at
        status = "" if response.complete else "  [unfinished]"
        lines.append(
            _text(
                "  ",
                (literal(person(bank, response, short=False)), "bold"),
                f"  answered {when:%Y-%m-%d}{status}",
            )
        )
    return Group(*lines)


def _headline(comparison: Comparison) -> RenderableType | None:
    from rich.console import Group
    from rich.panel import Panel

    top = headline(comparison)
    if top is None:
        return None
    bank = comparison.bank
    item = top.item
    said = _people(
        (r.respondent.name, _text((answer_text(bank, item, r.respondent.role, False), "bold")))
        for r in comparison.responses
    )
    lines: list[RenderableType] = [
        _labelled("The test", literal(item.question.prompt)),
        said,
        _text(
            ("→ " + headline_sentence(top), "bold"),
            "  ",
            (f"[{verdict_word(item.verdict)}]", STYLE[item.severity]),
            f"  framework: {literal(expected_text(bank, item))}",
        ),
    ]
    for note in top.notes:
        note_item = comparison.item(note.id)
        if note_item is None:
            continue
        lines.append(_text((literal(note.prompt), "italic")))
        lines.append(_quotes(comparison, note_item))
    return Panel(Group(*lines), title="Headline", title_align="left", expand=False)


def _people(rows: Iterable[tuple[str, RenderableType]], indent: str = "  ") -> RenderableType:
    """One line per person, ``name: what they said``, wrapped lines indented."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for name, body in rows:
        grid.add_row(f"{indent}{literal(name)}:", body)
    return grid


def _quotes(comparison: Comparison, item: Item, indent: str = "  ") -> RenderableType:
    rows = []
    for response in comparison.responses:
        said = item.answers.get(response.respondent.role)
        rows.append((response.respondent.name, "—" if said is None else f"“{literal(said)}”"))
    return _people(rows, indent)


def _summary(comparison: Comparison) -> RenderableType:
    from rich.console import Group
    from rich.table import Table

    scores = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    scores.add_row(
        _text(("Overall alignment", "bold")), bar(comparison.score), score_text(comparison.score)
    )
    for lane in comparison.lanes:
        scores.add_row(f"  {literal(lane.title)}", bar(lane.score), score_text(lane.score))
    counts = [f"{verdict_word(v)} {comparison.counts[v]}" for v in SCORED_ORDER]
    parts: list[RenderableType] = [
        _text(("Gap summary", "bold")),
        scores,
        _labelled("Verdicts", _flow(counts)),
    ]
    agreement = agreement_text(comparison.agreement)
    if agreement:
        parts.append(_labelled("Agreement", agreement))
    if len(comparison.responses) > 2:
        parts.append(_pairwise(comparison))
    key = _flow([f"{verdict_word(v)}: {MEANING[v]}" for v in SCORED_ORDER], style="dim")
    parts.append(_labelled("Key", key))
    return Group(*parts)


def _flow(items: list[str], style: str = "") -> RenderableType:
    """Items side by side, wrapping between items, never inside one."""
    from rich.columns import Columns

    return Columns([_text((item, style)) for item in items], padding=(0, 2))


def _labelled(label: str, body: RenderableType | str) -> RenderableType:
    """``label: body`` with wrapped lines of the body indented under its first line."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(_text((f"{label}:", "bold")), body)
    return grid


def _pairwise(comparison: Comparison) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(
        title="Who agrees with whom (same answer)",
        box=box.SIMPLE,
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("")
    for response in comparison.responses:
        table.add_column(literal(response.respondent.name), justify="right")
    for row in pairwise_rows(comparison):
        table.add_row(*(literal(cell) for cell in row))
    return table


def _settle_first(comparison: Comparison) -> RenderableType:
    from rich.console import Group

    conflicts = comparison.conflicts()
    if not conflicts:
        return _text(("Settle these first: ", "bold"), "nothing — every item is aligned.")
    from rich.table import Table

    bank = comparison.bank
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for number, item in enumerate(conflicts[:SETTLE_FIRST_LIMIT], 1):
        style = STYLE[item.severity]
        lines: list[RenderableType] = [
            _text(
                (f"{severity_word(item.severity)} {verdict_word(item.verdict)}", style),
                f"  {literal(item.question.prompt)}",
            ),
            _text(
                literal(positions(comparison, item)),
                f" · framework: {literal(expected_text(bank, item))}",
            ),
        ]
        if item.question.remedy:
            lines.append(_text(("Remedy: ", "bold"), literal(item.question.remedy)))
        grid.add_row(f"{number}.", Group(*lines))
    parts: list[RenderableType] = [
        _text(("Settle these first", "bold"), f" ({len(conflicts)} items, worst first)"),
        grid,
    ]
    hidden = len(conflicts) - SETTLE_FIRST_LIMIT
    if hidden > 0:
        parts.append(_text(f"    … and {hidden} lower-priority items in the tables below."))
    return Group(*parts)


def _lane_table(comparison: Comparison, title: str, score: int | None, items: list[Item]) -> Table:

    bank = comparison.bank
    caption = f"{literal(title)} — alignment {score_text(score)}" if score is not None else title
    table = titled_table(caption, expand=True)
    crowded = len(comparison.responses) > 3
    table.add_column("question", ratio=2 if crowded else 3, overflow="fold")
    for response in comparison.responses:
        role = response.respondent.role
        header = bank.short_label(role, width=5) if crowded else person(bank, response)
        table.add_column(literal(header), ratio=1, overflow="fold", min_width=6)
    table.add_column("framework", min_width=9)
    table.add_column("verdict", no_wrap=True)
    for item in items:
        table.add_row(
            literal(item.question.prompt),
            *(literal(answer_text(bank, item, r.respondent.role)) for r in comparison.responses),
            literal(expected_text(bank, item)),
            _text((verdict_word(item.verdict), STYLE[item.severity])),
        )
    return table


def _own_words(comparison: Comparison, items: list[Item]) -> RenderableType:
    from rich.console import Group

    lines: list[RenderableType] = [_text(("In their own words", "bold"), " (not judged)")]
    for item in items:
        lines.append(_text(("  " + literal(item.question.prompt), "italic")))
        lines.append(_quotes(comparison, item, indent="    "))
    return Group(*lines)
