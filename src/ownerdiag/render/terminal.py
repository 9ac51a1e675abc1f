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

STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "none": "green"}
View = dict[str, Any]


def show_report(
    comparison: Any, console: Console, show_all: bool = False, pager: bool = False, title: str = ""
) -> None:
    """The report on ``console``; through a pager when ``pager`` and it is taller than the
    screen of a terminal."""
    from ownerdiag.render.console import blocks_painter
    from ownerdiag.render.view import report_view

    blocks = report_blocks(report_view(comparison, show_all, title), console.width)
    _show(blocks_painter(blocks), console, pager)


def show_trend(result: Any, console: Console, pager: bool = False, title: str = "") -> None:
    from ownerdiag.render.trend_terminal import print_trend
    from ownerdiag.render.trend_view import trend_view

    view = trend_view(result, title)
    _show(lambda c: print_trend(view, c), console, pager)


def show_portfolio(result: Any, console: Console, pager: bool = False) -> None:
    from ownerdiag.render.portfolio_terminal import print_portfolio
    from ownerdiag.render.portfolio_view import portfolio_view

    view = portfolio_view(result)
    _show(lambda c: print_portfolio(view, c), console, pager)


def show_status(result: Any, console: Console, pager: bool = False) -> None:
    from ownerdiag.render.status_view import status_lines

    _show(
        lambda c: c.print("\n".join(map(literal, status_lines(result))), soft_wrap=True),
        console,
        pager,
    )


def show_desk(result: Any, console: Console, pager: bool = False) -> None:
    from ownerdiag.render.status_view import desk_lines

    _show(
        lambda c: c.print("\n".join(map(literal, desk_lines(result))), soft_wrap=True),
        console,
        pager,
    )


def desk(result: Any) -> str:
    return _as_text(show_desk, result)


def show_banks(entries: Any, console: Console, pager: bool = False) -> None:
    from ownerdiag.render.bankview import bank_list_table

    _show(lambda c: c.print(bank_list_table(entries)), console, pager)


def show_bank(found: Any, console: Console, pager: bool = False) -> None:
    from ownerdiag.render.bankview import bank_tables

    _show(lambda c: c.print(bank_tables(found)), console, pager)


def status(result: Any) -> str:
    return _as_text(show_status, result)


def banks(entries: Any) -> str:
    return _as_text(show_banks, entries)


def bank(found: Any) -> str:
    return _as_text(show_bank, found)


def report(comparison: Any, show_all: bool = False, title: str = "") -> str:
    """The report as plain text, as it reads at 100 columns."""
    return _as_text(show_report, comparison, show_all=show_all, title=title)


def trend(result: Any, title: str = "") -> str:
    return _as_text(show_trend, result, title=title)


def portfolio(result: Any) -> str:
    return _as_text(show_portfolio, result)


def _show(paint: Any, console: Console, pager: bool) -> None:
    from ownerdiag.render.console import captured, page

    page(captured(console, paint), console, pager)


def _as_text(show: Any, result: Any, **options: Any) -> str:
    """What ``show`` draws, as plain text at 100 columns."""
    buffer = io.StringIO()
    show(result, make_console(file=buffer, width=100, plain=True), **options)
    return buffer.getvalue()


def report_blocks(view: View, width: int = 100) -> Iterable[RenderableType]:
    """The report, most important first: who answered, the test, the scores and the items to
    settle fit the first screen; the tables, quotes and statistics follow."""
    yield _header(view)
    if view["headline"] is not None:
        yield _headline(view["headline"])
    yield _scores(view)
    yield _settle_first(view)
    for section in view["sections"]:
        yield _lane_table(view, section, width)
    yield _labelled(
        "Key", _flow([f"{c['symbol']} {c['name']}: {c['meaning']}" for c in view["counts"]], "dim")
    )
    if view["texts"]:
        yield _own_words(view["texts"])
    yield _details(view)


def _text(*parts: tuple[str, str] | str) -> Any:
    from rich.text import Text

    return Text.assemble(*parts)


