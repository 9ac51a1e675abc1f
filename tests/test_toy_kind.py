"""A question kind defined here, in the tests alone, flows through every command that shows
questions or answers: nothing outside the kind's own class needs to know about it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar, Literal

import pytest
from pydantic import Field

from ownerdiag.core.fields import AnswerError, Choice, SnakeId, Text
from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.models import Bank, register_kind, unregister_kind

from .conftest import survey_args


class RankingQuestion(QuestionBase):
    """Put the bank's options in order, most important first."""

    kind: Literal["ranking"]
    options: dict[SnakeId, Text] = Field(min_length=2)
    expected: list[str] | None = None

    decidable: ClassVar[bool] = False
    report_group: ClassVar[str] = "Priorities"

    def choices(self, bank: Bank) -> list[Choice]:
        return [Choice(id=k, label=v) for k, v in self.options.items()]

    def parse(self, raw: Any, bank: Bank) -> list[str]:
        if not isinstance(raw, list) or sorted(map(str, raw)) != sorted(self.options):
            raise AnswerError(f"{raw!r} is not a valid answer; {self.answer_hint(bank)}")
        return [str(x) for x in raw]

    def label(self, answer: Any, bank: Bank) -> str:
        return " › ".join(self.options[x] for x in answer) if answer else "—"

    def prompt_options(self, bank: Bank) -> None:
        return None

    def answer_hint(self, bank: Bank) -> str:
        return "list every option once, most important first: " + ", ".join(self.options)

    def form_hint(self, bank: Bank) -> str:
        return "answer: [" + ", ".join(self.options) + "] in your order, most important first"


BANK = """\
id: toy
title: Toy bank
version: "1"
roles: {cro: Chief Revenue Officer, vp_sales: VP of Sales}
lanes: {design: {title: Design}}
questions:
  - id: strategy
    kind: owner
    lane: design
    prompt: Who owns strategy?
    expected: cro
  - id: priorities
    kind: ranking
    lane: design
    prompt: Rank what outbound is for this year.
    options: {pipeline: More pipeline, markets: New markets, retention: Keep customers}
    expected: [pipeline, markets, retention]
"""


@pytest.fixture
def toy_bank(tmp_path: Path) -> Iterator[Path]:
    register_kind(RankingQuestion)
    path = tmp_path / "toy.yaml"
    path.write_text(BANK)
    yield path
    unregister_kind(RankingQuestion)


def answer(cli, bank: Path, tmp_path: Path, role: str, ranking: list[str]) -> Path:
    answers = tmp_path / f"{role}-answers.yaml"
    answers.write_text(json.dumps({"strategy": "cro", "priorities": ranking}))
    out = tmp_path / f"{role}.yaml"
    result = cli(
        *survey_args(role, role.upper(), "--answers", answers, "--out", out, bank=str(bank))
    )
    assert result.exit_code == 0, result.output
    return out


def test_a_kind_defined_in_a_test_flows_through_survey_form_and_every_report(
    cli, toy_bank: Path, tmp_path: Path
):
    form = cli("form", "--bank", toy_bank, "--role", "cro")
    assert form.exit_code == 0 and "[pipeline, markets, retention] in your order" in form.stdout

    cro = answer(cli, toy_bank, tmp_path, "cro", ["pipeline", "markets", "retention"])
    vp = answer(cli, toy_bank, tmp_path, "vp_sales", ["retention", "pipeline", "markets"])
    args = ["compare", cro, vp, "--bank", toy_bank, "--all"]

    data = json.loads(cli(*args, "--format", "json").stdout)
    (ranking,) = [i for i in data["items"] if i["kind"] == "ranking"]
    assert ranking["verdict"] == "mismatch" and ranking["severity"] == "medium"
    assert ranking["answers"]["vp_sales"] == ["retention", "pipeline", "markets"]

    for format in ("terminal", "markdown", "html"):
        shown = cli(*args, "--format", format).stdout
        assert "Priorities" in shown, format  # the kind's own report table
        # a narrow terminal wraps cells; every word of them is still there
        for said in ("Rank what outbound is for this year.", "Keep customers › More pipeline"):
            assert (
                said in shown if format != "terminal" else set(said.split()) <= set(shown.split())
            )


def test_a_wrong_answer_for_the_new_kind_says_what_is_valid(cli, toy_bank: Path, tmp_path: Path):
    answers = tmp_path / "bad.yaml"
    answers.write_text("strategy: cro\npriorities: [pipeline]\n")
    result = cli(
        *survey_args(
            "cro", "C", "--answers", answers, "--out", tmp_path / "o.yaml", bank=str(toy_bank)
        )
    )
    assert result.exit_code == 2
    assert "list every option once, most important first: pipeline, markets, retention" in (
        result.stderr
    )


def test_an_unregistered_kind_is_refused_by_name(cli, tmp_path: Path):
    path = tmp_path / "toy.yaml"
    path.write_text(BANK)
    result = cli("bank", "validate", path)
    assert result.exit_code == 2 and "unknown kind 'ranking'" in result.stderr
