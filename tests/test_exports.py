"""Markdown and HTML exports: content and escaping (the HTML in a real browser: test_browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ownerdiag.core.models import Bank

from .test_compare_cli import CRO, VP, framework_answers, respond

HOSTILE_NAME = "Eve <script>alert(1)</script> | [bold]x[/bold]"
HOSTILE_TEXT = "<img src=x onerror=alert(1)> | col | **bold** [link](http://x) [red]r[/red]"


@pytest.fixture
def hostile(cli, tmp_path: Path, outbound: Bank) -> list[Path]:
    answers = framework_answers(outbound)
    answers["strategy_owner_sentence"] = HOSTILE_TEXT
    answers["foundation_buyer"] = "line one\nline two | still one cell"
    return [
        respond(cli, tmp_path, "cro", HOSTILE_NAME, answers),
        respond(cli, tmp_path, "vp_sales", "Sam", framework_answers(outbound)),
    ]


def test_markdown_has_the_report_sections(cli):
    result = cli("compare", CRO, VP, "--format", "markdown")
    assert result.exit_code == 0, result.output
    md = result.stdout
    for heading in (
        "# Lane-gap report",
        "## The test",
        "## Alignment:",
        "## To settle:",
        "## Design layer",
        "## Rhythms and written agreements",
        "## In their own words",
        "## Details",
    ):
        assert heading in md
    assert "| Who owns outbound strategy" in md and "✖ collision |" in md
    table_rows = [ln for ln in md.splitlines() if ln.startswith("| ") and "| Who" in ln]
    assert all(ln.count(" | ") == table_rows[0].count(" | ") for ln in table_rows)


def test_markdown_prints_respondent_text_literally(cli, hostile: list[Path]):
    md = cli("compare", *hostile, "-f", "markdown", "--all").stdout
    assert "<script>" not in md and "<img" not in md
    assert "Eve &lt;script&gt;alert(1)&lt;/script&gt; \\| \\[bold\\]x\\[/bold\\]" in md
    assert "\\*\\*bold\\*\\* \\[link\\](http&#58;//x)" in md  # no autolink either
    assert "line one line two \\| still one cell" in md
    grid = [ln for ln in md.splitlines() if "| Who owns outbound strategy" in ln]
    assert grid[0].count(" | ") == 5  # #, question, two people, framework, verdict: pipes escaped


def test_html_is_self_contained_and_escaped(cli, hostile: list[Path], tmp_path: Path):
    out = tmp_path / "report.html"
    assert cli("compare", *hostile, "-f", "html", "-o", out).exit_code == 0
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower() and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[bold]x[/bold]" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@media print" in html
