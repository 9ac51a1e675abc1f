"""The real `ownerdiag resolve` in a pseudo-terminal: only the room decides, and the meeting can
stop and go on."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest

from ownerdiag.core.engine import Comparison, Item, compare
from ownerdiag.files.collect import gather
from ownerdiag.files.documents import load_decisions

from .test_compare_cli import CRO, VP
from .test_survey_pty import CTRL_C, DOWN, ENTER, spawn

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a pty"),
    pytest.mark.slow,
]


def outbound_meeting() -> Comparison:
    bank, responses = gather([CRO, VP])
    return compare(bank, responses)


def at_item(child: pexpect.spawn, number: int, total: int) -> None:
    child.expect_exact(f"[{number}/{total}]")
    child.expect_exact("Ctrl-B back")  # the prompt itself is drawn: keys go to it


def leave_open(child: pexpect.spawn, note: str = "") -> None:
    """Enter alone, then Enter (or a note) at the note prompt."""
    child.send(ENTER)
    child.expect_exact("Note (optional)")
    child.send(note + ENTER)


def take_first_choice(child: pexpect.spawn) -> None:
    child.send(DOWN + ENTER)  # from "leave open" (the last choice) round to the first
    child.expect_exact("Note (optional)")
    child.send(ENTER)


def finished(child: pexpect.spawn) -> None:
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

    child = spawn(*args, "--resume", cwd=tmp_path)
    for number in range(2, total + 1):
        at_item(child, number, total)
        leave_open(child)
    child.expect_exact("The meeting's decisions:")
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
        at_item(child, number, len(agenda))
        if item in agreed_off:
            shared = item.question.label(next(iter(item.answers.values())), comparison.bank)
            child.expect_exact(f"{shared}  (both leaders said)")
            take_first_choice(child)
        else:
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
