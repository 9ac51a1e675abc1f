"""The printed command that continues an interrupted survey or meeting."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from ownerdiag.interactive.lifecycle import plain_join, print_resume_hint


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        (["--name", "Chris O'Neil"], '--name "Chris O\'Neil"'),
        (["--name", "Dana Reyes"], '--name "Dana Reyes"'),
        (["--out", "responses/cro.yaml"], "--out responses/cro.yaml"),
        (["--name", 'say "$HOME"'], "--name 'say \"$HOME\"'"),
    ],
)
def test_the_command_is_quoted_no_more_than_needed(words: list[str], shown: str):
    assert plain_join(["ownerdiag", *words]) == f"ownerdiag {shown}"
    assert shlex.split(plain_join(words)) == words  # and the shell reads back the same words


def test_nothing_saved_prints_no_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    print_resume_hint(["ownerdiag", "survey", "--resume"], tmp_path / "none.partial")
    assert capsys.readouterr().err.strip() == "Nothing was saved yet."
    saved = tmp_path / "r.partial"
    saved.write_text("x")
    print_resume_hint(["ownerdiag", "survey", "--resume"], saved)
    assert "ownerdiag survey --resume" in capsys.readouterr().err


def test_resume_restart_or_ask():
    from ownerdiag.app.common import continuing
    from ownerdiag.errors import InputError

    assert continuing(True, False) is True
    assert continuing(False, True) is False
    assert continuing(False, False) is None  # ask, when progress is saved
    with pytest.raises(InputError, match="contradict"):
        continuing(True, True)


def test_a_shuffled_order_keeps_sections_together_and_differs_by_respondent(outbound):
    from random import Random

    from ownerdiag.core.answers import asked_order, shuffled_order, start
    from ownerdiag.interactive.lifecycle import utc_now

    orders = [shuffled_order(outbound, Random(seed)) for seed in (1, 2)]
    assert orders[0] != orders[1]
    for order in orders:
        assert sorted(order) == sorted(q.id for q in outbound.questions)
        sections = [outbound.question(qid).section for qid in order]
        assert list(dict.fromkeys(sections)) == list(
            dict.fromkeys(q.section for q in outbound.questions)
        )  # each section once, in the order written
    response = start(outbound, "cro", "C", utc_now()).model_copy(update={"order": orders[0]})
    assert [q.id for q in asked_order(outbound, response)] == orders[0]  # resume and review
