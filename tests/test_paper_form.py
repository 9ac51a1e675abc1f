"""The paper form a non-engineer fills in: whatever is typed where it asks stays valid YAML and
reads back as typed, it never names the framework's lanes, and answers are forgiving (labels,
short labels and everyday words stand for their ids)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ownerdiag.core.fields import AnswerError
from ownerdiag.core.models import Bank
from ownerdiag.files.banks import bank_paths, builtin_dir, load_bank
from ownerdiag.files.documents import load_response
from ownerdiag.files.yamlio import parse_yaml
from ownerdiag.render.form import answer_form

from .conftest import MINI_BANK, survey_args

TEXT_HEADER = re.compile(r"([a-z][a-z0-9_]*): \|2-")
TRICKY = "Dana's call: \"strategy\" first # not a comment\nthen the VP: 'execution', always."


def fill(form: str, answers: dict[str, str]) -> str:
    """The form as a leader fills it in an editor: a word after a short answer's colon, and a
    written answer's lines typed on the indented line under its block header, each indented."""
    lines = form.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        text = TEXT_HEADER.fullmatch(line)
        if text and text.group(1) in answers:
            assert lines[i + 1] == "  ", "a written answer has an indented line to write on"
            out += [line, *("  " + part for part in answers[text.group(1)].split("\n"))]
            i += 2
            continue
        if line.endswith(":") and line[:-1] in answers:
            line = f"{line} {answers[line[:-1]]}"
        out.append(line)
        i += 1
    return "\n".join(out)


def banks() -> list[Bank]:
    return [load_bank(path) for path in bank_paths(builtin_dir())]


@pytest.mark.parametrize("bank", banks(), ids=lambda b: b.id)
def test_each_shipped_form_is_yaml_with_no_lane_title(cli, bank: Bank):
    for role in [None, *bank.roles]:
        args = ["form", "--bank", bank.id] + (["--role", role] if role else [])
        result = cli(*args)
        assert result.exit_code == 0, result.output
        form = result.stdout
        for lane in bank.lanes.values():
            assert lane.title not in form
        if not any(q.section for q in bank.questions):
            assert "# ── " not in form  # no section, no header
        data = yaml.safe_load(form)
        assert list(data) == [q.id for q in bank.questions]
        assert parse_yaml(form).data == data
        for question in bank.questions:  # nothing is pre-filled: no answer is suggested
            assert data[question.id] == ("" if question.kind == "text" else None)
        assert f"ownerdiag survey --bank {bank.id} --role {role or 'ROLE'}" in form
        assert "--answers THIS_FILE" in form


def test_questions_are_grouped_under_their_section_never_their_lane(cli, tmp_path: Path):
    sectioned = (
        MINI_BANK.replace(
            "    prompt: Who owns strategy?",
            "    section: Direction\n    prompt: Who owns strategy?",
        )
        .replace(
            "    prompt: Who builds lists?", "    section: Direction\n    prompt: Who builds lists?"
        )
        .replace(
            "    prompt: How often do you review?",
            "    section: Rhythm of the year\n    prompt: How often do you review?",
        )
    )
    path = tmp_path / "sectioned.yaml"
    path.write_text(sectioned)
    form = cli("form", "--bank", path, "--role", "cro").stdout
    headers = [line for line in form.splitlines() if line.startswith("# ── ")]
    assert [h.removeprefix("# ── ").rstrip("─ ") for h in headers] == [
        "Direction",
        "Rhythm of the year",
    ]
    assert form.index("Direction") < form.index("strategy:") < form.index("lists:")
    assert form.index("Rhythm of the year") < form.index("review:")
    assert "Design" not in form and "Execution" not in form
    # questions without a section get no header of their own
    assert form.count("# ── ") == 2


