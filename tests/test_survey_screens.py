"""What a leader sees and presses in the real survey (a pseudo-terminal): no lane and no
framework answer on screen, number keys, and a caution at review when answers look careless."""

from __future__ import annotations

import io
import itertools
import os
import sys
from pathlib import Path

import pexpect
import pytest

from ownerdiag.core.models import Bank
from ownerdiag.files.documents import load_response

from .conftest import survey_args
from .test_survey_pty import ENTER, EXE, at, spawn

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a pty"),
    pytest.mark.slow,
]


def run_survey(tmp_path: Path, bank: Bank, key: str, yes_no: str = "") -> tuple[str, Path]:
    """Answer every question: ``key`` (``yes_no`` on yes/no questions) then Enter on choices,
    a sentence on free text."""
    out = tmp_path / "vp.yaml"
    child = spawn(*survey_args("vp_sales", "Sam Ortiz", "--out", out), cwd=tmp_path)
    screen = io.StringIO()
    child.logfile_read = screen
    for index, question in enumerate(bank.questions):
        at(child, index + 1, len(bank.questions))
        pressed = yes_no if question.kind == "yes_no" and yes_no else key
        child.send(f"words for {question.id}{ENTER}" if question.quoted else pressed + ENTER)
    child.expect_exact("Save these answers?")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, screen.getvalue()[-2000:]
    return screen.getvalue(), out


def test_number_keys_answer_the_bank_and_nothing_gives_the_framework_away(
    tmp_path: Path, outbound: Bank
):
    screen, out = run_survey(tmp_path, outbound, "2", yes_no="y")
    for lane in outbound.lanes.values():
        assert lane.title not in screen
    for question in outbound.questions:
        assert not question.why or question.why[:40] not in screen
        assert not question.remedy or question.remedy[:40] not in screen
    response, _ = load_response(out)
    owner = [response.answers[q.id] for q in outbound.questions if q.names_owners]
    assert set(owner) == {"vp_sales"}  # the second option, picked by its number
    cadences = {response.answers[q.id] for q in outbound.questions if q.answers_are_cadences}
    assert cadences == {"monthly"}  # the second of weekly, monthly, ...
    assert {response.answers[q.id] for q in outbound.questions if q.kind == "yes_no"} == {"yes"}
    assert len(response.seconds) == len(outbound.questions)
    assert all(seconds >= 0 for seconds in response.seconds.values())
    # the same owner everywhere: the leader was told before saving
    assert "Caution: the same answer on 100% of owner questions" in screen


def test_enter_all_the_way_is_pointed_out_at_review(tmp_path: Path, outbound: Bank):
    screen, out = run_survey(tmp_path, outbound, "")
    assert "Caution: “can't say” on 100% of owner questions" in screen
    response, _ = load_response(out)
    assert {response.answers[q.id] for q in outbound.questions if q.names_owners} == {"unclear"}


@pytest.mark.parametrize("how", [["--plain"], []])
def test_plain_mode_answers_line_by_line_with_no_escape_sequence(
    tmp_path: Path, outbound: Bank, how: list[str]
):
    out = tmp_path / "cro.yaml"
    env = {**os.environ, "TERM": "xterm" if how else "dumb"}
    child = pexpect.spawn(
        EXE,
        [*survey_args("cro", "Dana Reyes", "--out", out), *how],
        cwd=str(tmp_path),
        env=env,
        dimensions=(30, 100),
        timeout=20,
    )
    screen = io.BytesIO()
    child.logfile_read = screen
    for index, question in enumerate(outbound.questions):
        child.expect_exact(f"Question {index + 1} of {len(outbound.questions)}")
        child.expect_exact("Your answer (b to go back")
        if question.quoted:
            child.sendline(f"In my words: {question.id}")
        elif question.names_owners:
            child.sendline("CRO")  # words work as well as numbers
        else:
            child.sendline("1")
        child.expect_exact("Recorded: ")
    child.expect_exact("Type s to save")
    child.sendline("s")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert b"\x1b" not in screen.getvalue()
    response, _ = load_response(out)
    assert {response.answers[q.id] for q in outbound.questions if q.names_owners} == {"cro"}
    assert response.answers["strategy_owner_sentence"] == "In my words: strategy_owner_sentence"


class Screen:
    """What the terminal shows, as a terminal emulator (pyte) draws it from the output."""

    def __init__(self, columns: int, rows: int) -> None:
        import pyte

        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)

    def write(self, data: bytes) -> None:
        self.stream.feed(data)

    def flush(self) -> None:
        pass

    def broken_words(self) -> list[str]:
        """Lines that end in the middle of a word carried on at the start of the next line."""
        lines = self.screen.display
        return [
            f"{upper!r} / {lower!r}"
            for upper, lower in itertools.pairwise(lines)
            if upper[-1:].isalnum() and lower[:1].isalnum()
        ]


@pytest.mark.parametrize(("columns", "rows"), [(100, 30), (80, 24), (60, 20)])
def test_no_word_is_broken_in_the_survey_or_the_review(
    tmp_path: Path, outbound: Bank, columns: int, rows: int
):
    out = tmp_path / "cro.yaml"
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "NO_COLOR": "1"}
    child = pexpect.spawn(
        EXE,
        survey_args("cro", "Dana Reyes", "--out", out),
        cwd=str(tmp_path),
        env=env,
        dimensions=(rows, columns),
        timeout=20,
    )
    screen = Screen(columns, rows)
    child.logfile_read = screen
    broken: list[str] = []
    for index, question in enumerate(outbound.questions):
        child.expect_exact(f"[{index + 1}/{len(outbound.questions)}]")
        child.expect_exact("Ctrl-B back")
        broken += screen.broken_words()
        child.send(f"words for {question.id}{ENTER}" if question.quoted else "3" + ENTER)
    child.expect_exact("Save these answers?")
    child.expect_exact("Change an answer")
    broken += screen.broken_words()
    # the review fits: its title is still on the screen when the save prompt is drawn
    assert any(line.startswith("Review your answers") for line in screen.screen.display)
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert broken == []


def test_ctrl_d_on_a_choice_question_keeps_progress_like_ctrl_c(tmp_path: Path, outbound: Bank):
    out = tmp_path / "cro.yaml"
    child = spawn(*survey_args("cro", "Dana Reyes", "--out", out), cwd=tmp_path)
    at(child, 1, len(outbound.questions))
    child.send("1" + ENTER)
    at(child, 2, len(outbound.questions))
    child.sendcontrol("d")
    child.expect_exact("Progress saved in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert Path(f"{out}.partial").exists()
