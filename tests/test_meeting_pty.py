"""The real `ownerdiag resolve` in a pseudo-terminal: only the room decides, and the meeting can
stop and go on."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

from ownerdiag.core.agenda import Step, steps
from ownerdiag.core.agenda import items as agenda_items
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


def go_through(
    child: pexpect.spawn,
    agenda: list[Step],
    on_item: Callable[[Item], None],
    on_confirm: Callable[[Step], None] | None = None,
    start: int = 0,
) -> None:
    """Every step from ``start``: ``on_item`` for each item once its screen is drawn; the
    confirm step left open, unless ``on_confirm``."""
    for number, step in enumerate(agenda[start:], start + 1):
        child.expect_exact(f"Item {number} of {len(agenda)} ")
        if step.kind == "confirm":
            child.expect_exact("Leave the rest open")
            if on_confirm is None:
                child.send(ENTER)
            else:
                on_confirm(step)
            continue
        for part, item in enumerate(step.items, 1):
            if step.kind == "cascade":
                child.expect_exact(f"Part {part} of {len(step.items)} ")
            child.expect_exact("Said: ")
            child.expect_exact("Leave open for now")
            on_item(item)


def leave_open(child: pexpect.spawn, note: str = "") -> None:
    """Enter alone, then Enter (or a note) at the note prompt."""
    child.send(ENTER)
    child.expect_exact("Note (optional)")
    child.send(note + ENTER)


def test_enter_through_every_item_records_nothing_even_after_a_resume(tmp_path: Path):
    comparison = outbound_meeting()
    agenda = steps(comparison)
    items = agenda_items(agenda)
    first, second = items[:2]
    assert agenda[0].items[:2] == (first, second), "the examples open on a cascade"
    out = tmp_path / "decisions.yaml"
    args = ["resolve", str(CRO), str(VP), "--out", str(out)]
    child = spawn(*args, cwd=tmp_path)
    child.expect_exact(f"Item 1 of {len(agenda)} ")
    child.expect_exact("Part 1 of")
    child.expect_exact("Leave open for now")
    leave_open(child, "Dana to propose a split")
    child.expect_exact("Part 2 of")
    child.expect_exact("Leave open for now")
    child.send(CTRL_C)
    child.expect_exact("--resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and not out.exists()

    child = spawn(*args, cwd=tmp_path)  # the same command offers to go on
    child.expect_exact("Decisions from before are saved. Continue where you left off?")
    child.send(ENTER)
    child.expect_exact(f"Resuming: 1 of {len(items)} questions gone through already.")
    child.expect_exact("Part 2 of")  # where the meeting stopped
    child.expect_exact("Leave open for now")
    leave_open(child)
    go_through(child, agenda, lambda _: leave_open(child), start=1)
    child.expect_exact("Review the meeting's decisions")
    child.expect_exact(f"0 of {len(items)} decided")
    finished(child)
    made = load_decisions(out, comparison.bank).decisions
    assert all(made[item.question.id].decision is None for item in items)
    assert made[first.question.id].note == "Dana to propose a split"
    signed = charter(tmp_path, out)
    assert f"## To decide ({len(items)})" in signed
    assert "| agreed in the meeting" not in signed
    for item in items:
        assert item.question.to_decide() in signed


def test_the_leaders_shared_answer_comes_first_and_is_recorded_as_theirs(tmp_path: Path):
    comparison = outbound_meeting()
    agenda = steps(comparison)
    confirm = agenda[-1]
    assert confirm.kind == "confirm" and len(confirm.items) == 2
    opened, rest = confirm.items
    out = tmp_path / "decisions.yaml"
    child = spawn("resolve", str(CRO), str(VP), "--out", str(out), cwd=tmp_path)

    def change_one_then_confirm(step: Step) -> None:
        child.send("1" + ENTER)  # open the first item of the step
        child.expect_exact(opened.question.prompt[:30])
        shared = opened.question.label(next(iter(opened.answers.values())), comparison.bank)
        child.expect_exact(f"1) {shared} (both leaders said)")
        child.expect_exact("Leave open for now")
        child.send("1" + ENTER)
        child.expect_exact("Note (optional)")
        child.send(ENTER)
        child.expect_exact(f"decided: {shared}")  # back on the step, the item shows its decision
        child.expect_exact("Leave the rest open")
        child.send("y" + ENTER)

    go_through(child, agenda, lambda _: leave_open(child), change_one_then_confirm)
    finished(child)
    made = load_decisions(out, comparison.bank).decisions
    for item in (opened, rest):
        decision = made[item.question.id]
        assert decision.decision == next(iter(item.answers.values()))
        assert decision.origin == "leaders"
    signed = charter(tmp_path, out)
    # the owner item is a row of the agreement (the other, a review rhythm of "never", gives
    # the agreement no review date, so the charter recommends one)
    area = opened.question.topic[:1].upper() + opened.question.topic[1:]
    row = next(line for line in signed.splitlines() if line.startswith(f"| {area} |"))
    assert row.endswith("| agreed in the meeting: both leaders said |")


@pytest.mark.parametrize(("columns", "rows"), [(100, 30), (80, 24)])
def test_each_item_on_a_cleared_screen_with_no_word_broken(tmp_path: Path, columns: int, rows: int):
    from .test_survey_screens import Screen

    agenda = steps(outbound_meeting())
    out = tmp_path / "decisions.yaml"
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "NO_COLOR": "1"}
    args = ["resolve", str(CRO), str(VP), "--out", str(out)]
    child = pexpect.spawn(EXE, args, cwd=str(tmp_path), env=env, dimensions=(rows, columns))
    screen = Screen(columns, rows)
    child.logfile_read = screen
    broken: list[str] = []

    def looked_at(_: object) -> None:
        lines = screen.screen.display
        assert any(line.startswith("Item ") for line in lines[:2]), lines  # at the top
        assert sum(line.startswith("Said: ") for line in lines) <= 1, lines  # one item a screen
        broken.extend(screen.broken_words())

    def item_seen(item: Item) -> None:
        looked_at(item)
        leave_open(child)

    def confirm_seen(step: Step) -> None:
        looked_at(step)
        child.send(ENTER)

    go_through(child, agenda, item_seen, confirm_seen)
    child.expect_exact("Save the decisions?")
    child.expect_exact("Change a decision")
    broken += screen.broken_words()
    assert any(line.startswith("Review the meeting's decisions") for line in screen.screen.display)
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert broken == []
