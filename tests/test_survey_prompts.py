"""The prompt flow in-process: keys through prompt_toolkit's pipe input, output discarded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from ownerdiag.core.answers import start, with_answer
from ownerdiag.core.models import Bank, Response
from ownerdiag.files.banks import load_bank
from ownerdiag.interactive import survey

DOWN, UP, ENTER, BACK = "\x1b[B", "\x1b[A", "\r", "\x02"
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def mini(mini_bank_file: Path) -> Bank:
    return load_bank(mini_bank_file)


@pytest.fixture
def keys() -> Iterator:
    """Run ``survey.run`` with the given keystrokes; return the response and every save."""

    def play(bank: Bank, strokes: list[str], response: Response | None = None):
        saves: list[Response] = []
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            pipe.send_text("".join(strokes))
            pipe.close()  # a prompt left without keys raises EOFError instead of hanging
            begun = response or start(bank, "cro", "Dana", T0)
            return survey.run(bank, begun, saves.append), saves

    yield play


def test_enter_everywhere_takes_neutral_defaults(mini: Bank, keys):
    # six questions (text needs words), then Enter on the review screen saves
    strokes = [ENTER] * 5 + ["Dana owns it", ENTER, ENTER]
    response, saves = keys(mini, strokes)
    assert response.complete
    assert response.answers == {
        "strategy": "unclear",
        "lists": "unclear",
        "review": "ad_hoc",
        "documented": "no",
        "clarity": 3,
        "sentence": "Dana owns it",
    }
    assert len(saves) == 6 and not saves[-1].complete


def test_arrow_keys_pick_answers(mini: Bank, keys):
    # owner choices: cro, vp_sales, marketing, joint, unclear (default: last)
    strokes = [
        DOWN,
        ENTER,
        UP,
        UP,
        ENTER,
        UP,
        UP,
        UP,
        UP,
        ENTER,
        UP,
        ENTER,
        DOWN,
        ENTER,
        "x",
        ENTER,
        ENTER,
    ]
    response, _ = keys(mini, strokes)
    assert response.answers["strategy"] == "cro"  # wraps from the last to the first
    assert response.answers["lists"] == "marketing"
    assert response.answers["review"] == "weekly"
    assert response.answers["documented"] == "yes"
    assert response.answers["clarity"] == 4


def test_ctrl_b_goes_back_and_keeps_the_previous_answer_as_default(mini: Bank, keys):
    strokes = [DOWN, ENTER, BACK, DOWN, ENTER, ENTER, ENTER, ENTER, ENTER, "x", ENTER, ENTER]
    response, _ = keys(mini, strokes)
    assert response.answers["strategy"] == "vp_sales"  # cro, then one down from it
    assert response.answers["lists"] == "unclear"


def test_review_screen_changes_one_answer(mini: Bank, keys):
    strokes = [ENTER] * 5 + ["x", ENTER]
    strokes += [DOWN, ENTER, DOWN, ENTER, UP, ENTER]  # change -> question 2 -> joint
    strokes += [ENTER]  # save
    response, _ = keys(mini, strokes)
    assert response.answers["lists"] == "joint"
    assert response.complete


def test_question_mark_shows_help_then_asks_again(mini: Bank, keys):
    strokes = ["?", DOWN, ENTER] + [ENTER] * 4 + ["x", ENTER, ENTER]
    response, _ = keys(mini, strokes)
    assert response.answers["strategy"] == "cro"


def test_resume_starts_at_the_first_unanswered_question(mini: Bank, keys):
    begun = with_answer(start(mini, "cro", "Dana", T0), "strategy", "joint")
    response, saves = keys(mini, [ENTER] * 4 + ["x", ENTER, ENTER], begun)
    assert response.answers["strategy"] == "joint"
    assert len(saves) == 5


def test_missing_keys_raise_eof_not_hang(mini: Bank, keys):
    with pytest.raises(EOFError):
        keys(mini, [ENTER])
