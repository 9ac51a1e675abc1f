"""The shipped banks do not give the framework's answers away: every question sits in a neutral
section, sections stand together, and the expected owners do not come in telling runs."""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

import pytest

from ownerdiag.core.models import Bank
from ownerdiag.files.banks import bank_paths, builtin_dir, load_bank

SHIPPED = ["ceo-cro", "outbound", "revenue-leadership"]
MAX_RUN = 3
"""Most owner questions in a row that may expect the same owner."""


def shipped_paths() -> list[Path]:
    return bank_paths(builtin_dir())


def test_every_shipped_bank_is_checked():
    assert sorted(p.stem for p in shipped_paths()) == SHIPPED


@pytest.fixture(params=shipped_paths(), ids=lambda p: p.stem)
def bank(request: pytest.FixtureRequest) -> Bank:
    return load_bank(request.param)


def owner_terms(bank: Bank) -> list[str]:
    """Names of roles and parties, as the bank and its short labels spell them."""
    owners = {**bank.roles, **bank.parties}
    return [
        *owners,
        *(key.replace("_", " ") for key in owners),
        *owners.values(),
        *(bank.short_labels[key] for key in owners if key in bank.short_labels),
    ]


def test_every_question_has_a_section(bank: Bank):
    missing = [q.id for q in bank.questions if not q.section]
    assert missing == []
    for question in bank.questions:
        section = question.section or ""
        assert section == section.strip() and len(section) <= 40, question.id


def test_sections_name_no_lane_and_no_owner(bank: Bank):
    lane_words = [
        *bank.lanes,
        *(lane.replace("_", " ") for lane in bank.lanes),
        *(spec.title for spec in bank.lanes.values()),
    ]
    for section in {q.section for q in bank.questions if q.section}:
        title = section.casefold()
        for word in [*lane_words, *bank.roles.values()]:
            assert word.casefold() not in title, f"section {section!r} names {word!r}"
        for word in owner_terms(bank):  # as whole words: "cro" may sit inside other words
            pattern = rf"\b{re.escape(word.casefold())}\b"
            assert not re.search(pattern, title), f"section {section!r} names owner {word!r}"


def split_sections(bank: Bank) -> list[str]:
    """Sections whose questions do not all stand together."""
    order = [section for section, _ in groupby(q.section for q in bank.questions)]
    return sorted({s for s in order if s is not None and order.count(s) > 1})


def telling_runs(bank: Bank) -> list[tuple[str, str, str, int]]:
    """(first id, last id, owner, length) of each run of more than ``MAX_RUN`` owner questions
    expecting the same owner. Counted over the owner questions in the order asked: other kinds
    between them do not break a run, since the respondent still sees the pattern."""
    expected = [
        (q.id, q.expected) for q in bank.questions if q.names_owners and q.expected is not None
    ]
    runs = [list(run) for _, run in groupby(expected, key=lambda pair: pair[1])]
    return [(run[0][0], run[-1][0], run[0][1], len(run)) for run in runs if len(run) > MAX_RUN]


def test_questions_of_a_section_stand_together(bank: Bank):
    assert split_sections(bank) == []


def test_no_telling_run_of_expected_owners(bank: Bank):
    assert any(q.names_owners for q in bank.questions)
    assert telling_runs(bank) == []


def test_the_checks_catch_a_lane_by_lane_order(bank: Bank):
    by_lane = sorted(
        bank.questions, key=lambda q: (list(bank.lanes).index(q.lane), str(q.expected))
    )
    reordered = bank.model_copy(update={"questions": by_lane})
    assert telling_runs(reordered)
    assert split_sections(reordered)


def test_bank_validate_warns_at_the_line_a_telling_run_starts(cli, tmp_path):
    import yaml

    data = yaml.safe_load((builtin_dir() / "outbound.yaml").read_text())
    data["questions"].sort(key=lambda q: (q["kind"] != "owner", str(q.get("expected"))))
    path = tmp_path / "lanes.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    result = cli("bank", "validate", path)
    assert result.exit_code == 0  # valid, but the order gives the answers away
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:") and ": warning: 10 owner questions in a row" in first
    line = int(first[len(str(path)) + 1 :].split(":")[0])
    assert path.read_text().splitlines()[line - 1].lstrip().startswith("- id: outbound_strategy")
