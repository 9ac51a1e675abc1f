"""The HTML documents in a real browser: Debian's headless Chromium driven by selenium.

The report, the charter and the trend at a laptop's and a phone's width (no sideways scrolling),
printed to PDF (page numbers, the organisation and the date on every page), and checked by
axe-core for accessibility.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow

ROUND_1, ROUND_2 = EXAMPLES / "outbound", EXAMPLES / "outbound-next-quarter"


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from typer.testing import CliRunner

    from ownerdiag.cli import app

    folder = tmp_path_factory.mktemp("documents")
    files = [str(p) for p in sorted(ROUND_1.glob("*.yaml"))]
    decisions = folder / "decisions.yaml"
    agreed = str(ROUND_1 / "meeting" / "agreed.yaml")
    commands = {
        "report": ["compare", *files, "--title", "Acme Corp", "-o", str(folder / "report.html")],
        "decisions": ["resolve", *files, "--answers", agreed, "--out", str(decisions)],
        "charter": [
            "charter", *files, "--decisions", str(decisions), "--title", "Acme Corp",
            "-o", str(folder / "charter.html"),
        ],
        "trend": ["trend", str(ROUND_1), str(ROUND_2), "-o", str(folder / "trend.html")],
    }  # fmt: skip
    runner = CliRunner()
    for name, args in commands.items():
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (name, result.output)
    return {name: folder / f"{name}.html" for name in ("report", "charter", "trend")}


def overflow(browser: Any, page: Path, width: int) -> tuple[int, int]:
    browser.set_window_size(width, 900)
    browser.get(page.as_uri())
    return browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )


@pytest.mark.parametrize("document", ["report", "charter", "trend"])
@pytest.mark.parametrize("width", [1280, 390, 360])
def test_no_sideways_scrolling(browser, documents, document: str, width: int, tmp_path: Path):
    scroll, inner = overflow(browser, documents[document], width)
    browser.save_screenshot(str(tmp_path / f"{document}-{width}.png"))
    assert scroll <= inner


def test_the_report_opens_with_the_test_and_the_lane_map(browser, documents):
    browser.set_window_size(1280, 900)
    browser.get(documents["report"].as_uri())
    order = browser.execute_script(
        "return [...document.querySelectorAll('main > section')].map(s => s.id)"
    )
    assert order[:3] == ["headline", "map", "settle"]
    top = browser.execute_script(
        "return document.querySelector('#map svg').getBoundingClientRect().top"
    )
    assert top < 900  # the picture is on the first screen
    label = browser.execute_script("return document.getElementById('map-svg-desc').textContent")
    assert "Dana Reyes" in label and "collisions" in label  # the picture's text alternative
    headers = browser.execute_script(
        "return document.querySelectorAll('table.grid tbody th[scope=row]').length"
    )
    assert headers > 0  # a screen reader reads each answer with its question


def printed(browser: Any, page: Path) -> Any:
    from pypdf import PdfReader
    from selenium.webdriver.common.print_page_options import PrintOptions

    browser.get(page.as_uri())
    return PdfReader(io.BytesIO(base64.b64decode(browser.print_page(PrintOptions()))))


@pytest.mark.parametrize("document", ["report", "charter"])
def test_printed_pages_carry_numbers_the_organisation_and_the_date(browser, documents, document):
    pdf = printed(browser, documents[document])
    pages = len(pdf.pages)
    for number, page in enumerate(pdf.pages, 1):
        text = page.extract_text()
        assert f"Page {number} of {pages}" in text
        assert "Acme Corp" in text and "confidential" in text
    last = pdf.pages[-1].extract_text()
    if document == "charter":  # the signature block is not left alone on its last page
        assert "Signature" in last and "Reviewed" in last


@pytest.mark.parametrize("document", ["report", "charter", "trend"])
def test_axe_finds_no_accessibility_violation(browser, documents, document):
    from axe_selenium_python import Axe

    browser.set_window_size(1280, 900)
    browser.get(documents[document].as_uri())
    axe = Axe(browser)
    axe.inject()
    violations = axe.run()["violations"]
    assert [(v["id"], len(v["nodes"])) for v in violations] == []


@pytest.mark.parametrize("width", [390, 360])
def test_on_a_phone_every_verdict_and_answer_is_in_view(browser, documents, width: int):
    browser.set_window_size(width, 900)
    browser.get(documents["report"].as_uri())
    box, inner, cells = browser.execute_script(
        "const box = document.querySelector('#grid .scroll');"
        "const cells = [...document.querySelectorAll('table.lane-grid tr.row td')];"
        "return [[box.scrollWidth, box.clientWidth], document.documentElement.clientWidth,"
        " cells.map(c => [c.getBoundingClientRect().right, c.textContent])]"
    )
    assert box[0] <= box[1]  # the grid scrolls no more sideways inside its box
    outside = [text for right, text in cells if right > inner]
    assert cells and outside == []
    verdicts = browser.execute_script(
        "return document.querySelectorAll('table.lane-grid tr.row td.verdict .tag').length"
    )
    rows = browser.execute_script(
        "return document.querySelectorAll('table.lane-grid tr.row').length"
    )
    assert verdicts == rows > 0


@pytest.mark.parametrize("width", [390, 360])
def test_on_a_phone_the_lane_map_is_whole_and_legible(browser, documents, width: int):
    browser.set_window_size(width, 900)
    browser.get(documents["report"].as_uri())
    sizes, right, inner = browser.execute_script(
        "const svg = [...document.querySelectorAll('.lane-map svg')]"
        "  .find(s => getComputedStyle(s).display !== 'none');"
        "const texts = [...svg.querySelectorAll('text')];"
        "return [texts.map(t => [t.getBoundingClientRect().height, t.textContent]),"
        " Math.max(...texts.map(t => t.getBoundingClientRect().right)),"
        " document.documentElement.clientWidth]"
    )
    assert sizes and right <= inner  # every lane, label and figure in view
    lanes = {"Design layer", "Execution layer", "Optimization layer"}
    assert lanes <= {text for _, text in sizes}
    # a label's box is a little taller than its font: 12 px type draws at least 13 px high
    assert min(height for height, _ in sizes) >= 13
