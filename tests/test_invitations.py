"""An invitation is an identity: a response counts for a round only when it answers that round's
invitation of the person it names, sealed as it was saved, finished after the round opened."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ownerdiag.core.engagement import Engagement, refusal
from ownerdiag.core.invitation import invitation_id
from ownerdiag.core.models import Response
from ownerdiag.files.yamlio import dump_yaml, read_yaml

from .conftest import EXAMPLES

ANSWERS_1 = EXAMPLES / "outbound" / "answers"
ANSWERS_2 = EXAMPLES / "outbound-next-quarter" / "answers"
OPENED = datetime(2026, 10, 1, tzinfo=timezone.utc)
TOKENS = {
    "2026-Q4": {"cro": "A" * 24, "vp_sales": "B" * 24},
    "2027-Q1": {"cro": "C" * 24, "vp_sales": "D" * 24},
}


def engagement(**rounds: dict[str, str]) -> Engagement:
    return Engagement.model_validate(
        {
            "client": "Acme",
            "bank": "outbound",
            "people": [
                {"role": "cro", "name": "Dana Reyes"},
                {"role": "vp_sales", "name": "Sam Ortiz"},
            ],
            "rounds": [
                {"name": name, "opened": OPENED + timedelta(days=90 * n), "invitations": tokens}
                for n, (name, tokens) in enumerate((rounds or TOKENS).items())
            ],
        }
    )


def response(name: str = "Dana Reyes", role: str = "cro", **changes: object) -> Response:
    data = read_yaml(EXAMPLES / "outbound" / f"{role}.yaml").data
    data["respondent"] = {"name": name, "role": role}
    data["finished_at"] = "2026-11-20T10:00:00Z"
    data.update(changes)
    return Response.model_validate(data)


def test_a_sealed_response_counts_for_its_round_and_no_other():
    acme = engagement()
    q4, q1 = acme.rounds
    dana = response().stamped("2026-Q4", TOKENS["2026-Q4"]["cro"])
    assert refusal(acme, q4, dana) is None
    assert refusal(acme, q1, dana.model_copy(update={"finished_at": OPENED.replace(2027, 2)})) == (
        "answers Dana Reyes's invitation for round 2026-Q4, not round 2027-Q1"
    )


def test_each_way_a_response_can_fail_its_invitation_has_its_own_reason():
    acme = engagement()
    q4 = acme.rounds[0]
    sealed = response().stamped("2026-Q4", TOKENS["2026-Q4"]["cro"])
    unsealed = response()
    assert "carries no invitation" in (refusal(acme, q4, unsealed) or "")
    edited = sealed.model_copy(update={"answers": {**sealed.answers, "outbound_strategy": "joint"}})
    assert "edited after it was saved" in (refusal(acme, q4, edited) or "")
    # Sam takes his own form and sends the file in Dana's name
    as_dana = response("Dana Reyes", "cro").stamped("2026-Q4", TOKENS["2026-Q4"]["vp_sales"])
    assert refusal(acme, q4, as_dana) == (
        "answers Sam Ortiz's invitation (vp_sales) but names Dana Reyes (cro)"
    )
    stranger = response().stamped("2026-Q4", "Z" * 24)  # another engagement's token
    assert "never gave" in (refusal(acme, q4, stranger) or "")
    early = sealed.model_copy(update={"finished_at": OPENED - timedelta(days=3)})
    assert "before round 2026-Q4 opened" in (refusal(acme, q4, early) or "")


def test_a_round_made_before_invitations_asks_for_none():
    old = Engagement.model_validate({**engagement().model_dump(), "rounds": [{"name": "2026-Q3"}]})
    assert refusal(old, old.rounds[0], response()) is None


@given(
    st.sampled_from(["outbound_strategy", "icp_definition", "pipeline_targets"]),
    st.one_of(st.text(max_size=30), st.integers(), st.lists(st.text(max_size=5), max_size=3)),
)
def test_any_change_to_an_answer_breaks_the_seal(question: str, value: object):
    acme = engagement()
    sealed = response().stamped("2026-Q4", TOKENS["2026-Q4"]["cro"])
    if sealed.answers.get(question) == value:
        return
    changed = sealed.model_copy(update={"answers": {**sealed.answers, question: value}})
    assert "edited" in (refusal(acme, acme.rounds[0], changed) or "")


def test_the_public_id_does_not_reveal_the_token():
    token = TOKENS["2026-Q4"]["cro"]
    stamp = response().stamped("2026-Q4", token).invitation
    assert stamp is not None and stamp.id == invitation_id(token) and token not in stamp.seal


# ---- the consultant's commands ---------------------------------------------------------------


@pytest.fixture
def acme(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An engagement whose two leaders answered round 2026-Q4 with their own invitations."""
    folder = tmp_path / "acme"
    made = cli(
        "init", folder, "--client", "Acme Corp", "--bank", "outbound", "--round", "2026-Q4",
        "--person", "cro=Dana Reyes", "--person", "vp_sales=Sam Ortiz",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    monkeypatch.chdir(folder)
    for name, role in (("Dana Reyes", "cro"), ("Sam Ortiz", "vp_sales")):
        done = cli("survey", "--person", name, "--answers", ANSWERS_1 / f"{role}.yaml")
        assert done.exit_code == 0, done.output
    return folder


CRO_FILE = "outbound-cro-dana-reyes.yaml"
VP_FILE = "outbound-vp-sales-sam-ortiz.yaml"


def test_the_engagement_keeps_an_unguessable_invitation_per_person_and_round(cli, acme: Path):
    assert cli("new-round", "2027-Q1").exit_code == 0
    kept = Engagement.model_validate(read_yaml(acme / "ownerdiag.yaml").data)
    tokens = [t for r in kept.rounds for t in r.invitations.values()]
    assert len(tokens) == 4 and len(set(tokens)) == 4
    assert all(len(t) >= 22 for t in tokens)  # 18 random bytes: 144 bits
    assert all(r.opened is not None for r in kept.rounds)
    saved = (acme / "2026-Q4" / CRO_FILE).read_text()
    assert "invitation:" in saved and not any(t in saved for t in tokens)


def test_last_quarters_file_is_refused_in_this_round_with_one_line(cli, acme: Path):
    assert cli("new-round", "2027-Q1").exit_code == 0
    assert (
        cli("survey", "--person", "Dana Reyes", "--answers", ANSWERS_2 / "cro.yaml").exit_code == 0
    )
    shutil.copy(acme / "2026-Q4" / VP_FILE, acme / "2027-Q1" / VP_FILE)

    status = cli("status")
    line = [x for x in status.stdout.splitlines() if VP_FILE in x][-1]  # the 2027-Q1 one
    assert "invitation for round 2026-Q4, not round 2027-Q1" in line
    states = json.loads(cli("status", "--format", "json").stdout)["rounds"][1]["people"]
    assert [p["state"] for p in states] == ["answered", "missing"]
    assert cli("status", "--check").exit_code == 1

    for command in (("compare",), ("compare", "--round", "2027-Q1"), ("compare", "2027-Q1/")):
        refused = cli(*command)
        assert refused.exit_code == 2, command
        assert len(refused.stderr.strip().splitlines()) == 1
        assert f"2027-Q1/{VP_FILE}: answers Sam Ortiz's invitation for round 2026-Q4" in (
            refused.stderr
        )
    explicit = cli("compare", f"2027-Q1/{CRO_FILE}", f"2027-Q1/{VP_FILE}")
    assert explicit.exit_code == 2 and "not round 2027-Q1" in explicit.stderr
    assert cli("trend").exit_code == 2


def test_a_file_in_the_other_leaders_name_or_without_invitation_is_refused(cli, acme: Path):
    vp = acme / "2026-Q4" / VP_FILE
    data = read_yaml(vp).data
    data["respondent"] = {"name": "Dana Reyes", "role": "cro"}
    (acme / "2026-Q4" / CRO_FILE).write_text(dump_yaml(data))
    refused = cli("compare")
    assert refused.exit_code == 2
    assert "answers Sam Ortiz's invitation (vp_sales) but names Dana Reyes (cro)" in refused.stderr

    del data["invitation"]
    (acme / "2026-Q4" / CRO_FILE).write_text(dump_yaml(data))
    assert "carries no invitation" in cli("compare").stderr
    assert "carries no invitation" in cli("status").stdout


def test_an_edited_answer_is_refused_and_the_honest_round_compares(cli, acme: Path):
    assert cli("compare", "--format", "json").exit_code == 0
    cro = acme / "2026-Q4" / CRO_FILE
    honest = cro.read_text()
    data = read_yaml(cro).data
    data["answers"]["outbound_strategy"] = "joint"
    cro.write_text(dump_yaml(data))
    assert "edited after it was saved" in cli("compare").stderr
    cro.write_text(honest)
    assert cli("compare").exit_code == 0


def test_outside_an_engagement_a_stamped_file_compares_as_before(cli, acme: Path, tmp_path: Path):
    loose = tmp_path / "loose"
    loose.mkdir()
    for name in (CRO_FILE, VP_FILE):
        shutil.copy(acme / "2026-Q4" / name, loose / name)
    result = cli("compare", loose / CRO_FILE, loose / VP_FILE, "--format", "json")
    assert result.exit_code == 0, result.output


def test_survey_for_a_person_added_by_hand_asks_for_an_invite_first(cli, acme: Path):
    data = read_yaml(acme / "ownerdiag.yaml").data
    del data["rounds"][-1]["invitations"]["vp_sales"]  # as if Sam had been added by hand
    (acme / "ownerdiag.yaml").write_text(dump_yaml(data))
    bare = cli("survey", "--person", "Sam Ortiz", "--answers", ANSWERS_1 / "vp_sales.yaml",
               "--force")  # fmt: skip
    assert bare.exit_code == 2 and "run ownerdiag invite first" in bare.stderr
    assert cli("invite").exit_code == 0
    kept = Engagement.model_validate(read_yaml(acme / "ownerdiag.yaml").data)
    assert set(kept.current.invitations) == {"cro", "vp_sales"}
    assert kept.current.invitations["cro"] == data["rounds"][-1]["invitations"]["cro"]


def test_a_round_still_waiting_names_who_it_waits_for(cli, acme: Path):
    assert cli("new-round", "2027-Q1").exit_code == 0
    assert (
        cli("survey", "--person", "Dana Reyes", "--answers", ANSWERS_2 / "cro.yaml").exit_code == 0
    )
    waiting = cli("compare")
    assert waiting.exit_code == 2
    assert "round 2027-Q1 is waiting for Sam Ortiz (1 of 2 answered" in waiting.stderr
    assert "could not be read" not in waiting.stderr


def test_portfolio_counts_the_invited_and_says_who_a_round_waits_for(cli, acme: Path):
    desk = acme.parent
    alone = json.loads(cli("portfolio", desk, "-f", "json", "--names", "--min-orgs", "1").stdout)
    before = alone["org_scores"][0]["overall"]
    assert before == json.loads(cli("compare", "-f", "json").stdout)["summary"]["alignment_score"]

    stranger = read_yaml(acme / "2026-Q4" / CRO_FILE).data  # someone never invited
    stranger["respondent"] = {"name": "Eve Stranger", "role": "cro"}
    stranger["answers"] = {k: "vp_sales" for k, v in stranger["answers"].items() if v == "cro"}
    (acme / "2026-Q4" / "eve.yaml").write_text(dump_yaml(stranger))
    counted = json.loads(cli("portfolio", desk, "-f", "json", "--names", "--min-orgs", "1").stdout)
    assert counted["org_scores"][0]["overall"] == before

    assert cli("new-round", "2027-Q1").exit_code == 0
    assert (
        cli("survey", "--person", "Dana Reyes", "--answers", ANSWERS_2 / "cro.yaml").exit_code == 0
    )
    waiting = json.loads(cli("portfolio", desk, "-f", "json", "--names", "--min-orgs", "1").stdout)
    assert waiting["waiting"] == ["Acme Corp: 2027-Q1 waiting for Sam Ortiz; 2026-Q4 used"]
    assert waiting["problems"] == []
    hidden = json.loads(cli("portfolio", desk, "-f", "json", "--min-orgs", "1").stdout)
    assert hidden["waiting"] == ["Org 1: 2027-Q1 waiting for 1 leader; 2026-Q4 used"]
    assert "Sam Ortiz" not in cli("portfolio", desk, "--no-pager").stdout
    desk_status = cli("status", "--dir", desk)
    assert "waiting for Sam Ortiz" in desk_status.stdout

    shutil.copy(acme / "2026-Q4" / VP_FILE, acme / "2027-Q1" / VP_FILE)
    refused = json.loads(cli("portfolio", desk, "-f", "json", "--names").stdout)["problems"]
    assert any("invitation for round 2026-Q4, not round 2027-Q1" in p for p in refused)


def test_status_check_trips_while_compare_would_refuse_the_round(cli, acme: Path):
    assert cli("status", "--check").exit_code == 0
    shutil.copy(acme / "2026-Q4" / CRO_FILE, acme / "2026-Q4" / "copy.yaml")
    data = read_yaml(acme / "2026-Q4" / "copy.yaml").data
    del data["invitation"]
    (acme / "2026-Q4" / "copy.yaml").write_text(dump_yaml(data))
    assert cli("compare").exit_code == 2
    assert cli("status", "--check").exit_code == 1  # everyone answered, yet not ready
    (acme / "2026-Q4" / "copy.yaml").write_text("answers: [\n")
    assert cli("compare").exit_code == 2 and cli("status", "--check").exit_code == 1


def test_round_files_named_on_the_command_line_count_only_as_the_round_counts_them(cli, acme: Path):
    """A look-alike name without an invitation, or a second file, named as 2026-Q4/*.yaml is
    refused as reading the round would refuse it; a folder below the round is not the round."""
    fake = read_yaml(acme / "2026-Q4" / VP_FILE).data
    fake["respondent"] = {"name": "Sam Ort\u0456z", "role": "vp_sales"}  # a Cyrillic i
    del fake["invitation"]
    (acme / "2026-Q4" / "x.yaml").write_text(dump_yaml(fake))
    named = cli("compare", acme / "2026-Q4" / CRO_FILE, acme / "2026-Q4" / "x.yaml")
    assert named.exit_code == 2 and "x.yaml" in named.stderr and "not invited" in named.stderr
    (acme / "2026-Q4" / "x.yaml").unlink()

    inbox = acme / "2026-Q4" / "inbox"
    inbox.mkdir()
    for name in (CRO_FILE, VP_FILE):
        shutil.copy(acme / "2026-Q4" / name, inbox / name)
    below = cli("compare", inbox / CRO_FILE, inbox / VP_FILE, "-f", "markdown")
    assert below.exit_code == 0 and "2026-Q4" not in below.stdout.splitlines()[0]


def test_trend_leaves_out_a_round_still_waiting_and_says_so(cli, acme: Path):
    assert cli("new-round", "2027-Q1").exit_code == 0
    for name, role in (("Dana Reyes", "cro"), ("Sam Ortiz", "vp_sales")):
        assert (
            cli("survey", "--person", name, "--answers", ANSWERS_2 / f"{role}.yaml").exit_code == 0
        )
    assert cli("new-round", "2027-Q2").exit_code == 0
    trend = cli("trend", "-f", "json")
    assert trend.exit_code == 0, trend.output
    assert [r["label"] for r in json.loads(trend.stdout)["rounds"]] == ["2026-Q4", "2027-Q1"]
    assert "Round 2027-Q2 left out: waiting for Dana Reyes, Sam Ortiz." in trend.stderr
    named = cli("trend", "--round", "2027-Q1", "--round", "2027-Q2")
    assert named.exit_code == 2 and "waiting for" in named.stderr


def test_a_file_of_another_format_in_a_round_is_named_not_passed_over(cli, acme: Path):
    odd = read_yaml(acme / "2026-Q4" / CRO_FILE).data
    odd["format"] = "ownerdiag-response/2"
    (acme / "2026-Q4" / "odd.yaml").write_text(dump_yaml(odd))
    assert any("odd.yaml" in line for line in cli("status").stdout.splitlines())
    refused = cli("compare")
    assert refused.exit_code == 2 and "odd.yaml" in refused.stderr
    assert cli("status", "--check").exit_code == 1


def test_a_hand_edited_token_is_named_as_one(cli, acme: Path):
    data = read_yaml(acme / "ownerdiag.yaml").data
    data["rounds"][0]["invitations"]["cro"] = "short!"
    (acme / "ownerdiag.yaml").write_text(dump_yaml(data))
    shown = cli("status")
    assert shown.exit_code == 2 and "'short!' is not an invitation token" in shown.stderr
