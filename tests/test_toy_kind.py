"""A question kind defined here, in the tests alone, flows through every command that shows
questions or answers: nothing outside the kind's own class needs to know about it."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ownerdiag.core.models import register_kind, unregister_kind
from ownerdiag.files.banks import load_bank
from ownerdiag.files.documents import load_decisions, load_response

from .conftest import survey_args
from .ranking_kind import RankingQuestion

BANK = """\
id: toy
title: Toy bank
version: "1"
roles: {cro: Chief Revenue Officer, vp_sales: VP of Sales}
lanes: {design: {title: Design}}
questions:
  - id: strategy
    kind: owner
    lane: design
    prompt: Who owns strategy?
    expected: cro
  - id: priorities
    kind: ranking
    lane: design
    prompt: Rank what outbound is for this year.
    options: {pipeline: More pipeline, markets: New markets, retention: Keep customers}
    expected: [pipeline, markets, retention]
"""


@pytest.fixture
def toy_bank(tmp_path: Path) -> Iterator[Path]:
    register_kind(RankingQuestion)
    path = tmp_path / "toy.yaml"
    path.write_text(BANK)
    yield path
    unregister_kind(RankingQuestion)


def answer(cli, bank: Path, tmp_path: Path, role: str, ranking: list[str]) -> Path:
    answers = tmp_path / f"{role}-answers.yaml"
    answers.write_text(json.dumps({"strategy": "cro", "priorities": ranking}))
    out = tmp_path / f"{role}.yaml"
    result = cli(
        *survey_args(role, role.upper(), "--answers", answers, "--out", out, bank=str(bank))
    )
    assert result.exit_code == 0, result.output
    return out


def test_a_kind_defined_in_a_test_flows_through_survey_form_and_every_report(
    cli, toy_bank: Path, tmp_path: Path
):
    form = cli("form", "--bank", toy_bank, "--role", "cro")
    assert form.exit_code == 0 and "[pipeline, markets, retention] in your order" in form.stdout

    cro = answer(cli, toy_bank, tmp_path, "cro", ["pipeline", "markets", "retention"])
    vp = answer(cli, toy_bank, tmp_path, "vp_sales", ["retention", "pipeline", "markets"])
    args = ["compare", cro, vp, "--bank", toy_bank, "--all"]

    data = json.loads(cli(*args, "--format", "json").stdout)
    (ranking,) = [i for i in data["items"] if i["kind"] == "ranking"]
    assert ranking["verdict"] == "mismatch" and ranking["severity"] == "medium"
    assert ranking["answers"]["vp_sales"] == ["retention", "pipeline", "markets"]

    for format in ("terminal", "markdown", "html"):
        shown = cli(*args, "--format", format).stdout
        assert "Priorities" in shown, format  # the kind's own report table
        # a narrow terminal wraps cells; every word of them is still there
        for said in ("Rank what outbound is for this year.", "Keep customers › More pipeline"):
            assert (
                said in shown if format != "terminal" else set(said.split()) <= set(shown.split())
            )


def test_a_wrong_answer_for_the_new_kind_says_what_is_valid(cli, toy_bank: Path, tmp_path: Path):
    answers = tmp_path / "bad.yaml"
    answers.write_text("strategy: cro\npriorities: [pipeline]\n")
    result = cli(
        *survey_args(
            "cro", "C", "--answers", answers, "--out", tmp_path / "o.yaml", bank=str(toy_bank)
        )
    )
    assert result.exit_code == 2
    assert "list every option once, most important first: pipeline, markets, retention" in (
        result.stderr
    )


def test_an_unregistered_kind_is_refused_by_name(cli, tmp_path: Path):
    path = tmp_path / "toy.yaml"
    path.write_text(BANK)
    result = cli("bank", "validate", path)
    assert result.exit_code == 2 and "unknown kind 'ranking'" in result.stderr


# ---- every channel, for a kind whose answer is a list ------------------------------------------

REPO = Path(__file__).resolve().parents[1]
DOWN, UP, ENTER, LEFT = "\x1b[B", "\x1b[A", "\r", "\x1b[D"
FRAMEWORK = ["pipeline", "markets", "retention"]
VP_ORDER = ["retention", "pipeline", "markets"]


def with_ranking(*args: object, cwd: Path, plain: bool = False) -> Any:
    """``ownerdiag`` in a pseudo-terminal, with the ranking kind registered."""
    import pexpect

    env = {
        **os.environ,
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
        "NO_COLOR": "1",
        "PYTHONPATH": str(REPO),
    }
    argv = ["-m", "tests.ranking_kind", *map(str, args), *(["--plain"] if plain else [])]
    return pexpect.spawn(
        sys.executable,
        argv,
        cwd=str(cwd),
        env=env,
        dimensions=(40, 200),
        encoding="utf-8",
        timeout=30,
    )


def finished(child: Any) -> None:
    import pexpect

    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before


@pytest.fixture
def responses(cli, toy_bank: Path, tmp_path: Path) -> list[Path]:
    """Two leaders' response files, then ``--bank`` and the toy bank."""
    cro = answer(cli, toy_bank, tmp_path, "cro", FRAMEWORK)
    vp = answer(cli, toy_bank, tmp_path, "vp_sales", VP_ORDER)
    return [cro, vp, Path("--bank"), toy_bank]


