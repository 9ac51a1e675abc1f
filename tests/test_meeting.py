"""`ownerdiag resolve` and `ownerdiag charter`: decisions in, written agreement out."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from ownerdiag.core import decisions as resolution
from ownerdiag.core.engine import compare
from ownerdiag.core.models import Bank
from ownerdiag.files.collect import gather
from ownerdiag.files.documents import load_decisions
from ownerdiag.interactive import meeting
from ownerdiag.interactive.lifecycle import utc_now

from .conftest import EXAMPLES
from .test_compare_cli import CRO, VP, framework_answers, respond
from .test_exports import HOSTILE_NAME, HOSTILE_TEXT

AGREED = EXAMPLES / "outbound" / "meeting" / "agreed.yaml"
ENTER, BACK = "\r", "\x02"


def decide(cli, tmp_path: Path, agreed: Path = AGREED, *files: Path) -> Path:
    out = tmp_path / "decisions.yaml"
    result = cli("resolve", *(files or (CRO, VP)), "--answers", agreed, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_resolve_from_a_file_writes_private_decisions(cli, tmp_path: Path, outbound: Bank):
    out = decide(cli, tmp_path)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    decisions = load_decisions(out, outbound)
    assert decisions.decisions["outbound_strategy_owner"].decision == "cro"
    assert "monthly review" in decisions.decisions["outbound_strategy_owner"].note
    assert decisions.decisions["pipeline_split_documented"].decision == "yes"
    assert not decisions.complete  # the examples leave some conflicts open


def test_resolve_refuses_bad_decisions_and_overwrites(cli, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "revenue_outcome: unclear\nmade_up: cro\ncro_in_the_weeds: 2\nicp_definition: board\n"
    )
    result = cli("resolve", CRO, VP, "--answers", bad, "--out", tmp_path / "d.yaml")
    assert result.exit_code == 2
    err = result.stderr
    assert "'revenue_outcome': a decision must name an owner" in err
    assert "unknown question id 'made_up'" in err
    assert "scale questions are not decided" in err
    assert "'icp_definition': 'board' is not a valid answer" in err
    assert not (tmp_path / "d.yaml").exists()
    out = decide(cli, tmp_path)
    again = cli("resolve", CRO, VP, "--answers", AGREED, "--out", out)
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_resolve_without_terminal_or_answers_says_how(cli):
    result = cli("resolve", CRO, VP)
    assert result.exit_code == 2 and "--answers" in result.stderr


def test_agenda_is_every_decidable_conflict_worst_first(outbound: Bank):
    bank, responses = gather([CRO, VP])
    items = resolution.agenda(compare(bank, responses))
    kinds = {i.question.kind for i in items}
    assert kinds <= {"owner", "cadence", "yes_no", "choice"}
    ranks = [i.severity.rank for i in items]
    assert ranks == sorted(ranks, reverse=True)


def test_meeting_prompts_record_choices_notes_and_back(outbound: Bank):
    from ownerdiag.core.agenda import Step

    bank, responses = gather([CRO, VP])
    comparison = compare(bank, responses)
    items = resolution.agenda(comparison)[:2]
    agenda = [Step("item", (item,)) for item in items]
    saves = []
    # item 1: the cursor starts on "leave open"; 1 takes the first answer (the framework's), with
    # a note; item 2: back, item 1 again (starting on its decision), then item 2 left open; save
    keys = ["1", ENTER, "CRO decides", ENTER, BACK, ENTER, ENTER, ENTER, ENTER, ENTER]
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("".join(keys))
        pipe.close()
        start = resolution.start(bank, responses, utc_now())
        done = meeting.run(comparison, agenda, start, saves.append)
    first, second = (done.decisions[i.question.id] for i in items)
    assert first.decision == items[0].question.expected and first.note == "CRO decides"
    assert first.origin == "framework"
    assert second.decision is None  # Enter alone leaves an item open
    assert len(saves) == 3


def test_charter_uses_agreement_then_decisions_and_lists_what_is_open(
    cli, tmp_path: Path, outbound: Bank
):
    decisions = decide(cli, tmp_path)
    result = cli("charter", CRO, VP, "--decisions", decisions, "--date", "2026-11-23")
    assert result.exit_code == 0, result.output
    md = result.stdout
    made = load_decisions(decisions, outbound).decisions
    owner_id = next(
        qid for qid, d in made.items() if d.decision and outbound.question(qid).names_owners
    )
    question = outbound.question(owner_id)
    owner = outbound.owner_label(made[owner_id].decision)
    area = question.topic[:1].upper() + question.topic[1:]
    assert f"| {area} | {owner} | agreed in the meeting" in md
    assert "| you both said |" in md  # what the answers agreed on stands as agreed
    assert "## To decide (" in md and "Today: Dana Reyes:" in md
    assert "next review on or before **2027-02-23**" in md
    assert "reviewed never" not in md.lower()
    assert md.count("Signature: ____") == 2


def test_charter_without_decisions_leaves_every_item_to_settle_open(cli, outbound: Bank):
    import json

    md = cli("charter", CRO, VP, "--date", "2026-01-31").stdout
    to_settle = json.loads(cli("compare", CRO, VP, "-f", "json").stdout)["summary"]["settle_first"]
    assert f"## To decide ({len(to_settle)})" in md
    assert outbound.question(to_settle[0]).to_decide() in md


@pytest.mark.parametrize(
    ("today", "cadence", "expected"),
    [
        ("2026-01-31", "monthly", "2026-02-28"),
        ("2026-11-30", "quarterly", "2027-02-28"),
        ("2026-12-30", "weekly", "2027-01-06"),
    ],
)
def test_next_review_dates(today: str, cadence: str, expected: str):
    from datetime import date

    from ownerdiag.core.charter import next_review

    assert next_review(cadence, date.fromisoformat(today)).isoformat() == expected


def test_charter_html_and_decisions_from_another_bank(cli, tmp_path: Path, outbound: Bank):
    decisions = decide(cli, tmp_path)
    out = tmp_path / "charter.html"
    assert cli("charter", CRO, VP, "-d", decisions, "-f", "html", "-o", out).exit_code == 0
    assert "<h1>Ownership agreement: " in out.read_text()
    tampered = tmp_path / "other.yaml"
    tampered.write_text(decisions.read_text().replace("hash: sha256:", "hash: sha256:0"))
    result = cli("charter", CRO, VP, "-d", tampered)
    assert result.exit_code == 2 and "use the decisions file from the same round" in result.stderr


def test_charter_prints_respondent_text_literally(cli, tmp_path: Path, outbound: Bank):
    answers = framework_answers(outbound)
    answers["foundation_buyer"] = HOSTILE_TEXT
    files = [
        respond(cli, tmp_path, "cro", HOSTILE_NAME, answers),
        respond(cli, tmp_path, "vp_sales", "Sam", framework_answers(outbound)),
    ]
    md = cli("charter", *files).stdout
    assert "<script>" not in md and "<img" not in md and "\\| col \\|" in md
    html = cli("charter", *files, "-f", "html").stdout
    assert "<script" not in html and "&lt;img src=x" in html


def test_a_written_decision_says_whose_answer_the_room_took(cli, tmp_path: Path, outbound: Bank):
    decisions = decide(cli, tmp_path)
    made = load_decisions(decisions, outbound).decisions
    # outbound_strategy_owner: the leaders differ and the room took the framework's owner
    assert made["outbound_strategy_owner"].origin == "framework"
    signed = cli("charter", CRO, VP, "--decisions", decisions).stdout
    assert "| Chief Revenue Officer | agreed in the meeting: the framework's answer |" in signed


def test_decisions_saved_before_origins_were_recorded_still_read(
    cli, tmp_path: Path, outbound: Bank
):
    decisions = decide(cli, tmp_path)
    old = tmp_path / "old.yaml"
    old.write_text(
        "".join(line for line in decisions.read_text().splitlines(True) if "origin:" not in line)
    )
    assert load_decisions(old, outbound).decisions["outbound_strategy_owner"].origin is None
    signed = cli("charter", CRO, VP, "--decisions", old).stdout
    assert "| Chief Revenue Officer | agreed in the meeting |" in signed


def test_resolve_writes_the_meeting_page_without_a_terminal(cli, tmp_path: Path):
    out = tmp_path / "meeting.html"
    result = cli("resolve", CRO, VP, "--format", "html", "--out", out)
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "default-src 'none'" in page and "Who owns outbound strategy" in page
    assert "charter reads" in result.stderr


def test_decisions_stamped_by_another_page_are_refused(cli, tmp_path: Path):
    decisions = decide(cli, tmp_path)
    stamped = tmp_path / "stamped.yaml"
    stamped.write_text(decisions.read_text() + 'page: "sha256:0123"\n')
    result = cli("charter", CRO, VP, "--decisions", stamped)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{stamped}: these decisions were saved by a meeting page")
