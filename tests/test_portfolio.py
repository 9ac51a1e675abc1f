"""The portfolio: where one org stands among every org assessed, anonymised by default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .desk import make_desk


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("desk")
    make_desk(folder, 12, seed=3)
    return folder


def test_percentiles_recomputed_independently(cli, desk: Path):
    data = json.loads(
        cli("portfolio", desk, "--org", "Client 0005", "-f", "json", "--names").stdout
    )
    scores = {o["name"]: o["overall"] for o in data["org_scores"]}
    assert len(scores) == 12
    mine = scores["Client 0005"]
    ranked = sorted(scores.values())
    # mid-rank: the positions the score occupies in the sorted list, averaged, as a share
    positions = [i for i, s in enumerate(ranked) if s == mine]
    expected = round(100 * (positions[0] + len(positions) / 2) / len(ranked), 1)
    assert data["standing"]["overall_percentile"] == expected
    for lane in data["standing"]["lanes"]:
        column = sorted(
            o["lanes"][lane["title"]] for o in data["org_scores"] if lane["title"] in o["lanes"]
        )
        at = [i for i, s in enumerate(column) if s == lane["score"]]
        assert lane["percentile"] == round(100 * (at[0] + len(at) / 2) / len(column), 1)


def test_anonymised_by_default_with_the_chosen_org_named(cli, desk: Path):
    data = json.loads(cli("portfolio", desk, "--org", "Client 0005", "-f", "json").stdout)
    names = sorted(o["name"] for o in data["org_scores"])
    assert "Client 0005" in names
    assert sum(1 for n in names if n.startswith("Org ")) == 11
    assert not any(n.startswith("Client") and n != "Client 0005" for n in names)
    shown = cli("portfolio", desk, "--no-pager")
    assert shown.exit_code == 0 and "Client 0" not in shown.stdout


def test_common_conflicts_and_movement(cli, desk: Path):
    data = json.loads(cli("portfolio", desk, "-f", "json").stdout)
    shares = [c["share"] for c in data["common"]]
    assert shares == sorted(shares, reverse=True) and shares[0] > 0
    assert data["movement"]["orgs"] == 12
    assert sum(b["n"] for b in data["distributions"][0]["buckets"]) == 12


def test_unreadable_files_are_listed_and_the_rest_still_counts(cli, desk: Path, tmp_path: Path):
    import shutil

    copy = tmp_path / "desk"
    shutil.copytree(desk, copy)
    broken = copy / "client-0001" / "2026-Q4" / "cro.yaml"
    broken.write_text("format: ownerdiag-response/1\nanswers: [\n")
    data = json.loads(cli("portfolio", copy, "-f", "json", "--names").stdout)
    assert data["orgs"] == 12  # that round is skipped; the org's other round still counts
    assert any(str(broken) in p and ":" in p for p in data["problems"])
    hidden = json.loads(cli("portfolio", copy, "-f", "json").stdout)["problems"]
    assert hidden == ["1 round(s) could not be read; --names lists them"]  # paths name clients
    strict = cli("portfolio", copy, "--strict")
    assert strict.exit_code == 2 and str(broken) in strict.stderr


def test_html_portfolio(cli, desk: Path):
    html = cli("portfolio", desk, "-f", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "Most common conflicts" in html


def test_csv_portfolio_round_trips(cli, desk: Path):
    import csv
    import io

    text = cli("portfolio", desk, "-f", "csv", "--names").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0].keys() >= {"org", "scope", "score", "percentile"}
    overall = [r for r in rows if r["scope"] == "Overall"]
    assert len(overall) == 12 and {r["org"] for r in overall} >= {"Client 0005"}


def test_every_run_reads_the_files_and_leaves_no_cache(cli, desk: Path, tmp_path: Path):
    import shutil

    copy = tmp_path / "desk"
    shutil.copytree(desk, copy)
    first = json.loads(cli("portfolio", copy, "-f", "json", "--names").stdout)
    round_dir = copy / "client-0002" / "2026-Q4"
    assert not (round_dir / ".ownerdiag-cache.json").exists()
    again = json.loads(cli("portfolio", copy, "-f", "json", "--names").stdout)
    assert again["org_scores"] == first["org_scores"]
    # a response edited between two runs counts as edited
    for path in round_dir.glob("*.yaml"):
        text = path.read_text()
        for owner in ("vp_sales", "joint", "unclear"):
            text = text.replace(f": {owner}\n", ": cro\n")
        path.write_text(text)
    edited = json.loads(cli("portfolio", copy, "-f", "json", "--names").stdout)
    before = next(o for o in first["org_scores"] if o["name"] == "Client 0002")
    after = next(o for o in edited["org_scores"] if o["name"] == "Client 0002")
    assert after != before
    (round_dir / ".ownerdiag-cache.json").write_text("{not json")
    assert json.loads(cli("portfolio", copy, "-f", "json", "--names").stdout) == edited


def test_a_desk_with_pipes_decisions_and_deep_files_is_read_safely(cli, desk: Path, tmp_path: Path):
    import os
    import shutil

    copy = tmp_path / "desk"
    shutil.copytree(desk, copy)
    fifo_round = copy / "client-0003" / "2026-Q4"
    os.mkfifo(fifo_round / "zz.yaml")  # not a regular file: never opened, so never waited on
    deep = copy / "client-0004" / "2026-Q4" / "deep.yaml"
    deep.write_text("format: ownerdiag-response/1\nx: " + "[" * 200_000 + "]" * 200_000 + "\n")
    meeting = copy / "client-0006" / "2026-Q4" / "decisions.yaml"
    meeting.write_text("format: ownerdiag-decisions/1\n")  # a meeting's file is not the bank
    result = cli("portfolio", copy, "-f", "json", "--names")
    assert result.exit_code == 0, result.output
    problems = json.loads(result.stdout)["problems"]
    deep_problems = [p for p in problems if "deep.yaml" in p]  # refused, in one line
    assert len(deep_problems) == 1 and "\n" not in deep_problems[0]
    assert not any("client-0003" in p or "client-0006" in p for p in problems)
