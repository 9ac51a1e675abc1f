"""XLSX: the report as a workbook, for people who live in spreadsheets.

Four sheets: "Summary" (bank, respondents, scores, counts), "Grid" (one row per question, a
column per respondent, the framework and the verdict, coloured as in the HTML report, header
frozen), "To settle" (the agenda, worst first) and "In their own words" (free text). Values
come from the JSON contract (``report_json``) and the one report view; every text is stored as
text, never as a formula, with hidden characters as ``\\uXXXX``.

openpyxl is imported inside the functions only: no other format pays for it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ownerdiag.core.text import literal
from ownerdiag.render.csv_format import formula_like

VERDICT_COLOURS = {
    "vacuum": ("FDE8E6", "B42318"),
    "collision": ("FDE8E6", "B42318"),
    "deflection": ("FDE8E6", "B42318"),
    "split": ("FFF1D6", "A15C00"),
    "mismatch": ("FFF1D6", "A15C00"),
    "drift": ("E3EEFB", "1F5FA8"),
    "aligned": ("E2F4E8", "1B7A3D"),
    "unscored": ("EEF0F3", "5B6475"),
}
"""Verdict -> (fill, text colour): the HTML report's (``templates/style.css``, ``.v-*``)."""

HEADER_FILL = "EEF0F3"
WIDE, NARROW = 60, 16
"""Column widths, in characters: prompts and free text; everything else."""


def report(comparison: Any, show_all: bool = False, title: str = "") -> bytes:
    """The workbook's bytes. Every item, always: ``show_all`` is for the formats people read."""
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

    from ownerdiag.render.report_json import comparison_json
    from ownerdiag.render.view import report_view

    data = comparison_json(comparison)
    view = report_view(comparison, title=title)
    book = Workbook()
    book.properties.creator = "ownerdiag"
    book.properties.title = literal(view["title"])
    summary = book.active
    summary.title = "Summary"
    _summary(summary, data, view)
    _grid(book.create_sheet("Grid"), comparison, data, view)
    _to_settle(book.create_sheet("To settle"), comparison, data, view)
    _own_words(book.create_sheet("In their own words"), view)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _summary(sheet: Any, data: dict[str, Any], view: dict[str, Any]) -> None:
    bank = data["bank"]
    summary = data["summary"]
    agreement = summary["agreement"]
    _append(sheet, ["Lane-gap report", view["title"]], header=True)
    _append(sheet, ["Bank", f"{bank['id']} {bank['version']}: {bank['title']}"])
    _append(sheet, ["Bank hash", bank["hash"]])
    _append(sheet, ["Last answer", view["date"]])
    _append(sheet, ["Written by", f"{data['tool']['name']} {data['tool']['version']}"])
    if view["headline"] is not None:
        _append(sheet, ["The test", view["headline"]["prompt"]])
        _append(sheet, ["Diagnosis", view["headline"]["sentence"]])
    _append(sheet, [])
    _append(sheet, ["Respondent", "Role", "Role title", "Answered", "Complete", "Cautions"], True)
    for person, shown in zip(data["respondents"], view["respondents"], strict=True):
        _append(
            sheet,
            [
                person["name"],
                person["role"],
                person["role_label"],
                shown["answered"],
                "yes" if person["complete"] else "no",
                "; ".join(shown["cautions"]),
            ],
        )
    _append(sheet, [])
    _append(sheet, ["Alignment", "Title", "Score (0-100)"], header=True)
    _append(sheet, ["overall", "All lanes", _score(summary["alignment_score"])])
    for lane in summary["lanes"]:
        _append(sheet, [lane["lane"], lane["title"], _score(lane["alignment_score"])])
    _append(sheet, [])
    _append(sheet, ["Verdict", "Meaning", "Questions"], header=True)
    for count in view["counts"]:
        cells = _append(sheet, [count["name"], count["meaning"], count["n"]])
        _colour(cells[0], count["name"])
    unscored = summary["counts"].get("unscored", 0)
    cells = _append(sheet, ["unscored", "not judged", unscored])
    _colour(cells[0], "unscored")
    _append(sheet, ["to settle", "the meeting's agenda", len(summary["settle_first"])])
    _append(sheet, [])
    _append(sheet, ["Agreement", "Figure"], header=True)
    if agreement["owner_items"]:
        _append(sheet, ["owner questions", agreement["owner_items"]])
        _append(sheet, ["same owner named (%)", _score(agreement["owner_percent_agreement"])])
        _append(sheet, ["Gwet's AC1 (-1 to 1)", _score(agreement["owner_ac1"])])
    if agreement["cadence_items"]:
        _append(sheet, ["cadence questions", agreement["cadence_items"]])
        _append(sheet, ["same cadence (%)", _score(agreement["cadence_exact"])])
        _append(sheet, ["within one step (%)", _score(agreement["cadence_within_one_step"])])
    names = {p["role"]: p["name"] for p in data["respondents"]}
    for pair in agreement["pairwise"]:
        who = " and ".join(names[role] for role in pair["roles"])
        _append(sheet, [f"{who}: same answer (%)", _score(pair["agreement"])])
    _widths(sheet, [28, WIDE, NARROW, NARROW, NARROW, WIDE])


