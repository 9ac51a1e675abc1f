"""`ownerdiag survey --answers` and `ownerdiag form`, through CliRunner."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from ownerdiag.core.models import Bank
from ownerdiag.files.documents import load_response
from ownerdiag.files.yamlio import dump_yaml

from .conftest import survey_args


def full_answers(bank: Bank) -> dict[str, object]:
    defaults = {"owner": "cro", "cadence": "monthly", "yes_no": "yes", "scale": 2, "text": "Dana."}
    return {q.id: defaults[q.kind] for q in bank.questions}


def write(path: Path, answers: dict[str, object]) -> Path:
    path.write_text(dump_yaml(answers))
    return path


def test_answers_file_writes_a_complete_private_response(cli, outbound: Bank, tmp_path: Path):
    answers = write(tmp_path / "a.yaml", full_answers(outbound))
    out = tmp_path / "out" / "cro.yaml"
    result = cli(*survey_args("cro", "Dana Reyes", "--answers", answers, "--out", out))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    response, _ = load_response(out)
    assert response.complete and response.respondent.name == "Dana Reyes"
    assert response.bank.hash == outbound.content_hash()
    assert response.answers == full_answers(outbound)
    assert list(response.answers) == [q.id for q in outbound.questions]


def test_json_answers_and_yaml_booleans_are_accepted(cli, outbound: Bank, tmp_path: Path):
    answers = full_answers(outbound)
    answers["buyer_agreed"] = True
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers))
    out = tmp_path / "cro.yaml"
    result = cli("survey", "-b", "outbound", "-r", "cro", "-n", "D", "--answers", path, "-o", out)
    assert result.exit_code == 0, result.output
    assert load_response(out)[0].answers["buyer_agreed"] == "yes"


def test_wrong_choice_names_question_and_valid_answers_and_writes_nothing(
    cli, outbound: Bank, tmp_path: Path
):
    answers = full_answers(outbound)
    answers["icp_definition"] = "cmo"
    del answers["channel_mix"]
    answers["made_up"] = "x"
    path = write(tmp_path / "a.yaml", answers)
    out = tmp_path / "cro.yaml"
    result = cli(*survey_args("cro", "D", "--answers", path, "--out", out))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    assert any(
        "'icp_definition'" in ln and "cro, vp_sales, marketing, joint, unclear" in ln
        for ln in lines
    )
    assert any("'channel_mix' has no answer" in ln for ln in lines)
    assert any("unknown question id 'made_up'" in ln for ln in lines)
    assert not out.exists() and not list(tmp_path.glob("*.tmp"))


def test_blank_answer_counts_as_missing_with_its_line(cli, outbound: Bank, tmp_path: Path):
    text = dump_yaml(full_answers(outbound)).replace("icp_definition: cro", "icp_definition:")
    path = tmp_path / "a.yaml"
    path.write_text(text)
    result = cli(*survey_args("cro", "D", "--answers", path, "-o", tmp_path / "o.yaml"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:6:1: question 'icp_definition' has no answer")


def test_existing_response_needs_force(cli, outbound: Bank, tmp_path: Path):
    answers = write(tmp_path / "a.yaml", full_answers(outbound))
    out = tmp_path / "cro.yaml"
    out.write_text("precious")
    args = ["survey", "-b", "outbound", "-r", "cro", "-n", "D", "--answers", answers, "-o", out]
    result = cli(*args)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert out.read_text() == "precious"
    assert cli(*args, "--force").exit_code == 0
    assert load_response(out)[0].complete


def test_default_out_is_a_slug_inside_responses(cli, outbound: Bank, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    answers = write(tmp_path / "a.yaml", full_answers(outbound))
    result = cli(
        "survey", "-b", "outbound", "-r", "cro", "-n", "../../Dana Réyes/x", "--answers", answers
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "responses").iterdir()] == [
        "outbound-cro-dana-reyes-x.yaml"
    ]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--role", "ceo"], "'ceo' is not a role of bank 'outbound'; use one of: cro"),
        (["--role", "cro"], "--name is required with --answers"),
    ],
)
def test_bad_role_or_missing_name(cli, tmp_path: Path, args: list[str], needle: str):
    path = write(tmp_path / "a.yaml", {})
    result = cli("survey", "--bank", "outbound", *args, "--answers", path)
    assert result.exit_code == 2 and needle in result.stderr


def test_no_terminal_and_no_answers_explains_how(cli):
    result = cli("survey", "--bank", "outbound", "--role", "cro", "--name", "D")
    assert result.exit_code == 2
    assert "no terminal" in result.stderr and "--answers" in result.stderr
    assert "ownerdiag form" in result.stderr


def test_form_round_trips_through_answers(cli, outbound: Bank, tmp_path: Path):
    result = cli("form", "--bank", "outbound", "--role", "vp_sales")
    assert result.exit_code == 0
    form = result.stdout
    assert form.count("\n# [") == len(outbound.questions)
    assert "joint (Both, jointly)" in form and "ownerdiag survey --bank outbound" in form
    filled, pending = [], None
    for line in form.splitlines():
        question = None if line.startswith("#") else outbound.question(line.split(":")[0])
        if question is not None and line.endswith(":"):
            line = f"{line} {full_answers(outbound)[question.id]}"
        elif question is not None and line.endswith("|2-"):  # written answers: the line below
            pending = full_answers(outbound)[question.id]
        elif pending is not None and not line.strip():
            line, pending = f"  {pending}", None
        filled.append(line)
    path = tmp_path / "filled.yaml"
    path.write_text("\n".join(filled))
    out = tmp_path / "vp.yaml"
    result = cli(
        "survey", "-b", "outbound", "-r", "vp_sales", "-n", "S", "--answers", path, "-o", out
    )
    assert result.exit_code == 0, result.output
    assert load_response(out)[0].answers == full_answers(outbound)
