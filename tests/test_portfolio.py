"""The portfolio: where one org stands among every org assessed, anonymised by default."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .desk import make_desk


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("desk")
    make_desk(folder, 12, seed=3)
    return folder


def test_percentiles_recomputed_independently_among_the_same_bank(cli, desk: Path):
    data = json.loads(
        cli("portfolio", desk, "--org", "Client 0005", "-f", "json", "--names").stdout
    )
    bank = data["standing"]["bank"]
    peers = [o for o in data["org_scores"] if o["bank"] == bank]
    assert len(data["org_scores"]) == 12 and len(peers) == data["standing"]["orgs"] == 6
    mine = next(o["overall"] for o in peers if o["name"] == "Client 0005")
    ranked = sorted(o["overall"] for o in peers)
    # mid-rank: the positions the score occupies in the sorted list, averaged, as a share
    positions = [i for i, s in enumerate(ranked) if s == mine]
    expected = round(100 * (positions[0] + len(positions) / 2) / len(ranked))
    assert data["standing"]["overall_percentile"] == expected
    assert isinstance(expected, int)
    for lane in data["standing"]["lanes"]:
        column = sorted(o["lanes"][lane["title"]] for o in peers if lane["title"] in o["lanes"])
        at = [i for i, s in enumerate(column) if s == lane["score"]]
        assert lane["percentile"] == round(100 * (at[0] + len(at) / 2) / len(column))


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
    assert [b["bank"] for b in data["banks"]] == ["outbound", "revenue-leadership"]
    for bank in data["banks"]:
        counts = [c["conflicted"] for c in bank["common"]]
        assert counts == sorted(counts, reverse=True) and counts[0] > 0
        assert all(c["orgs"] == 6 for c in bank["common"])
        assert bank["movement"]["orgs"] == 6
        assert sum(b["n"] for b in bank["distributions"][0]["buckets"]) == 6


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
    assert "Bank outbound" in html and "Bank revenue-leadership" in html


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


def test_no_figure_mixes_banks_and_small_groups_are_not_shown(cli, tmp_path: Path):
    """Five outbound orgs and one revenue-leadership org: the lone org's items are never
    "common", its percentiles are not shown, and every share says how many orgs it rests on."""
    make_desk(tmp_path, 6, seed=5, bank_names=["outbound"] * 5 + ["revenue-leadership"])
    data = json.loads(cli("portfolio", tmp_path, "-f", "json", "--names").stdout)
    outbound, alone = data["banks"]
    assert (outbound["bank"], outbound["orgs"], outbound["shown"]) == ("outbound", 5, True)
    assert (alone["bank"], alone["orgs"], alone["shown"]) == ("revenue-leadership", 1, False)
    assert alone["common"] == [] and alone["distributions"] == []
    assert alone["note"] == "fewer than 5 orgs answered this bank: no figures shown"
    assert outbound["common"] and all(c["orgs"] == 5 for c in outbound["common"])

    lone = json.loads(cli("portfolio", tmp_path, "-f", "json", "--org", "Client 0005").stdout)[
        "standing"
    ]
    assert lone["overall_percentile"] is None and lone["orgs"] == 1
    assert "fewer than 5 orgs" in lone["note"]
    assert all(lane["percentile"] is None for lane in lone["lanes"])
    shown = cli("portfolio", tmp_path, "--org", "Client 0005", "--no-pager").stdout
    assert not re.search(r"percentile \d", shown.split("Bank outbound")[0])
    assert "5 of 5" in shown or "4 of 5" in shown or "3 of 5" in shown

    lowered = json.loads(cli("portfolio", tmp_path, "-f", "json", "--min-orgs", "1").stdout)
    assert lowered["banks"][1]["shown"] is True


def _planted(bank, rng, org):
    """Leaders who agree with the framework in proportion to how aligned their org is; one
    question answered at random everywhere, one always "can't say"."""
    from random import Random

    level = (org % 10) / 10 + 0.05
    answers = {}
    for question in bank.questions:
        options = [o.value for o in question.prompt_spec(bank).options]
        if not options:
            answers[question.id] = "In our own words."
        elif question.id == RANDOM_QUESTION:
            answers[question.id] = rng.choice(options)
        elif question.id == UNSURE_QUESTION:
            answers[question.id] = "unclear"
        elif Random(f"{org}:{question.id}").random() < level and question.expected in options:
            answers[question.id] = question.expected
        else:
            answers[question.id] = rng.choice(options)
    return answers


RANDOM_QUESTION = "icp_definition"
UNSURE_QUESTION = "outbound_strategy_owner"
TRACKING_QUESTION = "persona_priority"


def test_item_analysis_flags_a_random_and_an_unsure_question_but_not_a_tracking_one(
    cli, tmp_path: Path
):
    make_desk(tmp_path, 40, seed=7, bank_names=["outbound"], answers=_planted)
    data = json.loads(cli("portfolio", tmp_path, "-f", "json", "--items").stdout)
    items = {i["question_id"]: i for i in data["banks"][0]["items"]}
    assert "mostly can't say" in items[UNSURE_QUESTION]["flags"]
    assert items[UNSURE_QUESTION]["unclear"] == 100
    assert "does not track alignment" in items[RANDOM_QUESTION]["flags"]
    assert items[TRACKING_QUESTION]["flags"] == []
    assert items[TRACKING_QUESTION]["discrimination"] >= 0.4
    terminal = cli("portfolio", tmp_path, "--items", "--no-pager").stdout
    assert (
        re.search(rf"{UNSURE_QUESTION} +100% +100%", terminal) and "⚑ mostly can't say" in terminal
    )
    assert "Questions across orgs" not in cli("portfolio", tmp_path, "--no-pager").stdout
