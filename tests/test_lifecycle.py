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
    from ownerdiag.cli.options import continuing
    from ownerdiag.errors import InputError

    assert continuing(True, False) is True
    assert continuing(False, True) is False
    assert continuing(False, False) is None  # ask, when progress is saved
    with pytest.raises(InputError, match="contradict"):
        continuing(True, True)