def _grid(sheet: Any, comparison: Any, data: dict[str, Any], view: dict[str, Any]) -> None:
    from ownerdiag.render.labels import value_text, verdict_word

    people = [r["person"] for r in view["respondents"]]
    roles = [p["role"] for p in data["respondents"]]
    head = ["#", "question_id", "lane", "prompt", *people, "framework", "verdict", "severity"]
    _append(sheet, head, header=True)
    bank = comparison.bank
    for number, (item, entry) in enumerate(zip(comparison.items, data["items"], strict=True), 1):
        answers = [
            value_text(bank, item, entry["answers"][role], short=False)
            if role in entry["answers"]
            else "—"
            for role in roles
        ]
        row = [number, entry["question_id"], entry["lane"], entry["prompt"], *answers]
        verdict = entry["verdict"]
        expected = item.question.expected
        framework = "—" if expected is None else value_text(bank, item, expected, short=False)
        row += [framework, verdict_word(item.verdict), entry["severity"]]
        cells = _append(sheet, row, wrap=True)
        _colour(cells[len(row) - 2], verdict)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _widths(sheet, [5, 28, 12, WIDE, *[24] * len(people), 24, NARROW, NARROW])


def _to_settle(sheet: Any, comparison: Any, data: dict[str, Any], view: dict[str, Any]) -> None:
    """The agenda as the report numbers it: ``summary.settle_first``, worst first."""
    from ownerdiag.render.labels import answer_text

    people = [r["person"] for r in view["respondents"]]
    roles = [p["role"] for p in data["respondents"]]
    head = ["#", "question_id", "prompt", "severity", "verdict", *people, "framework"]
    _append(sheet, [*head, "why", "what to agree"], header=True)
    bank = comparison.bank
    items = {item.question.id: item for item in comparison.items}
    for entry in view["conflicts"] + view["later"]:
        item = items[entry["id"]]
        verdict = entry["verdict"]
        answers = [answer_text(bank, item, role, short=False) for role in roles]
        row = [entry["number"], entry["id"], entry["prompt"], verdict["severity"]]
        row += [verdict["word"], *answers, entry["expected"]]
        cells = _append(sheet, [*row, entry["why"], entry["remedy"]], wrap=True)
        _colour(cells[4], verdict["name"])
    sheet.freeze_panes = "A2"
    _widths(sheet, [5, 28, WIDE, NARROW, NARROW, *[24] * len(people), 28, WIDE, WIDE])


def _own_words(sheet: Any, view: dict[str, Any]) -> None:
    _append(sheet, ["prompt", "respondent", "in their words"], header=True)
    for text in view["texts"]:
        for said in text["answers"]:
            _append(sheet, [text["prompt"], said["name"], said["text"]], wrap=True)
    sheet.freeze_panes = "A2"
    _widths(sheet, [WIDE, 24, WIDE])


def _append(sheet: Any, values: Sequence[Any], header: bool = False, wrap: bool = False) -> Any:
    """Add a row; every text is stored as text (never a formula or an error code), shown as
    written but for hidden characters, and marked to stay text if someone edits the cell."""
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]

    sheet.append([literal(v) if isinstance(v, str) else v for v in values])
    if not values:
        return ()
    row = sheet.max_row
    cells = next(sheet.iter_rows(min_row=row, max_row=row, max_col=len(values)))
    for cell, value in zip(cells, values, strict=True):
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl takes "=..." for a formula, "#N/A" for an error
            if formula_like(cell.value):
                cell.quotePrefix = True
        if header:
            cell.font = Font(bold=True)
            cell.fill = PatternFill(fill_type="solid", fgColor=HEADER_FILL)
        elif wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cells


def _colour(cell: Any, verdict: str) -> None:
    from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped, unused-ignore]

    fill, ink = VERDICT_COLOURS[verdict]
    cell.fill = PatternFill(fill_type="solid", fgColor=fill)
    cell.font = Font(color=ink, bold=True)


def _widths(sheet: Any, widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _score(value: Any) -> Any:
    return "n/a" if value is None else value
