"""The real `ownerdiag survey` in a pseudo-terminal, answering the whole outbound bank."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pexpect
import pytest

from ownerdiag.core.models import Bank
from ownerdiag.files.documents import load_response

from .conftest import survey_args

DOWN, ENTER, BACK, CTRL_C = "\x1b[B", "\r", "\x02", "\x03"
EXE = str(Path(sys.executable).with_name("ownerdiag"))


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "NO_COLOR": "1"}
    return pexpect.spawn(
        EXE, list(args), cwd=str(cwd), env=env, dimensions=(50, 250), encoding="utf-8", timeout=20
    )


def at(child: pexpect.spawn, number: int, total: int) -> None:
    child.expect_exact(f"[{number}/{total}]")
    child.expect_exact("Ctrl-B back")  # the prompt itself is drawn: keys go to it


def answer(child: pexpect.spawn, bank: Bank, index: int, downs: int = 0) -> None:
    """Answer question ``index`` (0-based): text gets words, others ``downs`` presses of Down."""
    at(child, index + 1, len(bank.questions))
    if bank.questions[index].kind == "text":
        child.send(f"answer {index + 1}" + ENTER)
    else:
        child.send(DOWN * downs + ENTER)


pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a pty"),
    pytest.mark.slow,
]


def test_full_survey_with_a_step_back_and_a_review_change(tmp_path: Path, outbound: Bank):
    out = tmp_path / "cro.yaml"
    start = time.monotonic()
    child = spawn(*survey_args("cro", "Dana Reyes", "--out", out), cwd=tmp_path)
    answer(child, outbound, 0, downs=1)  # unclear -> wraps to cro
    answer(child, outbound, 1)  # unclear
    at(child, 3, len(outbound.questions))
    child.send(BACK)  # back to question 2, which now defaults to "unclear"
    answer(child, outbound, 1, downs=2)  # unclear -> cro -> vp_sales
    for index in range(2, len(outbound.questions)):
        answer(child, outbound, index)
    child.expect_exact("Save these answers?")
    child.send(DOWN + ENTER)  # change an answer
    child.expect_exact("Which answer?")
    child.send(DOWN * 3 + ENTER)  # question 4
    answer(child, outbound, 3, downs=4)  # unclear -> ... -> joint
    child.expect_exact("Save these answers?")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    elapsed = time.monotonic() - start
    assert child.exitstatus == 0, child.before
    response, _ = load_response(out)
    assert response.complete and len(response.answers) == len(outbound.questions)
    ids = [q.id for q in outbound.questions]
    assert [response.answers[i] for i in ids[:5]] == [
        "cro",
        "vp_sales",
        "unclear",
        "joint",
        "unclear",
    ]
    text = next(n for n, q in enumerate(outbound.questions) if q.kind == "text")
    assert response.answers[ids[text]] == f"answer {text + 1}"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not Path(f"{out}.partial").exists()
    print(f"full outbound survey in a pty: {elapsed:.1f}s")


def test_ctrl_c_keeps_progress_and_resume_finishes(tmp_path: Path, outbound: Bank):
    out = tmp_path / "vp.yaml"
    args = survey_args("vp_sales", "Sam Ortiz", "--out", out)
    child = spawn(*args, cwd=tmp_path)
    answer(child, outbound, 0, downs=2)  # vp_sales
    answer(child, outbound, 1, downs=4)  # joint
    answer(child, outbound, 2, downs=3)  # marketing
    at(child, 4, len(outbound.questions))
    child.send(CTRL_C)
    child.expect_exact("Progress saved in")
    child.expect_exact("--resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not out.exists()
    partial = Path(f"{out}.partial")
    assert stat.S_IMODE(partial.stat().st_mode) == 0o600

    again = spawn(*args, cwd=tmp_path)  # the same command offers to continue; "no" keeps it all
    again.expect_exact("Continue where you left off?")
    again.send("n")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 2 and partial.exists()

    child = spawn(*args, cwd=tmp_path)  # and Enter continues (the default)
    child.expect_exact("Continue where you left off?")
    child.send(ENTER)
    child.expect_exact("Resuming: 3 answers already saved.")
    for index in range(3, len(outbound.questions)):
        answer(child, outbound, index)
    child.expect_exact("Save these answers?")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    response, _ = load_response(out)
    first = [response.answers[q.id] for q in outbound.questions[:3]]
    assert first == ["vp_sales", "joint", "marketing"]
    assert response.complete and not partial.exists()


def test_prompts_never_reach_stdout(tmp_path: Path, outbound: Bank):
    log = tmp_path / "stdout.log"
    script = f"{EXE} survey --bank outbound --role cro --name D --out {tmp_path}/o.yaml > {log}"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", script],
        env={**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1"},
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 250),
    )
    at(child, 1, len(outbound.questions))
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert log.read_text() == ""