@pytest.mark.slow
def test_the_drawn_survey_asks_for_an_order_place_by_place(toy_bank: Path, tmp_path: Path):
    out = tmp_path / "cro.yaml"
    child = with_ranking(
        *survey_args("cro", "Dana", "--out", out, bank=str(toy_bank)), cwd=tmp_path
    )
    child.expect_exact("Who owns strategy?")
    child.send(DOWN + ENTER)  # from "can't say" to the CRO
    child.expect_exact("Place 1 of 3")
    child.send(DOWN + ENTER)  # New markets first
    child.expect_exact("Place 2 of 3")
    child.send(LEFT)  # back: first place again
    child.expect_exact("Place 1 of 3")
    child.send(DOWN * 2 + ENTER)  # Keep customers first
    child.expect_exact("Place 2 of 3")
    child.send(ENTER)  # then More pipeline; New markets is left for last
    child.expect_exact("Save these answers?")
    assert "Keep customers › More" in child.before
    child.send(ENTER)
    finished(child)
    assert load_response(out)[0].answers["priorities"] == VP_ORDER


@pytest.mark.slow
def test_plain_mode_reads_an_order_as_numbers_or_words(toy_bank: Path, tmp_path: Path):
    out = tmp_path / "cro.yaml"
    args = survey_args("cro", "Dana", "--out", out, bank=str(toy_bank))
    child = with_ranking(*args, cwd=tmp_path, plain=True)
    child.expect_exact("Your answer (b to go back")
    child.sendline("1")
    child.expect_exact("Type the numbers of all 3 answers in your order, first first, like 3 2 1")
    child.sendline("1 2")  # one left out
    child.expect_exact("Not understood: please type the numbers of all 3 answers")
    child.sendline("3 1 2")
    child.expect_exact("Recorded: Keep customers › More pipeline › New markets.")
    child.expect_exact("Type s to save, or the number of an answer to change")
    child.sendline("2")
    child.sendline("new markets, keep customers, more pipeline")  # words work too
    child.expect_exact("Recorded: New markets › Keep customers › More pipeline.")
    child.expect_exact("Type s to save")
    child.sendline("s")
    finished(child)
    assert load_response(out)[0].answers["priorities"] == ["markets", "retention", "pipeline"]


def test_compare_shows_the_order_in_every_format(cli, responses: list[Path], tmp_path: Path):
    import openpyxl

    args = ["compare", *responses, "--all"]
    said = "Keep customers › More pipeline › New markets"
    for format in ("markdown", "html"):
        assert said in cli(*args, "--format", format).stdout, format
    terminal = cli(*args, "--format", "terminal").stdout
    assert set(said.split()) <= set(terminal.split())
    rows = list(csv.DictReader(io.StringIO(cli(*args, "--format", "csv").stdout)))
    (vp,) = [r for r in rows if r["question_id"] == "priorities" and r["role"] == "vp_sales"]
    assert vp["answer_label"] == said
    book = tmp_path / "report.xlsx"
    assert cli(*args, "--out", book).exit_code == 0
    cells = {str(c.value) for sheet in openpyxl.load_workbook(book) for r in sheet for c in r}
    assert any(said in cell for cell in cells)


