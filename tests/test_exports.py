"""Markdown and HTML exports: content, escaping, and the HTML in a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ownerdiag.core.models import Bank
from ownerdiag.render.view import SETTLE_FIRST_LIMIT

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
        "## Gap summary",
        "## Settle these first",
        "## Design layer",
        "## Rhythms and written agreements",
        "## In their own words",
    ):
        assert heading in md
    assert "| Who owns outbound strategy" in md and "✖ collision |" in md
    table_rows = [ln for ln in md.splitlines() if ln.startswith("| Who")]
    assert all(ln.count(" | ") == table_rows[0].count(" | ") for ln in table_rows)


def test_markdown_prints_respondent_text_literally(cli, hostile: list[Path]):
    md = cli("compare", *hostile, "-f", "markdown").stdout
    assert "<script>" not in md and "<img" not in md
    assert "Eve &lt;script&gt;alert(1)&lt;/script&gt; \\| \\[bold\\]x\\[/bold\\]" in md
    assert "\\*\\*bold\\*\\* \\[link\\](http&#58;//x)" in md  # no autolink either
    assert "line one line two \\| still one cell" in md
    grid = [ln for ln in md.splitlines() if ln.startswith("| Who owns outbound strategy")]
    assert grid[0].count(" | ") == 4  # question, two people, framework, verdict: pipes escaped


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


def chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found and os.environ.get("CI"):
        pytest.fail("CI must install Debian's chromium for the browser test")
    return found


@pytest.mark.slow
@pytest.mark.skipif(not chromium() and not os.environ.get("CI"), reason="no chromium here")
def test_html_renders_in_headless_chromium(cli, tmp_path: Path, outbound: Bank):
    exe = chromium()
    out = tmp_path / "report.html"
    assert cli("compare", CRO, VP, "-f", "html", "-o", out).exit_code == 0
    flags = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--hide-scrollbars",
    ]
    shot = tmp_path / "report.png"
    subprocess.run(
        [*flags, "--window-size=1200,1600", f"--screenshot={shot}", out.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    dom = subprocess.run(
        [*flags, "--dump-dom", out.as_uri()],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    scored = [q for q in outbound.questions if q.kind != "text"]
    assert dom.count('<tr class="row ') == len(scored)
    # the headline card, the conflicts shown in full, the rest in one compact list
    assert dom.count('class="card ') == 1 + SETTLE_FIRST_LIMIT
    assert dom.count('<ol class="later"') == 1
    for section in ("headline", "summary", "settle", "grid", "words"):
        assert f'id="{section}"' in dom
