"""The real `ownerdiag resolve` in a pseudo-terminal: only the room decides, and the meeting can
stop and go on."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from ownerdiag.core.engine import Comparison, Item, compare
from ownerdiag.files.collect import gather
from ownerdiag.files.documents import load_decisions

from .test_compare_cli import CRO, VP
from .test_survey_pty import CTRL_C, ENTER, EXE, spawn

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a pty"),
    pytest.mark.slow,
]


def outbound_meeting() -> Comparison:
    bank, responses = gather([CRO, VP])
    return compare(bank, responses)


def at_item(child: pexpect.spawn, number: int, total: int, first_choice: str = "") -> None:
    child.expect_exact(f"Item {number} of {total} ")
    if first_choice:
        child.expect_exact(f"1) {first_choice}")
    child.expect_exact("Leave open for now")  # the prompt itself is drawn: keys go to it


def leave_open(child: pexpect.spawn, note: str = "") -> None:
    """Enter alone, then Enter (or a note) at the note prompt."""
    child.send(ENTER)
    child.expect_exact("Note (optional)")
    child.send(note + ENTER)


def take_first_choice(child: pexpect.spawn) -> None:
    child.send("1" + ENTER)
    child.expect_exact("Note (optional)")
    child.send(ENTER)


def finished(child: pexpect.spawn) -> None:
    child.expect_exact("Save the decisions?")
    child.send(ENTER)
    child.expect_exact("Next: ownerdiag charter")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def charter(tmp_path: Path, decisions: Path) -> str:
    out = tmp_path / "charter.md"
    child = spawn("charter", str(CRO), str(VP), "--decisions", str(decisions), "--out", str(out),
                  cwd=tmp_path)  # fmt: skip
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return out.read_text()


def test_enter_through_every_item_records_nothing_even_after_a_resume(tmp_path: Path):
    comparison = outbound_meeting()
    agenda = comparison.agenda()
    total = len(agenda)
    out = tmp_path / "decisions.yaml"
    args = ["resolve", str(CRO), str(VP), "--out", str(out)]
    child = spawn(*args, cwd=tmp_path)
    at_item(child, 1, total)
    leave_open(child, "Dana to propose a split")
    at_item(child, 2, total)
    child.send(CTRL_C)
    child.expect_exact("--resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and not out.exists()

    child = spawn(*args, cwd=tmp_path)  # the same command offers to go on
    child.expect_exact("Decisions from before are saved. Continue where you left off?")
    child.send(ENTER)
    child.expect_exact(f"Resuming: 1 of {total} items gone through already.")
    for number in range(2, total + 1):
        at_item(child, number, total)
        leave_open(child)
    child.expect_exact("Review the meeting's decisions")
    child.expect_exact(f"0 of {total} decided")
    finished(child)
    made = load_decisions(out, comparison.bank).decisions
    assert all(made[item.question.id].decision is None for item in agenda)
    assert made[agenda[0].question.id].note == "Dana to propose a split"
    signed = charter(tmp_path, out)
    assert f"## To decide ({total})" in signed
    assert "| agreed in the meeting" not in signed
    for item in agenda:
        assert item.question.to_decide() in signed


def drift(agenda: list[Item]) -> list[Item]:
    return [item for item in agenda if item.verdict.value == "drift"]


def test_the_leaders_shared_answer_comes_first_and_is_recorded_as_theirs(tmp_path: Path):
    comparison = outbound_meeting()
    agenda = comparison.agenda()
    agreed_off = drift(agenda)
    assert agreed_off, "the outbound examples have items both leaders answered alike"
    out = tmp_path / "decisions.yaml"
    child = spawn("resolve", str(CRO), str(VP), "--out", str(out), cwd=tmp_path)
    for number, item in enumerate(agenda, 1):
        if item in agreed_off:
            shared = item.question.label(next(iter(item.answers.values())), comparison.bank)
            at_item(child, number, len(agenda), f"{shared} (both leaders said)")
            take_first_choice(child)
        else:
            at_item(child, number, len(agenda))
            leave_open(child)
    finished(child)
    made = load_decisions(out, comparison.bank).decisions
    for item in agreed_off:
        decision = made[item.question.id]
        assert decision.decision == next(iter(item.answers.values()))
        assert decision.origin == "leaders"
    signed = charter(tmp_path, out)
    assert signed.count("agreed in the meeting (both leaders said)") >= 1
    assert f"## To decide ({len(agenda) - len(agreed_off)})" in signed


@pytest.mark.parametrize(("columns", "rows"), [(100, 30), (80, 24)])
def test_each_item_on_a_cleared_screen_with_no_word_broken(tmp_path: Path, columns: int, rows: int):
    from .test_survey_screens import Screen

    agenda = outbound_meeting().agenda()
    out = tmp_path / "decisions.yaml"
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "NO_COLOR": "1"}
    args = ["resolve", str(CRO), str(VP), "--out", str(out)]
    child = pexpect.spawn(EXE, args, cwd=str(tmp_path), env=env, dimensions=(rows, columns))
    screen = Screen(columns, rows)
    child.logfile_read = screen
    broken: list[str] = []
    for number in range(1, len(agenda) + 1):
        at_item(child, number, len(agenda))
        shown = "\n".join(screen.screen.display)
        top = "\n".join(screen.screen.display[:2])  # the opening line may come first
        assert f"Item {number} of {len(agenda)} " in top
        assert f"Item {number - 1} of" not in shown, f"item {number - 1} is still on the screen"
        broken += screen.broken_words()
        leave_open(child)
    child.expect_exact("Save the decisions?")
    child.expect_exact("Change a decision")
    broken += screen.broken_words()
    assert any(line.startswith("Review the meeting's decisions") for line in screen.screen.display)
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert broken == []
