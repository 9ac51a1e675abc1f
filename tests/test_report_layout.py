"""The terminal report as a room sees it: no word broken at any width from 60 columns, for two to
six leaders; no trailing spaces; the first screen carries the test, the scores and the worst
items; one count of items to settle in every format and in the meeting's documents."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ownerdiag.files.yamlio import dump_yaml

from .conftest import EXAMPLES, survey_args

SIX = {
    "ceo": "Chief Executive Officer",
    "cro": "Chief Revenue Officer",
    "vp_sales": "VP of Sales",
    "cmo": "Chief Marketing Officer",
    "vp_cs": "VP Customer Success",
    "cfo": "Chief Financial Officer",
}
DRAWING = re.compile(r"^[─━│█░·…]+$")


@pytest.fixture
def six_leaders(cli, tmp_path: Path) -> list[Path]:
    """Six people who each name a different owner for every question, plus a bank to match."""
    questions = [
        {
            "id": f"q{i}",
            "kind": "owner",
            "lane": "l",
            "prompt": f"Who owns the quarterly planning of area number {i}?",
            "expected": "cro",
            "source": "a test",
        }
        for i in range(4)
    ]
    bank = tmp_path / "six.yaml"
    bank.write_text(
        dump_yaml(
            {
                "id": "six",
                "title": "Six",
                "version": "1",
                "roles": SIX,
                "lanes": {"l": {"title": "Lane"}},
                "questions": questions,
            }
        )
    )
    files = [bank]
    for n, role in enumerate(SIX):
        source = tmp_path / f"{role}-answers.yaml"
        source.write_text(dump_yaml({f"q{i}": list(SIX)[(n + i) % 6] for i in range(4)}))
        out = tmp_path / f"{role}.yaml"
        args = survey_args(role, f"Person {n}", "--answers", source, "--out", out, bank=str(bank))
        assert cli(*args).exit_code == 0
        files.append(out)
    return files


def report_args(leaders: int, six: list[Path]) -> list[object]:
    if leaders == 2:
        return sorted((EXAMPLES / "outbound").glob("*.yaml"))
    if leaders == 3:
        return sorted((EXAMPLES / "revenue-leadership").glob("*.yaml"))
    return [*six[1:], "--bank", six[0]]


def tokens(text: str) -> set[str]:
    return {t for t in text.split() if not DRAWING.match(t)}


@pytest.mark.parametrize("leaders", [2, 3, 6])
def test_no_word_is_broken_and_no_line_ends_in_spaces(cli, six_leaders, monkeypatch, leaders):
    args = ["compare", *report_args(leaders, six_leaders), "--all"]
    monkeypatch.setenv("COLUMNS", "400")
    whole = tokens(cli(*args).stdout)
    for width in (60, 80, 100):
        monkeypatch.setenv("COLUMNS", str(width))
        shown = cli(*args).stdout
        lines = shown.splitlines()
        assert max(len(line) for line in lines) <= width, width
        assert [line for line in lines if line != line.rstrip()] == [], width
        assert tokens(shown) - whole == set(), width  # a broken word leaves a fragment


def test_the_check_finds_a_broken_word():
    assert tokens("Marketin\ng  Quarterly") - tokens("Marketing Quarterly") == {"Marketin", "g"}


def test_six_leaders_keep_every_label(cli, six_leaders, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    shown = cli("compare", *report_args(6, six_leaders)).stdout
    for short in ("CEO", "CRO", "CMO", "CFO", "VPCS", "framework"):
        assert short in shown


def test_the_first_screen_shows_the_test_the_scores_and_the_worst_item(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    shown = cli("compare", *report_args(2, [])).stdout
    first = "\n".join(shown.splitlines()[:24])
    assert "The test:" in first
    assert "Alignment" in first and first.count("/100") >= 4  # overall and three lanes
    assert "To settle:" in first and "\n1. " in first


def test_one_count_of_items_to_settle_everywhere(cli, tmp_path: Path):
    files = report_args(2, [])
    data = json.loads(cli("compare", *files, "-f", "json").stdout)
    count = len(data["summary"]["settle_first"])
    assert count > 0
    terminal = cli("compare", *files).stdout
    assert f"To settle: {count} items" in terminal
    markdown = cli("compare", *files, "-f", "markdown").stdout
    assert f"## To settle: {count} items" in markdown
    html = cli("compare", *files, "-f", "html").stdout
    assert f"({count} items, worst first)" in html
    decided = tmp_path / "agreed.yaml"
    decided.write_text(dump_yaml({data["summary"]["settle_first"][0]: {"decision": None}}))
    out = tmp_path / "decisions.yaml"
    resolve = cli(
        "resolve", *files, "--answers", EXAMPLES / "outbound/meeting/agreed.yaml", "--out", out
    )
    assert resolve.exit_code == 0, resolve.output
    settled, still_open = map(
        int, re.search(r"(\d+) of \d+ items settled, (\d+) still open", resolve.stderr).groups()
    )
    assert f"of {count} items settled" in resolve.stderr
    charter = cli("charter", *files, "--decisions", out).stdout
    review = charter[charter.index("## Review") :]
    in_meeting = charter.count("| agreed in the meeting") + review.count("(agreed in the meeting")
    to_decide = int(re.search(r"## To decide \((\d+)\)", charter).group(1))
    assert (in_meeting, to_decide) == (settled, still_open)
    assert in_meeting + to_decide == count


def test_at_160_columns_a_leaders_name_stays_on_one_line_in_every_lane(
    cli, tmp_path: Path, monkeypatch, outbound
):
    from ownerdiag.files.yamlio import read_yaml

    from .test_compare_cli import respond

    answers = read_yaml(EXAMPLES / "outbound" / "answers" / "vp_sales.yaml").data
    files = [
        respond(cli, tmp_path, "cro", "Priya Natarajan", dict(answers)),
        EXAMPLES / "outbound" / "vp_sales.yaml",
    ]
    monkeypatch.setenv("COLUMNS", "160")
    shown = cli("compare", *files, "--all").stdout
    headers = [line for line in shown.splitlines() if "question" in line and "verdict" in line]
    assert len(headers) >= len(outbound.lanes)  # a table in every lane, none stacked
    assert all("Priya Natarajan (CRO)" in line for line in headers)
    # the same columns in every lane
    assert len({line.index("Priya Natarajan (CRO)") for line in headers}) == 1
    assert len({line.index("framework") for line in headers}) == 1
