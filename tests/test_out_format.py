"""--out picks the format from the file's extension; a contradicting --format is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import EXAMPLES

CRO, VP = EXAMPLES / "outbound" / "cro.yaml", EXAMPLES / "outbound" / "vp_sales.yaml"


@pytest.mark.parametrize(
    ("name", "starts"),
    [("r.html", "<!DOCTYPE html>"), ("r.md", "# Lane-gap report"), ("r.json", "{"),
     ("r.txt", "Lane-gap report")],
)  # fmt: skip
def test_the_extension_names_the_format(cli, tmp_path: Path, name: str, starts: str):
    out = tmp_path / name
    assert cli("compare", CRO, VP, "--out", out).exit_code == 0
    assert out.read_text().startswith(starts)
    if name.endswith(".json"):
        assert json.loads(out.read_text())["respondents"]


def test_the_charter_follows_its_extension_too(cli, tmp_path: Path):
    out = tmp_path / "charter.html"
    assert cli("charter", CRO, VP, "--out", out).exit_code == 0
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_a_contradicting_format_is_refused_and_nothing_written(cli, tmp_path: Path):
    out = tmp_path / "r.md"
    result = cli("compare", CRO, VP, "--out", out, "--format", "html")
    assert result.exit_code == 2 and "says markdown but --format says html" in result.stderr
    assert not out.exists()


def test_an_unknown_extension_without_format_is_refused_with_the_list(cli, tmp_path: Path):
    result = cli("compare", CRO, VP, "--out", tmp_path / "r.pdf")
    assert result.exit_code == 2 and ".html" in result.stderr and "--format" in result.stderr
    assert cli("compare", CRO, VP, "--out", tmp_path / "r.pdf", "-f", "json").exit_code == 0


def test_any_format_may_go_to_a_txt_file(cli, tmp_path: Path):
    out = tmp_path / "r.txt"
    assert cli("compare", CRO, VP, "--out", out, "-f", "json").exit_code == 0
    assert json.loads(out.read_text())