def test_a_filled_outbound_form_reads_back_canonical_ids_and_exact_text(
    cli, outbound: Bank, tmp_path: Path
):
    owner_words = ["Chief Revenue Officer", "CRO", "both", "can't say", "  vp sales ", "Shared"]
    owner_ids = ["cro", "cro", "joint", "unclear", "vp_sales", "joint"]
    yes_words, yes_ids = ["Y", "NO", "true", "n"], ["yes", "no", "yes", "no"]
    cadence_words = ["MONTHLY", "Ad hoc, when something breaks", "ad hoc", "Weekly"]
    cadence_ids = ["monthly", "ad_hoc", "ad_hoc", "weekly"]
    typed: dict[str, str] = {}
    expected: dict[str, object] = {}
    counts: dict[str, int] = {}
    for question in outbound.questions:
        n = counts[question.kind] = counts.get(question.kind, -1) + 1
        if question.kind == "owner":
            typed[question.id] = owner_words[n % len(owner_words)]
            expected[question.id] = owner_ids[n % len(owner_ids)]
        elif question.kind == "yes_no":
            typed[question.id] = yes_words[n % len(yes_words)]
            expected[question.id] = yes_ids[n % len(yes_ids)]
        elif question.kind == "cadence":
            typed[question.id] = cadence_words[n % len(cadence_words)]
            expected[question.id] = cadence_ids[n % len(cadence_ids)]
        elif question.kind == "scale":
            typed[question.id] = str(n % 5 + 1)
            expected[question.id] = n % 5 + 1
        else:
            assert question.kind == "text"
            typed[question.id] = f"{TRICKY}\n#{n}: {question.id}"
            expected[question.id] = typed[question.id]
    assert {"owner", "yes_no", "cadence", "scale", "text"} <= set(counts)

    form = cli("form", "--bank", "outbound", "--role", "vp_sales").stdout
    path = tmp_path / "filled.yaml"
    path.write_text(fill(form, typed))
    out = tmp_path / "vp.yaml"
    result = cli(*survey_args("vp_sales", "Sam Ortiz", "--answers", path, "--out", out))
    assert result.exit_code == 0, result.output
    response, _ = load_response(out)
    assert response.complete and response.answers == expected


def test_an_unknown_owner_answer_exits_2_with_one_line_of_valid_ids(
    cli, outbound: Bank, tmp_path: Path
):
    typed = {q.id: ("3" if q.kind == "scale" else "x") for q in outbound.questions}
    typed.update({q.id: "both" for q in outbound.questions if q.kind == "owner"})
    typed.update({q.id: "yes" for q in outbound.questions if q.kind == "yes_no"})
    typed.update({q.id: "monthly" for q in outbound.questions if q.kind == "cadence"})
    typed["icp_definition"] = "Chief Marketing Officer"
    form = cli("form", "--bank", "outbound", "--role", "cro").stdout
    path = tmp_path / "filled.yaml"
    path.write_text(fill(form, typed))
    out = tmp_path / "cro.yaml"
    result = cli(*survey_args("cro", "Dana", "--answers", path, "--out", out))
    assert result.exit_code == 2 and not out.exists()
    (line,) = [line for line in result.stderr.splitlines() if "icp_definition" in line]
    assert line.endswith(
        "question 'icp_definition': 'Chief Marketing Officer' is not a valid answer; "
        "choose one of: cro, vp_sales, marketing, joint, unclear"
    )
    assert len([ln for ln in result.stderr.splitlines() if "choose one of" in ln]) == 1


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("cro", "cro"),
        ("CRO", "cro"),
        ("  Chief Revenue Officer\n", "cro"),
        ("chief revenue officer", "cro"),
        ("VP Sales", "vp_sales"),
        ("vp of sales", "vp_sales"),
        ("Vp_Sales", "vp_sales"),
        ("MARKETING", "marketing"),
        ("both", "joint"),
        ("Jointly", "joint"),
        ("joint", "joint"),
        ("shared", "joint"),
        ("Both, jointly", "joint"),
        ("can't say", "unclear"),
        ("can\u2019t say", "unclear"),
        ("Cant Say", "unclear"),
        ("unclear", "unclear"),
        ("nobody", "unclear"),
        ("Don't know", "unclear"),
        ("Nobody clearly / I can't say", "unclear"),
    ],
)
def test_owner_answers_are_forgiving(outbound: Bank, raw: str, stored: str):
    question = outbound.question("icp_definition")
    assert question is not None and question.kind == "owner"
    assert question.parse(raw, outbound) == stored


