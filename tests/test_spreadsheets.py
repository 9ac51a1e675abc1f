"""CSV and XLSX exports: tidy rows, the workbook's sheets and colours, and formula injection."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ownerdiag.core.models import Bank
from ownerdiag.render.csv_format import COLUMNS, cell
from ownerdiag.render.xlsx_format import VERDICT_COLOURS

from .conftest import REPO
from .test_compare_cli import CRO, VP, framework_answers, respond
from .test_toy_kind import answer, toy_bank  # noqa: F401 - toy_bank is a fixture

REQUIRED = [
    "question_id", "lane", "lane_title", "kind", "prompt", "respondent", "role", "answer",
    "answer_label", "expected", "verdict", "severity", "weight", "source",
]  # fmt: skip
HOSTILE_NAME = '=HYPERLINK("http://x")'
HOSTILE_TEXTS = {
    "strategy_owner_sentence": "+1",
    "foundation_buyer": "-2",
    "foundation_problem": "@SUM(A1)",
    "foundation_qualified_conversation": "#N/A",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEETS = ["Summary", "Grid", "To settle", "In their own words"]


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def json_report(cli, *files: Path) -> dict:
    result = cli("compare", *files, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def workbook(cli, tmp_path: Path, *files: Path):
    out = tmp_path / "report.xlsx"
    result = cli("compare", *files, "--out", out)
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out), out


def header(sheet) -> list:
    return [c.value for c in sheet[1]]


@pytest.fixture
def hostile(cli, tmp_path: Path, outbound: Bank) -> list[Path]:
    answers = {**framework_answers(outbound), **HOSTILE_TEXTS}
    return [
        respond(cli, tmp_path, "cro", HOSTILE_NAME, answers),
        respond(cli, tmp_path, "vp_sales", "Sam", framework_answers(outbound)),
    ]


# ---------------------------------------------------------------------------- CSV


def test_csv_round_trips_with_one_row_per_question_and_respondent(cli, tmp_path, outbound):
    out = tmp_path / "report.csv"
    result = cli("compare", CRO, VP, "--out", out)
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(",".join(COLUMNS).encode() + b"\r\n") and raw.endswith(b"\r\n")
    rows = read_csv(raw.decode("utf-8"))
    assert rows[0] == list(COLUMNS) and set(REQUIRED) <= set(rows[0])
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert len(records) == len(outbound.questions) * 2
    pairs = [(r["question_id"], r["role"]) for r in records]
    assert sorted(pairs) == sorted(
        (q.id, role) for q in outbound.questions for role in ("cro", "vp_sales")
    )
    assert {r["respondent"] for r in records} == {"Dana Reyes", "Sam Ortiz"}
    assert stat.S_IMODE(out.stat().st_mode) & 0o077 == 0
    printed = cli("compare", CRO, VP, "--format", "csv")
    assert printed.exit_code == 0 and read_csv(printed.stdout) == rows


def test_csv_agrees_with_the_json_format(cli):
    report = json_report(cli, CRO, VP)
    items = {item["question_id"]: item for item in report["items"]}
    lanes = {lane["lane"]: lane["title"] for lane in report["summary"]["lanes"]}
    result = cli("compare", CRO, VP, "--format", "csv")
    rows = read_csv(result.stdout)
    for row in rows[1:]:
        record = dict(zip(rows[0], row, strict=True))
        item = items[record["question_id"]]
        assert record["verdict"] == item["verdict"]
        assert record["severity"] == item["severity"]
        assert record["lane"] == item["lane"] and record["lane_title"] == lanes[item["lane"]]
        assert record["kind"] == item["kind"] and record["weight"] == item["weight"]
        assert record["expected"] == ("" if item["expected"] is None else str(item["expected"]))
        assert record["answer"] == str(item["answers"].get(record["role"], ""))
        assert record["source"] == (item["source"] or "")


def test_csv_neutralises_formula_like_cells(cli, hostile: list[Path]):
    result = cli("compare", *hostile, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout)
    assert not [value for row in rows for value in row if value.startswith(FORMULA_START)]
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert "'" + HOSTILE_NAME in {r["respondent"] for r in records}
    said = {r["question_id"]: r["answer"] for r in records if r["respondent"] == "'" + HOSTILE_NAME}
    assert said["strategy_owner_sentence"] == "'+1"
    assert said["foundation_buyer"] == "'-2"
    assert said["foundation_problem"] == "'@SUM(A1)"
    assert said["foundation_qualified_conversation"] == "#N/A"  # text in CSV: no formula


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\uff1d1+1", "'\uff1d1+1"),  # a full-width equals sign
        ("\r=1", "\\u000d=1"),  # the hidden character is shown, and then starts nothing
        ("a\u202eb", "a\\u202eb"),  # right-to-left override, shown
        ("plain = text", "plain = text"),
        (None, ""),
        (4, "4"),
    ],
)
def test_a_csv_cell_is_shown_literally_and_never_runs(value, shown):
    assert cell(value) == shown


# ---------------------------------------------------------------------------- XLSX


def test_xlsx_has_the_four_sheets_and_a_row_per_question(cli, tmp_path, outbound):
    book, out = workbook(cli, tmp_path, CRO, VP)
    assert out.read_bytes()[:2] == b"PK" and stat.S_IMODE(out.stat().st_mode) & 0o077 == 0
    assert book.sheetnames == SHEETS
    grid = book["Grid"]
    assert grid.freeze_panes == "A2"
    assert [row[1] for row in grid.iter_rows(min_row=2, values_only=True)] == [
        q.id for q in outbound.questions
    ]
    assert "Dana Reyes (Chief Revenue Officer)" in header(grid)
    words = book["In their own words"]
    texts = [row[2] for row in words.iter_rows(min_row=2, values_only=True)]
    assert any(text and text.startswith("I own outbound strategy") for text in texts)


def test_xlsx_summary_gives_the_json_scores(cli, tmp_path):
    report = json_report(cli, CRO, VP)
    book, _ = workbook(cli, tmp_path, CRO, VP)
    rows = {row[0]: row for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert rows["overall"][2] == report["summary"]["alignment_score"]
    for lane in report["summary"]["lanes"]:
        assert rows[lane["lane"]][1:3] == (lane["title"], lane["alignment_score"])
    for verdict, n in report["summary"]["counts"].items():
        assert rows[verdict][2] == n
    assert rows["to settle"][2] == len(report["summary"]["settle_first"])
    assert rows["Bank hash"][1] == report["bank"]["hash"]


def test_xlsx_grid_colours_verdicts(cli, tmp_path):
    book, _ = workbook(cli, tmp_path, CRO, VP)
    grid = book["Grid"]
    column = header(grid).index("verdict")
    fills = {}
    for row in grid.iter_rows(min_row=2):
        verdict = row[column]
        assert verdict.fill.fill_type == "solid", verdict.value
        fills[verdict.value] = verdict.fill.fgColor.rgb
    assert "✓ aligned" in fills and "✖ collision" in fills
    assert fills["✓ aligned"] != fills["✖ collision"]
    assert fills["✖ collision"].endswith(VERDICT_COLOURS["collision"][0])


def test_xlsx_verdict_colours_are_the_html_reports():
    css = (REPO / "src" / "ownerdiag" / "templates" / "style.css").read_text()
    colour = {name: value.upper() for name, value in re.findall(r"--([\w-]+): #(\w{6})", css)}
    for selectors, fill, ink in re.findall(
        r"((?:\.v-\w+,?\s*)+)\{ background: var\(--([\w-]+)\); color: var\(--([\w-]+)\); \}", css
    ):
        for verdict in re.findall(r"\.v-(\w+)", selectors):
            assert VERDICT_COLOURS[verdict] == (colour[fill], colour[ink]), verdict
    assert len(re.findall(r"\.v-(\w+)", css)) >= len(VERDICT_COLOURS)


def test_xlsx_to_settle_is_the_agenda_worst_first(cli, tmp_path):
    report = json_report(cli, CRO, VP)
    book, _ = workbook(cli, tmp_path, CRO, VP)
    agenda = book["To settle"]
    assert agenda.freeze_panes == "A2"
    rows = list(agenda.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(report["summary"]["settle_first"])
    assert [row[1] for row in rows] == report["summary"]["settle_first"]
    assert [row[0] for row in rows] == list(range(1, len(rows) + 1))


def test_xlsx_stores_formula_like_text_as_text(cli, tmp_path, hostile: list[Path]):
    book, out = workbook(cli, tmp_path, *hostile)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type in ("f", "e")]
    typed = {c.value: c for c in cells if isinstance(c.value, str)}
    for text in [HOSTILE_NAME, *HOSTILE_TEXTS.values()]:
        found = next(v for k, v in typed.items() if text in k)
        assert found.data_type == "s"
    for text in [HOSTILE_NAME, "+1", "-2", "@SUM(A1)"]:
        assert typed[text].quotePrefix, text  # stays text if someone edits the cell
    with zipfile.ZipFile(out) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == len(SHEETS)
        for name in sheets:
            assert b"<f>" not in package.read(name) and b"<f " not in package.read(name)


def test_a_kind_defined_in_a_test_reaches_both_spreadsheets(cli, toy_bank: Path, tmp_path):  # noqa: F811
    cro = answer(cli, toy_bank, tmp_path, "cro", ["pipeline", "markets", "retention"])
    vp = answer(cli, toy_bank, tmp_path, "vp_sales", ["retention", "pipeline", "markets"])
    args = ["compare", cro, vp, "--bank", toy_bank]
    rows = read_csv(cli(*args, "--format", "csv").stdout)
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    (vp_ranking,) = [r for r in records if r["kind"] == "ranking" and r["role"] == "vp_sales"]
    assert vp_ranking["answer"] == "retention; pipeline; markets"
    assert vp_ranking["answer_label"] == "Keep customers › More pipeline › New markets"
    assert vp_ranking["verdict"] == "mismatch"
    out = tmp_path / "toy.xlsx"
    assert cli(*args, "--out", out).exit_code == 0
    grid = [row for row in openpyxl.load_workbook(out)["Grid"].iter_rows(values_only=True)]
    assert "Keep customers › More pipeline › New markets" in grid[2]


# ---------------------------------------------------------------------------- delivery


def test_xlsx_is_never_printed(cli):
    result = cli("compare", CRO, VP, "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "--out" in result.stderr


def test_xlsx_is_not_written_as_plain_text(cli, tmp_path):
    result = cli("compare", CRO, VP, "--format", "xlsx", "--out", tmp_path / "report.txt")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "report.txt").exists()
    assert cli("compare", CRO, VP, "-f", "csv", "-o", tmp_path / "r.txt").exit_code == 0


def test_an_existing_xlsx_is_replaced_only_with_force(cli, tmp_path):
    out = tmp_path / "report.xlsx"
    out.write_bytes(b"keep")
    result = cli("compare", CRO, VP, "--out", out)
    assert result.exit_code == 2 and out.read_bytes() == b"keep"
    assert cli("compare", CRO, VP, "--out", out, "--force").exit_code == 0
    assert openpyxl.load_workbook(out).sheetnames == SHEETS


def test_the_spreadsheet_formats_write_no_trend(cli, tmp_path):
    rounds = [REPO / "examples" / "outbound", REPO / "examples" / "outbound-next-quarter"]
    for name in ("csv", "xlsx"):
        result = cli("trend", *rounds, "--format", name, "--out", tmp_path / f"t.{name}")
        assert result.exit_code == 2 and name in result.stderr  # not a choice of trend's
        result = cli("trend", *rounds, "--out", tmp_path / f"t.{name}")
        assert result.exit_code == 2 and "cannot write a trend" in result.stderr
        assert not (tmp_path / f"t.{name}").exists()


@pytest.mark.parametrize("format", ["terminal", "json"])
def test_compare_never_imports_openpyxl(format: str):
    code = (
        "import sys\n"
        "from ownerdiag.cli import app\n"
        f"sys.argv = ['ownerdiag', 'compare', {str(CRO)!r}, {str(VP)!r}, '-f', {format!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'openpyxl']\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "LOADED []" in result.stderr, result.stderr[-500:]
