"""The one-file meeting page, driven in headless Chromium as a facilitator would: keys only, a
reload halfway, the confirm-or-change step, the review; the decisions file it saves is read by
`ownerdiag charter`, and refused for another meeting or from a changed page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ownerdiag.core.agenda import steps
from ownerdiag.core.decisions import candidates
from ownerdiag.core.engine import compare
from ownerdiag.files.collect import gather
from ownerdiag.files.documents import load_decisions

from .conftest import EXAMPLES
from .test_browser_form import main_text, press, run, saved_file, storage_settles, wait_for
from .test_compare_cli import CRO, VP

pytestmark = pytest.mark.slow

NEXT_QUARTER = [EXAMPLES / "outbound-next-quarter" / f"{r}.yaml" for r in ("cro", "vp_sales")]


def make_page(tmp_path: Path, name: str = "meeting.html") -> Path:
    out = tmp_path / name
    result = run("resolve", CRO, VP, "--format", "html", "--out", out)
    assert result.exit_code == 0, result.output
    return out


def open_fresh(browser: Any, page: Path) -> None:
    """The meeting page as first opened: each page keeps its progress under its own key."""
    browser.get(page.as_uri())
    wait_for(lambda: browser.find_elements("id", "start"))


def at(browser: Any) -> str:
    """What the screen is: ``item 3``, ``part 2`` of an item, ``review`` or ``saved``."""
    return browser.execute_script(
        "const p = document.querySelector('.progress');"
        "const c = document.querySelector('.cause');"
        "const h = document.querySelector('h2');"
        "return (p ? p.textContent.split(' ·')[0] : '') + '|' + (c ? c.textContent : '')"
        " + '|' + (h ? h.textContent : '')"
    )


def press_and_wait(browser: Any, *keys: str) -> None:
    before = at(browser)
    press(browser, *keys)
    wait_for(lambda: at(browser) != before)


def test_the_room_decides_by_keyboard_and_the_charter_reads_it(
    fresh_browser, downloads: Path, tmp_path: Path
):
    from selenium.webdriver.common.keys import Keys

    browser = fresh_browser
    comparison = compare(*gather([CRO, VP]))
    agenda = steps(comparison)
    first = agenda[0].items[0]
    page = make_page(tmp_path)
    open_fresh(browser, page)
    press_and_wait(browser, Keys.ENTER)
    assert at(browser).startswith(f"Item 1 of {len(agenda)}|Part 1 of")
    assert "Framework: " in main_text(browser) and "Remedy: " in main_text(browser)
    assert not browser.execute_script("return !!document.querySelector('input:checked')")
    press_and_wait(browser, "1", Keys.ENTER)  # the first answer offered: the framework's
    press_and_wait(browser, Keys.ENTER)  # part 2: Enter alone leaves it open
    press_and_wait(browser, Keys.ENTER)  # item 2 open as well
    assert at(browser).startswith(f"Item 3 of {len(agenda)}")
    storage_settles()
    browser.refresh()  # the projector's laptop went to sleep: the page comes back where it was
    wait_for(lambda: at(browser).startswith(f"Item 3 of {len(agenda)}"))
    press_and_wait(browser, Keys.ARROW_LEFT)  # back to item 2, and on again
    assert at(browser).startswith(f"Item 2 of {len(agenda)}")
    press_and_wait(browser, Keys.ENTER)
    while "Confirm or change" not in at(browser):
        press_and_wait(browser, Keys.ENTER)
    press_and_wait(browser, "y")  # confirm what both leaders said
    assert at(browser).endswith("Review the meeting's decisions")
    before = set(downloads.glob("*.yaml"))
    press(browser, Keys.ENTER)
    saved = saved_file(downloads, before)

    signed = run("charter", CRO, VP, "--decisions", saved)
    assert signed.exit_code == 0, signed.output
    made = load_decisions(saved, comparison.bank, comparison.responses).decisions
    chosen = candidates(comparison, first)[0]
    assert (made[first.question.id].decision, made[first.question.id].origin) == (
        chosen.value,
        chosen.origin,
    )
    for item in agenda[-1].items:  # the confirm step: what both leaders said, as theirs
        assert made[item.question.id].decision == next(iter(item.answers.values()))
        assert made[item.question.id].origin == "leaders"
    decided = {qid for qid, d in made.items() if d.decision is not None}
    assert decided == {first.question.id, *(i.question.id for i in agenda[-1].items)}
    assert "agreed in the meeting: both leaders said" in signed.stdout

    other = run("charter", *NEXT_QUARTER, "--decisions", saved)  # the same people, next quarter
    assert other.exit_code == 2 and "meeting page" in other.stderr


def test_a_changed_page_cannot_pass_its_decisions_off(fresh_browser, downloads, tmp_path: Path):
    from selenium.webdriver.common.keys import Keys

    browser = fresh_browser
    page = make_page(tmp_path)
    text = page.read_text()
    assert "Who owns outbound strategy" in text
    page.write_text(text.replace("Who owns outbound strategy", "Who owns outbound tactics", 1))
    open_fresh(browser, page)
    press_and_wait(browser, Keys.ENTER)
    while not at(browser).endswith("Review the meeting's decisions"):
        press_and_wait(browser, Keys.ENTER)
    before = set(downloads.glob("*.yaml"))
    press(browser, Keys.ENTER)
    saved = saved_file(downloads, before)
    result = run("charter", CRO, VP, "--decisions", saved)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(saved)) and "meeting page" in lines[0]


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)])
def test_the_page_makes_no_request_and_passes_axe(fresh_browser, tmp_path: Path, size):
    from axe_selenium_python import Axe
    from selenium.webdriver.common.keys import Keys

    browser = fresh_browser
    page = make_page(tmp_path)
    html = page.read_text()
    assert "default-src 'none'" in html and "http" not in html.replace("http-equiv", "")
    browser.set_window_size(*size)
    open_fresh(browser, page)
    seen = []
    while not at(browser).endswith("Review the meeting's decisions") or "review" not in seen:
        kind = "confirm" if "Confirm or change" in at(browser) else "item"
        if at(browser).endswith("Review the meeting's decisions"):
            kind = "review"
        if browser.find_elements("id", "start"):
            kind = "start"
        if kind not in seen:
            seen.append(kind)
            scroll, inner = browser.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]"
            )
            assert scroll <= inner, (size, kind)
            axe = Axe(browser)
            axe.inject()
            violations = axe.run()["violations"]
            assert [(v["id"], len(v["nodes"])) for v in violations] == [], (size, kind)
        if kind == "review":
            break
        press_and_wait(browser, Keys.ENTER)
    assert seen == ["start", "item", "confirm", "review"]
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
