"""`ownerdiag compare` through CliRunner: the JSON contract, the report, and refused inputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ownerdiag.core.models import Bank
from ownerdiag.files.documents import slug
from ownerdiag.files.yamlio import dump_yaml

from .conftest import EXAMPLES, survey_args

CRO = EXAMPLES / "outbound" / "cro.yaml"
VP = EXAMPLES / "outbound" / "vp_sales.yaml"
VERDICTS = {
    "vacuum",
    "collision",
    "deflection",
    "split",
    "mismatch",
    "drift",
    "aligned",
    "unscored",
}


def respond(cli, tmp_path: Path, role: str, name: str, answers: dict) -> Path:
    source = tmp_path / f"{slug(name)}-answers.yaml"
    source.write_text(dump_yaml(answers))
    out = tmp_path / f"{slug(name)}.yaml"
    result = cli(*survey_args(role, name, "--answers", source, "--out", out))
    assert result.exit_code == 0, result.output
    return out


def framework_answers(bank: Bank) -> dict:
    answers = {}
    for q in bank.questions:
        answers[q.id] = q.expected if q.expected is not None else "Said the same thing."
    return answers


def test_json_contract_on_the_examples(cli, outbound: Bank):
    result = cli("compare", CRO, VP, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["respondents"] == [
        {**report["respondents"][0], "name": "Dana Reyes", "role": "cro"},
        {**report["respondents"][1], "name": "Sam Ortiz", "role": "vp_sales"},
    ]
    assert [i["question_id"] for i in report["items"]] == [q.id for q in outbound.questions]
    for item in report["items"]:
        assert {"question_id", "lane", "kind", "verdict", "severity", "expected", "answers"} <= set(
            item
        )
        assert item["verdict"] in VERDICTS
        assert item["severity"] in {"high", "medium", "low", "none"}
        assert set(item["answers"]) == {"cro", "vp_sales"}
    summary = report["summary"]
    assert 0 <= summary["alignment_score"] <= 100
    assert sum(summary["counts"].values()) == len(outbound.questions)


def test_examples_show_a_believable_mix(cli):
    report = json.loads(cli("compare", CRO, VP, "-f", "json").stdout)
    counts = report["summary"]["counts"]
    for verdict in ("collision", "deflection", "vacuum", "split", "drift", "aligned"):
        assert counts[verdict] >= 1, verdict
    verdicts = {i["question_id"]: i["verdict"] for i in report["items"]}
    assert verdicts["revenue_outcome"] == "deflection"
    assert verdicts["revenue_process"] == "vacuum"
    assert report["headline"]["diagnosis"] == "differ"


def test_fail_on_high_trips_exactly_when_a_high_verdict_is_present(
    cli, tmp_path: Path, outbound: Bank
):
    assert cli("compare", CRO, VP, "-f", "json", "--fail-on", "high").exit_code == 1
    answers = framework_answers(outbound)
    a = respond(cli, tmp_path, "cro", "A", answers)
    b = respond(cli, tmp_path, "vp_sales", "B", answers)
    assert cli("compare", a, b, "-f", "json", "--fail-on", "low").exit_code == 0
    drifted = dict(answers, sequence_creation="marketing")
    c = respond(cli, tmp_path, "cro", "C", drifted)
    d = respond(cli, tmp_path, "vp_sales", "D", drifted)
    assert cli("compare", c, d, "-f", "json", "--fail-on", "high").exit_code == 0
    assert cli("compare", c, d, "-f", "json", "--fail-on", "low").exit_code == 1


def test_terminal_report_reads_without_colour(cli):
    result = cli("compare", CRO, VP)
    assert result.exit_code == 0
    text = result.stdout
    assert "\x1b[" not in text
    assert "The answers differ: that is the diagnosis." in text
    assert "✖ collision" in text and "⇄ deflection" in text and "∅ vacuum" in text
    assert "To settle:" in text and "Remedy:" in text
    assert "Alignment" in text and "/100" in text
    assert "“I own outbound strategy; Sam's team runs the plays I sign off.”" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_out_writes_the_report(cli, tmp_path: Path):
    out = tmp_path / "report.json"
    result = cli("compare", CRO, VP, "-f", "json", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["bank"]["id"] == "outbound"
    text_out = tmp_path / "report.txt"
    assert cli("compare", CRO, VP, "-o", text_out).exit_code == 0
    assert "Lane-gap report" in text_out.read_text() and "\x1b[" not in text_out.read_text()


def copy_with(path: Path, tmp_path: Path, name: str, **changes: str) -> Path:
    text = path.read_text()
    for old, new in changes.items():
        text = text.replace(old.replace("__", " "), new)
    target = tmp_path / name
    target.write_text(text)
    return target


def test_mismatched_bank_versions_name_each_file(cli, tmp_path: Path, outbound: Bank):
    now = outbound.version
    other = copy_with(VP, tmp_path, "vp.yaml", **{f"version:__'{now}'": "version: '9.9'"})
    result = cli("compare", CRO, other)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(str(CRO)) and f"outbound {now}" in lines[0]
    assert lines[1].startswith(str(other)) and "outbound 9.9" in lines[1]


@pytest.mark.parametrize(
    ("files", "needle"),
    [
        (lambda t: [CRO, CRO], "given twice"),
        (
            lambda t: [CRO, copy_with(CRO, t, "again.yaml", Dana__Reyes="Dana Reyes")],
            "a second response for role 'cro'",
        ),
        (
            lambda t: [CRO, copy_with(VP, t, "v.yaml", Sam__Ortiz="dana reyes")],
            "a second response from 'dana reyes'",
        ),
        (lambda t: [CRO], "two or more response files"),
        (
            lambda t: [CRO, copy_with(VP, t, "p.yaml", **{"complete:__true": "complete: false"})],
            "unfinished survey",
        ),
        (lambda t: [CRO, t / "missing.yaml"], "no such file"),
    ],
)
def test_refused_sets(cli, tmp_path: Path, files, needle: str):
    result = cli("compare", *files(tmp_path))
    assert result.exit_code == 2
    assert needle in result.stderr
    assert "Traceback" not in result.output


def test_allow_incomplete_compares_what_was_answered(cli, tmp_path: Path):
    text = VP.read_text().replace("complete: true", "complete: false")
    text = re.sub(r"\n  foundation_\w+: .*", "", text)
    partial = tmp_path / "p.yaml"
    partial.write_text(text)
    assert cli("compare", CRO, partial).exit_code == 2
    result = cli("compare", CRO, partial, "--allow-incomplete", "-f", "json")
    assert result.exit_code == 0, result.output
    items = {i["question_id"]: i for i in json.loads(result.stdout)["items"]}
    assert set(items["foundation_buyer"]["answers"]) == {"cro"}


def test_tampered_answer_names_file_and_line(cli, tmp_path: Path):
    bad = copy_with(VP, tmp_path, "vp.yaml", **{"icp_definition:__cro": "icp_definition: board"})
    result = cli("compare", CRO, bad)
    assert result.exit_code == 2
    assert re.match(
        rf"{re.escape(str(bad))}:\d+:\d+: question 'icp_definition': 'board'", result.stderr
    )


def test_bank_changed_after_the_survey(cli, tmp_path: Path):
    from ownerdiag.files.banks import builtin_dir

    changed = tmp_path / "banks" / "outbound.yaml"
    changed.parent.mkdir()
    changed.write_text(
        (builtin_dir() / "outbound.yaml")
        .read_text()
        .replace("Who owns outbound strategy", "Who owns the outbound strategy", 1)
    )
    result = cli("compare", CRO, VP, "--bank-dir", changed.parent)
    assert result.exit_code == 2
    assert "the bank changed after the survey" in result.stderr and "--bank PATH" in result.stderr


def test_literal_markup_and_escapes_in_names_and_text(cli, tmp_path: Path, outbound: Bank):
    answers = framework_answers(outbound)
    answers["strategy_owner_sentence"] = "[bold red]me[/] \x1b[31mred\x1b[0m <script>x</script> |"
    a = respond(cli, tmp_path, "cro", "[blink]Dana[/blink]", answers)
    b = respond(cli, tmp_path, "vp_sales", "Sam", framework_answers(outbound))
    result = cli("compare", a, b)
    assert result.exit_code == 0, result.output
    assert "[blink]Dana[/blink]" in result.stdout
    assert "[bold red]me[/]" in result.stdout
    assert "\x1b" not in result.stdout and "\\u001b[31mred" in result.stdout


def test_every_score_says_how_many_questions_it_rests_on_and_its_range(cli, tmp_path):
    import json

    data = json.loads(cli("compare", CRO, VP, "-f", "json").stdout)["summary"]
    overall = data["certainty"]
    assert overall["scored_items"] == sum(s["certainty"]["scored_items"] for s in data["lanes"])
    low, high = overall["range"]
    assert low < data["alignment_score"] < high and overall["enough"]
    lane = data["lanes"][0]
    text = f"{lane['alignment_score']}/100 ({lane['certainty']['scored_items']} questions, range "
    for format in ("markdown", "html"):
        assert text in cli("compare", CRO, VP, "-f", format).stdout
    assert text in cli("compare", CRO, VP, "--no-pager").stdout


def test_a_score_on_too_few_questions_says_so():
    from ownerdiag.core.engine import Certainty
    from ownerdiag.render.labels import score_text

    assert score_text(67, Certainty(3, 21, 94)) == ("67/100 (only 3 questions: too few to rely on)")
    assert score_text(67, Certainty(5, 30, 90)) == "67/100 (5 questions, range 30–90)"
    assert score_text(None, Certainty(0, None, None)) == "n/a"