def _header(view: View) -> RenderableType:
    from rich.console import Group

    bank = view["bank"]
    lines = [
        _text(
            ("Lane-gap report", "bold"),
            f" — {literal(view['title'])} ({bank['id']} {bank['version']})",
        )
    ]
    for r in view["respondents"]:
        status = "" if r["complete"] else "  [unfinished]"
        lines.append(
            _text("  ", (literal(r["person"]), "bold"), f", answered {r['answered']}{status}")
        )
        if r["cautions"]:
            doubt = "; ".join(r["cautions"])
            lines.append(_labelled("    ⚠ caution", f"{doubt}: read with care", "bold yellow"))
    return Group(*lines)


def _headline(top: View) -> RenderableType:
    from rich.console import Group

    said = _people((a["name"], _text((literal(a["answer"]), "bold"))) for a in top["answers"])
    verdict = top["verdict"]
    return Group(
        _labelled("The test", literal(top["prompt"])),
        said,
        _text(
            ("→ " + top["sentence"], "bold"),
            " ",
            (f"[{verdict['word']}]", STYLE[verdict["severity"]]),
            f" framework: {literal(top['expected'])}",
        ),
    )


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


def _scores(view: View) -> RenderableType:
    from rich.table import Table

    scores = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    scores.add_row(
        _text(("Alignment", "bold")), _text((view["score_text"], "bold")), view["overall_bar"]
    )
    for lane in view["lanes"]:
        scores.add_row(f"  {literal(lane['title'])}", lane["score_text"], lane["bar"])
    return scores


def _details(view: View) -> RenderableType:
    from rich.console import Group

    counts = [f"{c['symbol']} {c['name']} {c['n']}" for c in view["counts"]]
    parts: list[RenderableType] = [_text(("Details", "bold")), _labelled("Verdicts", _flow(counts))]
    if view["agreement_text"]:
        parts.append(_labelled("Agreement", view["agreement_text"]))
    if view["pairwise"]:
        parts.append(_pairwise(view))
    if view["bank"]["source"]:
        parts.append(_labelled("Sources", literal(view["bank"]["source"])))
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


def _pairwise(view: View) -> RenderableType:
    """Who agrees with whom, one pair per item, wrapping between pairs: no table to squeeze."""
    names = [literal(r["name"]) for r in view["respondents"]]
    pairs = []
    for i, row in enumerate(view["pairwise"]):
        for j in range(i + 1, len(names)):
            pairs.append(f"{names[i]} & {names[j]} {row[j + 1]}")
    return _labelled("Who agrees with whom", _flow(pairs))


def _settle_first(view: View) -> RenderableType:
    from rich.console import Group
    from rich.table import Table

    if not view["conflicts"]:
        return _text(("To settle: ", "bold"), nothing_to_settle(view))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for c in view["conflicts"]:
        verdict = c["verdict"]
        reason = f" ({verdict['reason']})" if verdict["reason"] else ""
        lines: list[RenderableType] = [
            _text(
                (f"{verdict['severity_word']} {verdict['word']}", STYLE[verdict["severity"]]),
                reason,
                "  ",
                (literal(c["prompt"]), "bold"),
            ),
            _text(literal(c["positions"]), f" · framework: {literal(c['expected'])}"),
        ]
        if c["remedy"]:
            lines.append(_text(("Remedy: ", "italic"), literal(c["remedy"])))
        grid.add_row(f"{c['number']}.", Group(*lines))
    count = view["conflict_count"]
    flagged = view["flagged_elsewhere"]
    also = f"; {flagged} more flagged in the tables, not for deciding" if flagged else ""
    parts: list[RenderableType] = [
        _text(
            ("To settle", "bold"), f": {count} item{'s' if count != 1 else ''}, worst first{also}"
        ),
        grid,
    ]
    if view["later"]:
        first, last = view["later"][0]["number"], view["later"][-1]["number"]
        span = f"{first}" if first == last else f"{first}–{last}"
        parts.append(_text(f"    Then {span}: numbered in the tables below."))
    return Group(*parts)


def nothing_to_settle(view: View) -> str:
    flagged = view["flagged_elsewhere"]
    if not flagged:
        return "nothing — every item is aligned."
    return f"nothing for the meeting to decide; {flagged} flagged in the tables below."


