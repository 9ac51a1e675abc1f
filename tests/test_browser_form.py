"""The one-file browser survey, driven in Debian's headless Chromium as a leader would: keys
only, a step back, a reload halfway, an answer changed on the review page, and the saved file
read by `ownerdiag compare` with every check."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ownerdiag.cli import app
from ownerdiag.files.banks import builtin_dir, load_bank
from ownerdiag.files.yamlio import dump_yaml, read_yaml

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow

VP = EXAMPLES / "outbound" / "vp_sales.yaml"


def run(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


def make_form(tmp_path: Path, *extra: object, bank: object = "outbound") -> Path:
    out = tmp_path / "form.html"
    result = run("form", "--bank", bank, "--role", "cro", "--out", out, *extra)
    assert result.exit_code == 0, result.output
    return out


def main_text(browser: Any) -> str:
    return browser.execute_script("return document.getElementById('main').innerText")


def press(browser: Any, *keys: str) -> int:
    from selenium.webdriver.common.action_chains import ActionChains

    chain = ActionChains(browser)
    for key in keys:
        chain.send_keys(key)
    chain.perform()
    return len(keys)


def progress(browser: Any) -> int | None:
    found = browser.execute_script(
        "const p = document.querySelector('.progress'); return p ? p.textContent : null"
    )
    return int(found.split(" of ")[0]) if found else None


def answer_current(browser: Any) -> int:
    """The first option (y on a yes/no question), or a few words; then on."""
    from selenium.webdriver.common.keys import Keys

    wait_for(lambda: browser.find_elements("css selector", ".option kbd, #text-answer"))
    if browser.find_elements("id", "text-answer"):
        from selenium.webdriver.common.action_chains import ActionChains

        chain = ActionChains(browser).send_keys("Heads of RevOps")
        chain.key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
        return 2  # the words count once, as a leader types them anyway
    keys = browser.execute_script(
        "return [...document.querySelectorAll('.option kbd')].map(k => k.textContent)"
    )
    return press(browser, keys[0], Keys.ENTER)


def wait_for(condition: Any, seconds: float = 30) -> Any:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("timed out")


def storage_settles() -> None:
    """Chrome hands a page's local storage to its storage process asynchronously, later still
    on a busy machine: a reload straight after a write can miss it."""
    time.sleep(3)


def saved_file(downloads: Path, before: set[Path]) -> Path:
    """The file the page just saved, once Chrome has finished writing it (a download can be
    seen under its name before its last byte is there)."""

    def done() -> Path | None:
        if list(downloads.glob("*.crdownload")):
            return None
        new = [p for p in downloads.glob("*.yaml") if p not in before]
        if not new or not new[0].stat().st_size:
            return None
        size = new[0].stat().st_size
        time.sleep(0.2)
        return new[0] if new[0].stat().st_size == size else None

    return wait_for(done)


def open_fresh(browser: Any, page: Path) -> None:
    """The page as a leader first opens it: nothing saved for it yet, since each page written
    keeps its progress under its own key. (Clearing the storage here instead raced with the
    next page's writes: Chrome could apply the clear after them.)"""
    browser.get(page.as_uri())
    wait_for(lambda: browser.find_elements("id", "name"))


def started(browser: Any) -> None:
    wait_for(lambda: progress(browser) == 1)


def answer_everything(browser: Any, page: Path, name: str = "Dana Reyes") -> int:
    from selenium.webdriver.common.keys import Keys

    open_fresh(browser, page)
    browser.find_element("id", "name").clear()
    browser.find_element("id", "name").send_keys(name)
    presses = press(browser, Keys.ENTER)
    started(browser)
    while progress(browser) is not None:
        presses += answer_current(browser)
    return presses


def test_a_leader_answers_with_the_keyboard_and_compare_reads_the_file(
    fresh_browser, downloads, tmp_path: Path
):
    browser = fresh_browser  # an empty profile: no answers kept from another test
    from selenium.webdriver.common.keys import Keys

    bank = load_bank(builtin_dir() / "outbound.yaml")
    page = make_form(tmp_path, "--name", "Dana Reyes")
    browser.set_window_size(1280, 900)
    open_fresh(browser, page)
    assert browser.find_element("id", "name").get_attribute("value") == "Dana Reyes"
    presses = press(browser, Keys.ENTER)
    started(browser)
    total = len(bank.questions)
    assert f"1 of {total}" in main_text(browser)
    presses += answer_current(browser) + answer_current(browser)
    assert progress(browser) == 3
    presses += press(browser, "b")  # a step back, then on again
    assert progress(browser) == 2
    presses += answer_current(browser)
    while progress(browser) != 10:
        presses += answer_current(browser)
    storage_settles()
    browser.get("about:blank")  # closing the tab halfway loses nothing: opened again,
    browser.get(page.as_uri())  # it goes on where it was
    wait_for(lambda: progress(browser) == 10)
    while progress(browser) is not None:
        presses += answer_current(browser)
    assert "Your answers" in main_text(browser)
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0

    browser.find_element("css selector", "button[data-question='gtm_motion_definition']").click()
    presses += 1
    keys = browser.execute_script(
        "return [...document.querySelectorAll('.option kbd')].map(k => k.textContent)"
    )
    presses += press(browser, keys[1], Keys.ENTER)  # the second option: VP of Sales
    assert "Your answers" in main_text(browser)  # straight back to the review
    before = set(downloads.glob("*.yaml"))
    browser.find_element("id", "save").click()
    presses += 1
    saved = saved_file(downloads, before)
    assert saved.name == "outbound-cro-dana-reyes.yaml"
    shown = browser.find_element("id", "response-text").get_attribute("value")
    assert shown == saved.read_text()
    assert "holds your answers only" in main_text(browser)
    print(f"key presses to finish the outbound bank in the browser: {presses}")

    answers = read_yaml(saved).data["answers"]
    assert answers["gtm_motion_definition"] == "vp_sales"
    assert answers["outbound_strategy_owner"] == "cro"
    assert len(answers) == total
    result = run("compare", saved, VP, "-f", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    vp_answers = read_yaml(VP).data["answers"]
    verdicts = {i["question_id"]: i["verdict"] for i in report["items"]}
    claimed = [q.id for q in bank.questions if q.names_owners and vp_answers[q.id] == "vp_sales"]
    assert claimed and all(verdicts[q] == "collision" for q in claimed if answers[q] == "cro")
    assert report["respondents"][0]["name"] == "Dana Reyes"


def test_a_changed_form_cannot_pass_its_answers_off(fresh_browser, downloads, tmp_path: Path):
    browser = fresh_browser  # an empty profile: no answers kept from another test
    page = make_form(tmp_path)
    text = page.read_text()
    assert "Who owns outbound strategy" in text
    page.write_text(text.replace("Who owns outbound strategy", "Who owns outbound tactics", 1))
    answer_everything(browser, page, name="Eve")
    before = set(downloads.glob("*.yaml"))
    browser.find_element("id", "save").click()
    saved = saved_file(downloads, before)
    result = run("compare", saved, VP)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(saved)) and "browser form" in lines[0]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_makes_no_request_and_passes_axe_at_any_width(
    fresh_browser, tmp_path: Path, width: int
):
    browser = fresh_browser  # an empty profile: no answers kept from another test
    from axe_selenium_python import Axe
    from selenium.webdriver.common.keys import Keys

    page = make_form(tmp_path, "--name", "Sam")
    html = page.read_text()
    assert "default-src 'none'" in html and "http" not in html.replace("http-equiv", "")
    browser.set_window_size(width, 900)
    open_fresh(browser, page)
    press(browser, Keys.ENTER)
    started(browser)
    answer_current(browser)
    for _ in range(2):  # a question page, then the review page
        scroll, inner = browser.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll <= inner, width
        axe = Axe(browser)
        axe.inject()
        violations = axe.run()["violations"]
        assert [(v["id"], len(v["nodes"])) for v in violations] == [], width
        while progress(browser) is not None:  # then the review page
            answer_current(browser)
    assert "Your answers" in main_text(browser)
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_hostile_bank_and_name_text_stays_inert_and_visible(fresh_browser, tmp_path: Path):
    browser = fresh_browser  # an empty profile: no answers kept from another test
    hostile = "</script><img src=x onerror=alert(1)>\u2028\u202eRTL"
    data = read_yaml(builtin_dir() / "outbound.yaml").data
    data["title"] = "Outbound <b>bold</b>"
    data["questions"][0]["prompt"] = "Who owns it? " + hostile
    bank = tmp_path / "hostile.yaml"
    bank.write_text(dump_yaml(data))
    page = make_form(tmp_path, "--name", "<img src=x onerror=alert(2)>", bank=bank)
    assert page.read_text().count("</script>") == 2  # the page's own two, nothing more
    browser.set_window_size(1280, 900)
    open_fresh(browser, page)
    assert browser.execute_script("return document.images.length") == 0
    assert "Outbound <b>bold</b>" in main_text(browser)
    from selenium.webdriver.common.keys import Keys

    press(browser, Keys.ENTER)
    started(browser)
    shown = main_text(browser)
    assert "</script><img src=x onerror=alert(1)>" in shown
    assert "\\u2028\\u202eRTL" in shown and "\u202e" not in shown
    assert browser.execute_script("return document.images.length") == 0
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is the check


def test_form_sizes_and_a_role_is_needed(tmp_path: Path):
    for name in ("outbound", "revenue-leadership", "ceo-cro"):
        role = "cro"
        out = tmp_path / f"{name}.html"
        assert run("form", "--bank", name, "--role", role, "--out", out).exit_code == 0
        assert out.stat().st_size < 150_000
    result = run("form", "--bank", "outbound", "--format", "html")
    assert result.exit_code == 2 and "--role" in result.stderr
    clash = run(
        "form", "--bank", "outbound", "--role", "cro", "-f", "yaml", "--out", tmp_path / "x.html"
    )
    assert clash.exit_code == 2


def test_no_stray_text_and_each_screen_keeps_its_own_keys(fresh_browser, tmp_path: Path):
    browser = fresh_browser  # an empty profile: no answers kept from another test
    from selenium.webdriver.common.keys import Keys

    page = make_form(tmp_path, "--name", "Dana")
    browser.set_window_size(1280, 900)
    open_fresh(browser, page)
    press(browser, Keys.ENTER)
    started(browser)
    assert "null" not in main_text(browser).split()  # a question without help shows no "null"
    press(browser, "b")  # back from the first question to the name
    name = browser.find_element("id", "name")
    name.clear()
    name.send_keys("Bob b12")  # the question's keys (b, digits) no longer act here
    assert name.get_attribute("value") == "Bob b12"
    press(browser, Keys.ENTER)
    started(browser)
    while progress(browser) is not None:
        answer_current(browser)
    assert "null" not in main_text(browser).split()
    press(browser, "b")  # the review page has no back key: it stays
    assert "Your answers" in main_text(browser)


def test_a_shuffling_bank_gives_each_leader_an_order_within_each_topic(
    fresh_browser, downloads, tmp_path: Path
):
    browser = fresh_browser  # an empty profile: no answers kept from another test
    data = read_yaml(builtin_dir() / "ceo-cro.yaml").data
    data["order"] = "shuffle"
    bank_file = tmp_path / "shuffled.yaml"
    bank_file.write_text(dump_yaml(data))
    page = make_form(tmp_path, bank=bank_file)
    answer_everything(browser, page, name="Shuffled")
    before = set(downloads.glob("*.yaml"))
    browser.find_element("id", "save").click()
    saved = saved_file(downloads, before)
    order = read_yaml(saved).data["order"]
    bank = load_bank(bank_file)
    assert sorted(order) == sorted(q.id for q in bank.questions)
    sections = [bank.question(qid).section for qid in order]
    assert sections == [q.section for q in bank.questions]  # topics stay in the order written
    assert order != [q.id for q in bank.questions]  # within them, this leader's own order
    ceo = tmp_path / "ceo.yaml"
    answers = EXAMPLES / "ceo-cro" / "answers" / "ceo.yaml"
    made = run("survey", "--bank", bank_file, "--role", "ceo", "--name", "Alex Chen",
               "--answers", answers, "--out", ceo)  # fmt: skip
    assert made.exit_code == 0, made.output
    result = run("compare", saved, ceo, "--bank", bank_file)
    assert result.exit_code == 0, result.output


def _answer_some(browser: Any, page: Path, name: str, how_many: int) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.get(page.as_uri())
    wait_for(lambda: browser.find_elements("id", "name"))
    browser.find_element("id", "name").clear()
    browser.find_element("id", "name").send_keys(name)
    press(browser, Keys.ENTER)
    started(browser)
    for _ in range(how_many):
        answer_current(browser)
    storage_settles()


def test_forms_in_one_browser_never_see_each_other(fresh_browser, downloads, tmp_path: Path):
    """Two clients, two rounds, two people, one browser profile: each page shows only its own
    progress and name; a saved page keeps no answers in the browser."""
    browser = fresh_browser
    marcus = tmp_path / "marcus.html"
    zoe = tmp_path / "zoe.html"
    for out, name in ((marcus, "Marcus Webb"), (zoe, "Zoe Other")):
        done = run("form", "--bank", "outbound", "--role", "vp_sales", "--name", name, "--out", out)
        assert done.exit_code == 0, done.output
    _answer_some(browser, marcus, "Marcus Webb", 3)
    browser.get(zoe.as_uri())
    wait_for(lambda: browser.find_elements("id", "name"))
    assert browser.find_element("id", "name").get_attribute("value") == "Zoe Other"
    assert "Continue" not in main_text(browser) and "Marcus" not in main_text(browser)
    assert not browser.find_elements("id", "start-over")  # nothing of Marcus's to clear
    browser.get(marcus.as_uri())
    wait_for(lambda: progress(browser) == 4)  # Marcus's own page goes on where he stopped

    # Marcus finishes and saves: his answers leave the browser's storage
    while progress(browser) is not None:
        answer_current(browser)
    before = set(downloads.glob("*.yaml"))
    browser.find_element("id", "save").click()
    saved_file(downloads, before)
    storage_settles()
    stored = browser.execute_script(
        "return Object.keys(localStorage).map(k => localStorage.getItem(k)).join('\\n')"
    )
    assert '"answers"' not in stored and "Marcus Webb" not in stored
    browser.get("about:blank")
    browser.get(marcus.as_uri())
    wait_for(lambda: "Saved. Now send the file." in main_text(browser))
    browser.get(zoe.as_uri())
    wait_for(lambda: browser.find_elements("id", "name"))
    assert "Saved" not in main_text(browser)  # another page's done screen never appears


def _engagement(tmp_path: Path, client: str, vp: str) -> Path:
    folder = tmp_path / client.split()[0].lower()
    made = run(
        "init", folder, "--client", client, "--bank", "outbound", "--round", "2026-Q4",
        "--person", "cro=Dana Reyes", "--person", f"vp_sales={vp}",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    return folder


def _invite(folder: Path) -> Path:
    import os

    here = Path.cwd()
    os.chdir(folder)
    try:
        done = run("invite")
    finally:
        os.chdir(here)
    assert done.exit_code == 0, done.output
    return next((folder / folder_round(folder) / "forms").glob("*vp-sales*.html"))


def folder_round(folder: Path) -> str:
    return read_yaml(folder / "ownerdiag.yaml").data["rounds"][-1]["name"]


def _answer_invited(browser: Any, page: Path, how_many: int | None = None) -> None:
    browser.get(page.as_uri())
    wait_for(lambda: browser.find_elements("id", "start"))
    browser.find_element("id", "start").click()
    started(browser)
    while progress(browser) is not None and (how_many is None or how_many > 0):
        answer_current(browser)
        how_many = None if how_many is None else how_many - 1
    storage_settles()


def test_an_invited_form_seals_its_response_for_its_person_and_round_only(
    fresh_browser, downloads, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Two clients, two rounds, one browser profile: each invited form shows its own person
    alone, and what it saves passes `status` and `compare` in its own round and no other."""
    browser = fresh_browser
    acme, other = (
        _engagement(tmp_path, "Acme Corp", "Marcus Webb"),
        _engagement(tmp_path, "Other Inc", "Zoe Other"),
    )
    marcus, zoe = _invite(acme), _invite(other)
    _answer_invited(browser, marcus, 3)
    browser.get(zoe.as_uri())
    wait_for(lambda: browser.find_elements("id", "start"))
    text = main_text(browser)
    assert "Zoe Other" in text and "Marcus" not in text and "Continue" not in text
    assert not browser.find_elements("id", "name")  # the invited person's name is not typed

    browser.get(marcus.as_uri())
    wait_for(lambda: progress(browser) == 4)  # Marcus's own page goes on where he stopped
    while progress(browser) is not None:
        answer_current(browser)
    before = set(downloads.glob("*.yaml"))
    browser.find_element("id", "save").click()
    saved = saved_file(downloads, before)
    stamp = read_yaml(saved).data["invitation"]
    assert stamp["round"] == "2026-Q4" and len(stamp["seal"]) == 64

    round_dir = acme / "2026-Q4"
    shutil.copy(saved, round_dir / saved.name)
    monkeypatch.chdir(acme)
    cro = run("survey", "--person", "Dana Reyes", "--answers",
              EXAMPLES / "outbound" / "answers" / "cro.yaml")  # fmt: skip
    assert cro.exit_code == 0, cro.output
    status = json.loads(run("status", "--format", "json").stdout)
    assert [p["state"] for p in status["rounds"][0]["people"]] == ["answered", "answered"]
    assert run("compare", "--format", "json").exit_code == 0  # the browser's seal checks

    # the same file in the other client's round, or in Acme's next round, is refused
    shutil.copy(saved, other / "2026-Q4" / saved.name.replace("marcus-webb", "zoe-other"))
    monkeypatch.chdir(other)
    assert "Marcus Webb (vp_sales) is not invited to this engagement" in run("status").stdout
    monkeypatch.chdir(acme)
    assert run("new-round", "2027-Q1").exit_code == 0
    next_form = _invite(acme)
    shutil.copy(saved, acme / "2027-Q1" / saved.name)
    assert "not round 2027-Q1" in run("status").stdout
    browser.get(next_form.as_uri())  # next quarter's form opens fresh, not on the old done page
    wait_for(lambda: browser.find_elements("id", "start"))
    assert "Saved" not in main_text(browser) and "round 2027-Q1" in main_text(browser)