@pytest.mark.parametrize(
    ("kind", "raw", "stored"),
    [
        ("yes_no", "y", "yes"),
        ("yes_no", "Y", "yes"),
        ("yes_no", "Yes", "yes"),
        ("yes_no", " n ", "no"),
        ("yes_no", "NO", "no"),
        ("yes_no", "true", "yes"),
        ("yes_no", "FALSE", "no"),
        ("yes_no", True, "yes"),
        ("yes_no", False, "no"),
        ("cadence", "Weekly", "weekly"),
        ("cadence", "QUARTERLY", "quarterly"),
        ("cadence", "ad hoc", "ad_hoc"),
        ("cadence", "ad hoc, when something breaks", "ad_hoc"),
    ],
)
def test_yes_no_and_cadence_answers_are_forgiving(outbound: Bank, kind: str, raw, stored: str):
    question = next(q for q in outbound.questions if q.kind == kind)
    assert question.parse(raw, outbound) == stored


def test_choice_answers_take_their_id_or_label_in_any_case():
    bank = load_bank(builtin_dir() / "ceo-cro.yaml")
    question = next(q for q in bank.questions if q.kind == "choice")
    choices = question.choices(bank)
    assert choices
    for choice in choices:
        assert question.parse(choice.id.upper(), bank) == choice.id
        assert question.parse(f"  {choice.label.lower()} ", bank) == choice.id
    with pytest.raises(AnswerError, match="choose one of: " + ", ".join(c.id for c in choices)):
        question.parse("something else", bank)


@pytest.mark.parametrize("raw", ["maybe", "ceo", "", "both jointly!", 3, None, ["cro"]])
def test_unknown_answers_still_list_the_valid_ids(outbound: Bank, raw: object):
    question = outbound.question("icp_definition")
    assert question is not None
    with pytest.raises(AnswerError, match="choose one of: cro, vp_sales, marketing, joint, "):
        question.parse(raw, outbound)


# What a person can type in an editor and YAML can carry: no control characters but tab and
# line feed, no lone surrogates, no other line or paragraph separators (YAML would break the
# line there), no byte-order mark or non-characters.
TYPED = st.text(
    alphabet=st.one_of(
        st.characters(
            blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
            blacklist_characters="\ufeff\ufffe\uffff",
        ),
        st.sampled_from("\n\t :#'\"-|>&*!%@`{}[],?"),
    )
)


@settings(max_examples=300, deadline=None)
@given(text=TYPED)
def test_any_text_typed_in_a_written_answer_reads_back_as_typed(outbound: Bank, text: str):
    form = answer_form(outbound, "cro")
    question = outbound.question("strategy_owner_sentence")
    assert question is not None and question.kind == "text"
    data = parse_yaml(fill(form, {question.id: text})).data
    assert data[question.id] == text.rstrip("\n")  # as typed, bar trailing empty lines
    if text.strip():
        assert question.parse(data[question.id], outbound) == text.strip()
    else:
        with pytest.raises(AnswerError):
            question.parse(data[question.id], outbound)


def test_a_written_answer_that_lost_its_indent_says_how_to_fix_it(cli, tmp_path):
    form = cli("form", "--bank", "outbound", "--role", "cro").stdout
    broken = form.replace(
        "strategy_owner_sentence: |2-\n  \n", "strategy_owner_sentence: |2-\nI own it\n"
    )
    path = tmp_path / "bad.yaml"
    path.write_text(broken)
    result = cli(
        "survey",
        "-b",
        "outbound",
        "-r",
        "cro",
        "-n",
        "C",
        "--answers",
        path,
        "-o",
        tmp_path / "o.yaml",
    )
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "every line of a written answer starts with two spaces" in result.stderr