def test_the_meeting_settles_an_order_and_the_charter_states_it(
    cli, responses: list[Path], tmp_path: Path
):
    charter = cli("charter", *responses)
    assert charter.exit_code == 0, charter.output
    assert "Agree an answer to: Rank what outbound is for this year." in charter.stdout
    agreed = tmp_path / "agreed.yaml"
    agreed.write_text("priorities: {decision: [markets, More pipeline, retention], note: Q3}\n")
    out = tmp_path / "decisions.yaml"
    result = cli("resolve", *responses, "--answers", agreed, "--out", out)
    assert result.exit_code == 0, result.output
    assert "New markets › More pipeline › Keep customers" in result.stdout + result.stderr
    for format in ("markdown", "html"):
        signed = cli("charter", *responses, "--decisions", out, "--format", format).stdout
        assert "New markets › More pipeline › Keep customers" in signed, format
        assert "agreed in the meeting" in signed


def test_a_decision_that_is_no_order_is_refused_by_what_is_valid(
    cli, responses: list[Path], tmp_path: Path
):
    agreed = tmp_path / "agreed.yaml"
    agreed.write_text("priorities: [markets]\n")
    result = cli("resolve", *responses, "--answers", agreed, "--out", tmp_path / "d.yaml")
    assert result.exit_code == 2
    assert "list every option once, most important first" in result.stderr


@pytest.mark.slow
def test_the_room_can_agree_an_order_nobody_gave(responses: list[Path], tmp_path: Path):
    out = tmp_path / "decisions.yaml"
    child = with_ranking("resolve", *responses, "--out", out, cwd=tmp_path)
    child.expect_exact("Item 1 of 1")
    child.expect_exact("What does the room decide?")
    child.expect_exact("More pipeline › New markets › Keep customers (the framework's answer, CRO")
    child.expect_exact("Keep customers › More pipeline › New markets (VP_SALES said)")
    child.expect_exact("Another answer…")
    child.send(UP + ENTER)  # from "leave open", where every item starts
    child.expect_exact("Place 1 of 3")
    child.send(DOWN + ENTER)  # New markets first, then More pipeline
    child.expect_exact("Place 2 of 3")
    child.send(ENTER)
    child.expect_exact("Note (optional)")
    child.send("growth year" + ENTER)
    child.expect_exact("New markets › More pipeline › Keep customers")
    child.expect_exact("Save the decisions?")
    child.send(ENTER)
    finished(child)
    decision = load_decisions(out, load_bank(responses[-1])).decisions
    assert decision["priorities"].decision == ["markets", "pipeline", "retention"]
    assert decision["priorities"].note == "growth year"


@pytest.mark.slow
def test_the_browser_form_puts_options_in_order_and_compare_reads_it(
    cli, fresh_browser, downloads: Path, toy_bank: Path, tmp_path: Path
):
    from selenium.webdriver.common.keys import Keys

    from .test_browser_form import main_text, open_fresh, press, progress, saved_file, wait_for

    page = tmp_path / "form.html"
    made = cli("form", "--bank", toy_bank, "--role", "cro", "--name", "Dana", "--out", page)
    assert made.exit_code == 0, made.output
    open_fresh(fresh_browser, page)
    press(fresh_browser, Keys.ENTER)
    wait_for(lambda: progress(fresh_browser) == 1)
    press(fresh_browser, "1", Keys.ENTER)
    wait_for(lambda: progress(fresh_browser) == 2)
    shown = main_text(fresh_browser)
    assert shown.index("More pipeline") < shown.index("New markets") < shown.index("Keep customers")
    move_up = fresh_browser.find_element("css selector", "[aria-label='Move Keep customers up']")
    move_up.click()
    move_up.click()
    fresh_browser.find_element("id", "next").click()
    wait_for(lambda: "Your answers" in main_text(fresh_browser))
    assert "Keep customers › More pipeline › New markets" in main_text(fresh_browser)
    before = set(downloads.glob("*.yaml"))
    fresh_browser.find_element("id", "save").click()
    saved = saved_file(downloads, before)
    assert load_response(saved)[0].answers["priorities"] == VP_ORDER
    cro = answer(cli, toy_bank, tmp_path, "vp_sales", FRAMEWORK)
    report = cli("compare", saved, cro, "--bank", toy_bank, "--format", "json")
    assert report.exit_code == 0, report.output
    (ranking,) = [i for i in json.loads(report.stdout)["items"] if i["kind"] == "ranking"]
    assert ranking["answers"]["cro"] == VP_ORDER
