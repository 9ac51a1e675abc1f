from __future__ import annotations

from pathlib import Path

import pytest

from ownerdiag.core.fields import AnswerError
from ownerdiag.core.models import Bank
from ownerdiag.errors import InputError
from ownerdiag.files.banks import load_bank
from ownerdiag.files.schema import validate
from ownerdiag.files.yamlio import parse_yaml

from .conftest import MINI_BANK


def load(text: str) -> Bank:
    return validate(Bank, parse_yaml(text, "b.yaml"), "question bank")


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        load(text)
    return [str(p) for p in info.value.problems]


def test_outbound_bank_covers_every_kind_and_lane(outbound: Bank):
    kinds = {q.kind for q in outbound.questions}
    assert kinds == {"owner", "cadence", "yes_no", "scale", "text"}
    assert set(outbound.lanes) == {"design", "execution", "optimization"}
    assert 25 <= len(outbound.questions) <= 45  # what a leader finishes in about ten minutes
    owner = [q for q in outbound.questions if q.kind == "owner"]
    assert all(q.expected and q.why and q.remedy for q in owner)


def test_owner_choices_are_derived_from_roles_and_parties():
    bank = load(MINI_BANK)
    ids = [c.id for c in bank.questions[0].choices(bank)]
    assert ids == ["cro", "vp_sales", "marketing", "joint", "unclear"]
    assert bank.owner_label("joint") == "Both, jointly"


def test_unquoted_yes_stays_yes_for_yes_no_expected():
    assert load(MINI_BANK).question("documented").expected == "yes"


def test_owner_expecting_unknown_role_names_question_and_line():
    text = MINI_BANK.replace("expected: cro", "expected: cmo")
    (message,) = problems(text)
    assert message.startswith("b.yaml:17:5: question 'strategy' expects 'cmo'")
    assert "cro, vp_sales, marketing, joint" in message


def test_unknown_lane_duplicate_id_and_headline_are_each_reported():
    text = MINI_BANK.replace(
        "lane: execution\n    prompt: Who builds", "lane: ops\n    prompt: Who builds"
    )
    text = text.replace("id: clarity", "id: lists") + "headline: [nothing]\n"
    found = problems(text)
    assert any("lane 'ops' is not one of the bank's lanes (design, execution)" in p for p in found)
    assert any("question id 'lists' is used twice" in p for p in found)
    assert any("headline names unknown question 'nothing'" in p for p in found)


def test_typo_in_a_key_points_at_that_key():
    text = MINI_BANK.replace("    remedy: Agree", "    remedyy: Agree")
    (message,) = problems(text)
    assert message.startswith("b.yaml:19:5: questions › 'strategy' › remedyy: unknown key")


def test_missing_field_points_at_its_question():
    text = MINI_BANK.replace("    prompt: Who builds lists?\n", "")
    (message,) = problems(text)
    assert message.startswith("b.yaml:20:5:") and "missing 'prompt'" in message


def test_reserved_and_overlapping_owner_ids():
    text = MINI_BANK.replace("  marketing: Marketing", "  cro: Again\n  joint: Joint team")
    found = problems(text)
    assert any("'cro' is already a role" in p for p in found)
    assert any("'joint' is a reserved answer" in p for p in found)


def test_one_role_is_not_enough():
    text = MINI_BANK.replace("  vp_sales: VP of Sales\n", "")
    assert any("roles" in p and "at least 2" in p for p in problems(text))


def test_not_a_mapping():
    assert problems("- a\n- b\n") == [
        "b.yaml:1: expected a question bank (a YAML mapping of keys to values), found a list"
    ]


def test_hash_ignores_formatting_but_not_meaning(tmp_path: Path):
    base = load(MINI_BANK).content_hash()
    assert (
        load(
            "# a comment\n" + MINI_BANK.replace("{title: Design}", "\n    title: Design")
        ).content_hash()
        == base
    )
    assert (
        load(MINI_BANK.replace("Who builds lists?", "Who builds the lists?")).content_hash() != base
    )


@pytest.mark.parametrize(
    ("qid", "raw", "stored"),
    [
        ("strategy", " cro ", "cro"),
        ("documented", True, "yes"),
        ("documented", "no", "no"),
        ("clarity", "4", 4),
        ("clarity", 1, 1),
        ("sentence", 42, "42"),
        ("review", "ad_hoc", "ad_hoc"),
    ],
)
def test_answers_are_parsed_per_kind(qid: str, raw: object, stored: object):
    bank = load(MINI_BANK)
    assert bank.question(qid).parse(raw, bank) == stored


@pytest.mark.parametrize(
    ("qid", "raw", "needle"),
    [
        ("strategy", "cmo", "cro, vp_sales, marketing, joint, unclear"),
        ("clarity", 6, "1 to 5"),
        ("clarity", True, "1 to 5"),
        ("sentence", "  ", "written answer"),
        ("review", "daily", "weekly"),
    ],
)
def test_invalid_answers_say_what_is_valid(qid: str, raw: object, needle: str):
    bank = load(MINI_BANK)
    with pytest.raises(AnswerError, match=needle):
        bank.question(qid).parse(raw, bank)


def test_builtin_banks_validate():
    from ownerdiag.files.banks import bank_paths, builtin_dir

    paths = bank_paths(builtin_dir())
    assert paths
    for path in paths:
        load_bank(path)


def test_shipped_schema_matches_the_models():
    import json

    from ownerdiag.files.banks import builtin_dir

    shipped = json.loads((builtin_dir() / "bank.schema.json").read_text())
    assert shipped == Bank.model_json_schema()
