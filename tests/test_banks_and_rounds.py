"""The other built-in banks end to end, comparisons of three leaders, and rounds over time."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ownerdiag.files.banks import builtin_dir, load_bank
from ownerdiag.files.yamlio import dump_yaml

from .conftest import EXAMPLES, survey_args

ROUND_1 = EXAMPLES / "outbound"
ROUND_2 = EXAMPLES / "outbound-next-quarter"


@pytest.mark.parametrize(
    ("bank_id", "roles"),
    [
        ("revenue-leadership", ["ceo", "cro", "vp_sales"]),
        ("ceo-cro", ["ceo", "cro"]),
    ],
)
def test_bank_end_to_end(cli, tmp_path: Path, bank_id: str, roles: list[str]):
    bank = load_bank(builtin_dir() / f"{bank_id}.yaml")
    assert bank_id in cli("banks", "-f", "json").stdout
    files = []
    for role in roles:
        source = EXAMPLES / bank_id / "answers" / f"{role}.yaml"
        out = tmp_path / f"{role}.yaml"
        result = cli(
            *survey_args(role, role.upper(), "--answers", source, "--out", out, bank=bank_id)
        )
        assert result.exit_code == 0, result.output
        files.append(out)
    report = json.loads(cli("compare", *files, "-f", "json").stdout)
    assert [r["role"] for r in report["respondents"]] == roles
    assert len(report["items"]) == len(bank.questions)
    charter = cli("charter", *files)
    assert charter.exit_code == 0 and "## Signed" in charter.stdout


def test_revenue_leadership_covers_the_articles_areas():
    bank = load_bank(builtin_dir() / "revenue-leadership.yaml")
    ids = {q.id for q in bank.questions}
    for needed in (
        "market_choice",
        "growth_targets",
        "revenue_strategy",
        "sales_floor",
        "pipeline_creation",
        "unit_economics",
        "abm_accounts",
        "board_communication",
        "retention_strategy",
        "revenue_pnl",
        "comp_plan_structure",
        "sales_training",
        "manager_coaching",
        "rep_coaching",
        "handoffs",
        "hiring_standards",
        "marketing_reports_to_cro",
        "cs_reports_to_cro",
        "commit_misses",
        "metric_conversion",
        "metric_activity",
        "metric_pipeline_inputs",
        "metric_ltv",
        "metric_nrr",
    ):
        assert needed in ids
    assert set(bank.parties) >= {"marketing", "customer_success", "revops", "cfo"}


def test_ceo_cro_asks_what_the_cro_was_hired_to_do(cli):
    report = json.loads(
        cli("compare", *sorted((EXAMPLES / "ceo-cro").glob("*.yaml")), "-f", "json").stdout
    )
    assert report["headline"]["question_id"] == "hired_to"
    assert report["headline"]["answers"] == {"ceo": "run_revenue", "cro": "fix_sales"}
    assert report["headline"]["verdict"] == "mismatch"


def test_three_leaders_with_pairwise_agreement(cli):
    files = sorted((EXAMPLES / "revenue-leadership").glob("*.yaml"))
    report = json.loads(cli("compare", *files, "-f", "json").stdout)
    pairs = report["summary"]["agreement"]["pairwise"]
    assert [p["roles"] for p in pairs] == [["ceo", "cro"], ["ceo", "vp_sales"], ["cro", "vp_sales"]]
    verdicts = {i["question_id"]: i["verdict"] for i in report["items"]}
    assert verdicts["revenue_strategy"] == "collision"  # CEO, CRO and VP each name themselves
    text = cli("compare", *files).stdout
    assert "Who agrees with whom" in text
    assert max(len(line) for line in text.splitlines()) <= 100
    html = cli("compare", *files, "-f", "html").stdout
    assert html.count(">Alex Chen</th>") == 2  # the matrix's column and row


def test_trend_of_two_rounds(cli):
    result = cli("trend", ROUND_1, ROUND_2, "-f", "json", "--label", "Q3", "--label", "Q4")
    assert result.exit_code == 0, result.output
    trend = json.loads(result.stdout)
    assert [r["label"] for r in trend["rounds"]] == ["Q3", "Q4"]
    by_id = {i["question_id"]: i for i in trend["items"]}
    assert by_id["outbound_strategy_owner"]["transition"] == "closed"
    icp = by_id["icp_definition"]
    assert icp["transition"] == "opened"
    assert icp["changed"] == [
        {"role": "vp_sales", "name": "Sam Ortiz", "before": "cro", "after": "vp_sales"}
    ]
    assert by_id["sdr_coaching"]["transition"] == "worse"  # split, then collision
    order = [i["transition"] for i in trend["items"]]
    ranks = ["opened", "worse", "same", "better", "closed", "steady"]
    assert order == sorted(order, key=ranks.index)  # what got worse first
    assert trend["transitions"]["closed"] >= 10
    assert (
        trend["overall"]["change"] == trend["overall"]["scores"][1] - trend["overall"]["scores"][0]
    )
    assert trend["not_compared"] == []
    terminal = cli("trend", ROUND_1, ROUND_2).stdout
    assert "✓ closed" in terminal and "✖ opened" in terminal and "▼ worse" in terminal
    assert "Sam Ortiz: CRO → VP Sales" in terminal  # who changed their answer
    assert terminal.index("✖ opened") < terminal.index("▼ worse") < terminal.rindex("✓ closed")
    for fmt in ("markdown", "html"):
        out = cli("trend", ROUND_1, ROUND_2, "-f", fmt).stdout
        assert "Sam Ortiz: CRO → VP Sales" in out and "closed" in out


def test_trend_labels_rounds_by_day_and_refuses_a_round_twice(cli, tmp_path: Path):
    trend = json.loads(cli("trend", ROUND_1, ROUND_2, "-f", "json").stdout)
    days = [r["label"] for r in trend["rounds"]]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}( \(\d\))?", day) for day in days)
    assert len(set(days)) == 2
    twice = cli("trend", ROUND_1, ROUND_1)
    assert twice.exit_code == 2 and "given twice" in twice.stderr
    wrong = cli("trend", ROUND_1, ROUND_2, "--label", "only one")
    assert wrong.exit_code == 2 and "1 labels for 2 rounds" in wrong.stderr


def test_trend_across_bank_versions_follows_shared_ids(cli, tmp_path: Path):
    """Round 2 answered a new bank version that dropped one question and added another."""
    now = load_bank(builtin_dir() / "outbound.yaml").version
    text = (
        (builtin_dir() / "outbound.yaml").read_text().replace(f'version: "{now}"', 'version: "9.9"')
    )
    text = text.replace("  - id: reply_rate_troubleshooting", "  - id: reply_rate_first_look")
    round_2 = tmp_path / "2026-q4"
    round_2.mkdir()
    (round_2 / "bank.yaml").write_text(text)
    for role, name in (("cro", "Dana Reyes"), ("vp_sales", "Sam Ortiz")):
        answers = dict(
            __import__("yaml").safe_load((ROUND_2 / "answers" / f"{role}.yaml").read_text())
        )
        answers["reply_rate_first_look"] = answers.pop("reply_rate_troubleshooting")
        source = tmp_path / f"{role}.yaml"
        source.write_text(dump_yaml(answers))
        result = cli(
            *survey_args(
                role,
                name,
                "--answers",
                source,
                "--out",
                round_2 / f"{role}.yaml",
                bank=str(round_2 / "bank.yaml"),
            )
        )
        assert result.exit_code == 0, result.output
    result = cli("trend", ROUND_1, round_2, "-f", "json")
    assert result.exit_code == 0, result.output
    trend = json.loads(result.stdout)
    assert [r["bank_version"] for r in trend["rounds"]] == [now, "9.9"]
    skipped = {e["question_id"] for e in trend["not_compared"]}
    assert skipped == {"reply_rate_troubleshooting", "reply_rate_first_look"}


def test_trend_needs_folders_of_responses(cli, tmp_path: Path):
    assert cli("trend", ROUND_1).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("trend", ROUND_1, empty)
    assert result.exit_code == 2 and "two or more response files" in result.stderr
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(ROUND_1 / "cro.yaml", one)
    assert "found 1" in cli("trend", ROUND_1, one).stderr