def _lane_table(view: View, section: View, width: int) -> RenderableType:
    """A lane's rows as a table when every word fits its column at this width; else stacked,
    one row under another, so no word is ever broken. Every lane's table has the same columns."""
    title = literal(section["title"])
    caption = (
        f"{title} — alignment {section['score_text']}" if section["score"] is not None else title
    )
    if section["hidden"]:
        caption += f" ({section['hidden']} aligned not shown)"
    if not section["rows"]:
        return _text((caption, "bold"))
    columns = _answer_columns(view, width)
    if columns is None:
        return _stacked(view, section, caption)
    headers = [literal(r["column"]) for r in view["respondents"]]
    table = titled_table(caption, expand=True)
    table.add_column("#", justify="right", no_wrap=True, min_width=_number_width(view))
    table.add_column("question", ratio=1, min_width=QUESTION_MIN)
    for header, (least, most) in zip([*headers, "framework"], columns, strict=True):
        table.add_column(header, min_width=least, max_width=most)
    table.add_column("verdict", no_wrap=True, min_width=_verdict_width(view))
    for row in section["rows"]:
        verdict = row["verdict"]
        table.add_row(
            str(row["number"] or ""),
            literal(row["prompt"]),
            *(literal(a) for a in row["answers"]),
            literal(row["expected"]),
            _text((verdict["word"], STYLE[verdict["severity"]])),
        )
    return table


def _answer_columns(view: View, width: int) -> list[tuple[int, int]] | None:
    """(least, most) width of each leader's column and the framework's, the same in every
    lane: when there is room beside a roomy question, each at least as wide as its header (a
    name stays on one line), else as its longest word; answers wrap between words beyond
    that or ``ANSWER_WIDTH``. ``None`` when even that leaves the question too narrow (the rows are
    stacked instead)."""
    rows = [row for section in view["sections"] for row in section["rows"]]
    headers = [literal(r["column"]) for r in view["respondents"]]
    columns = [[h, *(row["answers"][n] for row in rows)] for n, h in enumerate(headers)]
    columns.append(["framework", *(row["expected"] for row in rows)])
    words = [_longest_word(texts) for texts in columns]
    named = [max(w, len(texts[0])) for w, texts in zip(words, columns, strict=True)]
    for least, question in ((named, QUESTION_ROOMY), (words, QUESTION_MIN)):
        widths = [max(m, min(ANSWER_WIDTH, max(len(literal(t)) for t in texts)))
                  for m, texts in zip(least, columns, strict=True)]  # fmt: skip
        if 3 + question + sum(widths) + _verdict_width(view) + 2 * (len(widths) + 2) <= width:
            return [(w, w) for w in widths]
    return None


def _verdict_width(view: View) -> int:
    rows = [row for section in view["sections"] for row in section["rows"]]
    return max(len(v) for v in ["verdict", *(row["verdict"]["word"] for row in rows)])


def _number_width(view: View) -> int:
    rows = [row for section in view["sections"] for row in section["rows"]]
    return max(len(str(row["number"] or "")) for row in [*rows, {"number": 1}])


QUESTION_MIN = 30
QUESTION_ROOMY = 50
"""The question keeps this much room before the leaders' columns get their natural width."""
ANSWER_WIDTH = 10
"""Answer columns wrap their headers and answers beyond this, between words."""


def _longest_word(texts: Iterable[str]) -> int:
    return max((len(word) for text in texts for word in literal(text).split()), default=1)


def _stacked(view: View, section: View, caption: str) -> RenderableType:
    from rich.console import Group
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for row in section["rows"]:
        verdict = row["verdict"]
        said = " · ".join(
            f"{r['name']}: {answer}"
            for r, answer in zip(view["respondents"], row["answers"], strict=True)
        )
        grid.add_row(
            f"{row['number'] or ''}",
            Group(
                _text((verdict["word"], STYLE[verdict["severity"]]), "  ", literal(row["prompt"])),
                _text((literal(said) + f" · framework: {literal(row['expected'])}", "dim")),
            ),
        )
    return Group(_text((caption, "bold")), grid)


def _own_words(texts: list[View]) -> RenderableType:
    from rich.console import Group

    lines: list[RenderableType] = [_text(("In their own words", "bold"), " (not judged)")]
    for t in texts:
        lines.append(_text(("  " + literal(t["prompt"]), "italic")))
        lines.append(_quotes(t["answers"], indent="    "))
    return Group(*lines)
