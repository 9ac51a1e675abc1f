"""An agenda a meeting can finish: conflicts worst first, cascades from one root cause as one
item, what the leaders agree on as one "confirm or change" step, and nothing the signed
agreement itself answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ownerdiag.core.agenda import items, steps
from ownerdiag.core.engine import compare
from ownerdiag.core.models import Bank
from ownerdiag.files.collect import gather

from .conftest import EXAMPLES

OUTBOUND = [EXAMPLES / "outbound" / "cro.yaml", EXAMPLES / "outbound" / "vp_sales.yaml"]
EVERY_EXAMPLE = [
    sorted((EXAMPLES / name).glob("*.yaml"))
    for name in ("outbound", "outbound-next-quarter", "revenue-leadership", "ceo-cro")
]


def test_the_outbound_examples_make_a_meeting_of_at_most_15_items():
    comparison = compare(*gather(OUTBOUND))
    agenda = steps(comparison)
    assert len(agenda) <= 15
    kinds = [step.kind for step in agenda]
    assert "cascade" in kinds and kinds[-1] == "confirm" and kinds.count("confirm") == 1
    # every item to settle is on the agenda once
    assert sorted(i.question.id for i in items(agenda)) == sorted(
        i.question.id for i in comparison.agenda()
    )
    # worst first: each step ranks by its worst item
    worst = [max(i.severity.rank for i in step.items) for step in agenda[:-1]]
    assert worst == sorted(worst, reverse=True)
    # the confirm step holds what both leaders answered alike, off the framework
    for item in agenda[-1].items:
        assert item.verdict.value == "drift" and len(set(item.answers.values())) == 1


def test_a_cascade_is_one_item_with_its_root_first():
    comparison = compare(*gather(OUTBOUND))
    written = next(
        s for s in steps(comparison) if s.cause == "The pipeline split is not written down"
    )
    assert [i.question.id for i in written.items] == [
        "pipeline_split_documented",
        "pipeline_split_review_cadence",
        "pipeline_split_role_change",  # agreed off the framework, but part of the same cause
    ]


def test_without_cascades_in_the_bank_every_conflict_is_its_own_item(outbound: Bank):
    bank, responses = gather(OUTBOUND)
    plain = bank.model_copy(update={"cascades": []})
    agenda = steps(compare(plain, responses))
    assert {step.kind for step in agenda} == {"item", "confirm"}
    assert len(agenda) > 15  # grouping is the bank's to say, not the engine's


@pytest.mark.parametrize("files", EVERY_EXAMPLE, ids=lambda f: f[0].parent.name)
def test_the_charter_never_asks_whether_it_exists(cli, files: list[Path]):
    signed = cli("charter", *files).stdout
    assert not re.search(r"whether .*written .*agreement exists", signed, re.IGNORECASE)
    assert "ownership agreement" in signed.lower()


def test_the_agenda_groups_leave_the_bank_hash_alone(outbound: Bank):
    """Response files record the bank's hash: grouping the agenda differently must not orphan
    any of them."""
    plain = outbound.model_copy(update={"cascades": []})
    assert outbound.cascades and plain.content_hash() == outbound.content_hash()


@pytest.mark.parametrize(
    ("added", "message"),
    [
        (
            "cascades:\n  - {cause: Made up, items: [lists, nothing]}\n",
            "cascades names unknown question 'nothing'",
        ),
        (
            "cascades:\n  - {cause: A, items: [lists, strategy]}\n"
            "  - {cause: B, items: [review, lists]}\n",
            "question 'lists' is in more than one cascade",
        ),
        (
            "charter:\n  written: {lists: everyone}\n",
            "'everyone' is not a valid answer to 'lists'",
        ),
    ],
)
def test_a_bank_with_a_bad_cascade_or_written_answer_is_refused(
    cli, tmp_path: Path, mini_bank_file: Path, added: str, message: str
):
    bad = tmp_path / "bad.yaml"
    bad.write_text(mini_bank_file.read_text() + added)
    result = cli("bank", "validate", bad)
    assert result.exit_code == 2 and message in result.stderr, result.stderr
