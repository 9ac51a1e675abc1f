"""What a user would see go wrong in trend, charter, decisions, answers and the portfolio.

Each test here was written against a mutant that the rest of the fast suite let live (issue 29):
a trend over three rounds that reports the second round as the last, a note dropped from the
charter, a meeting never marked finished, a shuffled response that crashes review. The core is
pure, so every test calls it directly on a small bank built here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from ownerdiag.core import answers, charter, decisions, portfolio, trend
from ownerdiag.core.engine import Comparison, compare
from ownerdiag.core.models import Bank, Decision, Decisions, Response
from ownerdiag.core.verdicts import Severity
from ownerdiag.errors import Fix, InputError
from ownerdiag.files.schema import validate
from ownerdiag.files.yamlio import parse_yaml

from .conftest import MINI_BANK

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
T1 = T0 + timedelta(hours=2)

# every scored question answered as the bank expects it: aligned everywhere
EXPECTED: dict[str, Any] = {
    "strategy": "cro",
    "lists": "vp_sales",
    "review": "monthly",
    "documented": "yes",
    "clarity": 4,
    "sentence": "The CRO owns it.",
}


# function-scoped on purpose: mutmut maps each test to the code it runs
@pytest.fixture
def bank() -> Bank:
    return validate(Bank, parse_yaml(MINI_BANK, "mini.yaml"), "question bank")


def respond(bank: Bank, role: str, changes: dict[str, Any]) -> Response:
    response = answers.start(bank, role, role.upper(), T0)
    for question_id, answer in {**EXPECTED, **changes}.items():
        response = answers.record(bank, response, bank.question(question_id), answer)
    return answers.finish(bank, response, T0)


def compared(bank: Bank, cro: dict[str, Any], vp: dict[str, Any]) -> Comparison:
    return compare(bank, [respond(bank, "cro", cro), respond(bank, "vp_sales", vp)])


# --- trend: three rounds, first, middle and last ---------------------------------------------

# Round by round (credit: aligned 1, drift 0.5, anything else 0; every weight normal):
#   strategy   collision (high)   aligned            drift (low)      -> persisted, better
#   review     drift (low)        drift (low)        mismatch (med)   -> persisted, worse
#   documented mismatch (med)     mismatch (med)     aligned          -> closed
#   lists      aligned            vacuum (high)      aligned          -> steady (middle ignored)
#   clarity    aligned            aligned            drift (low)      -> opened
# design lane (strategy, review, documented): 0.5/3 = 17, 1.5/3 = 50, 1.5/3 = 50
# execution lane (lists, clarity):            2/2 = 100,  1/2 = 50,   1.5/2 = 75
# overall:                                    2.5/5 = 50, 2.5/5 = 50, 3/5 = 60
ROUNDS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    (
        {"review": "quarterly", "documented": "no"},
        {"strategy": "vp_sales", "review": "quarterly"},
    ),
    (
        {"review": "quarterly", "documented": "no", "lists": "unclear"},
        {"review": "quarterly"},
    ),
    (
        {"strategy": "vp_sales", "review": "weekly", "clarity": 3},
        {"strategy": "vp_sales", "review": "yearly", "clarity": 3},
    ),
]


@pytest.fixture
def three_rounds(bank: Bank) -> trend.Trend:
    rounds = [
        trend.Round(f"Q{n}", compared(bank, cro, vp)) for n, (cro, vp) in enumerate(ROUNDS, 1)
    ]
    return trend.trend(rounds)


def test_a_three_round_trend_reports_each_round_s_scores_in_order(three_rounds: trend.Trend):
    assert [r.label for r in three_rounds.rounds] == ["Q1", "Q2", "Q3"]
    assert three_rounds.overall == [50, 50, 60]
    lanes = {lane.lane: (lane.title, lane.scores) for lane in three_rounds.lanes}
    assert lanes == {"design": ("Design", [17, 50, 50]), "execution": ("Execution", [100, 50, 75])}


def test_the_change_is_from_the_first_round_to_the_last_not_to_the_second(
    three_rounds: trend.Trend,
):
    by_lane = {lane.lane: trend.change(lane.scores) for lane in three_rounds.lanes}
    assert by_lane == {"design": 50 - 17, "execution": 75 - 100}
    assert trend.change([40, 90, 70, 55]) == 15
    assert trend.change([None, 50, 60]) is None
    assert trend.change([40, 50, None]) is None


def test_items_move_by_their_first_and_last_round_and_keep_their_lane(
    three_rounds: trend.Trend,
):
    seen = {
        i.question_id: (i.lane, i.status, i.transition, [s.value for s in i.severities])
        for i in three_rounds.items
    }
    assert seen == {
        "clarity": ("execution", "opened", "opened", ["none", "none", "low"]),
        "review": ("design", "persisted", "worse", ["low", "low", "medium"]),
        "strategy": ("design", "persisted", "better", ["high", "none", "low"]),
        "documented": ("design", "closed", "closed", ["medium", "medium", "none"]),
        "lists": ("execution", "steady", "steady", ["none", "high", "none"]),
    }
    # newly opened and worse first, as the report lists them
    assert [i.question_id for i in three_rounds.items] == [
        "clarity",
        "review",
        "strategy",
        "documented",
        "lists",
    ]
    assert three_rounds.count("persisted") == 2 and three_rounds.count("steady") == 1
    strategy = next(i for i in three_rounds.items if i.question_id == "strategy")
    assert strategy.prompt == "Who owns strategy?"
    assert [v.value for v in strategy.verdicts] == ["collision", "aligned", "drift"]
    # who changed their answer between the first round and the last (not the middle one)
    assert strategy.changed == [trend.Changed("cro", "CRO", "cro", "vp_sales")]
    lists = next(i for i in three_rounds.items if i.question_id == "lists")
    assert lists.changed == []


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (Severity.high, Severity.low, "better"),
        (Severity.medium, Severity.low, "better"),
        (Severity.low, Severity.high, "worse"),
        (Severity.low, Severity.medium, "worse"),
        (Severity.medium, Severity.medium, "same"),
    ],
)
def test_a_persisting_conflict_is_worse_only_when_it_got_more_severe(
    before: Severity, after: Severity, expected: str
):
    assert trend.transition("persisted", before, after) == expected


@pytest.mark.parametrize("status", ["opened", "closed", "steady"])
def test_an_opened_closed_or_steady_item_is_named_so_whatever_the_severities(status: str):
    assert trend.transition(status, Severity.low, Severity.high) == status


def test_each_lane_shows_its_own_score(bank: Bank):
    comparison = compared(bank, {"lists": "unclear"}, {})
    assert trend._lane_score(comparison, "design") == 100
    assert trend._lane_score(comparison, "execution") == 50
    assert trend._lane_score(comparison, "nowhere") is None


def test_a_trend_needs_two_rounds(bank: Bank):
    with pytest.raises(ValueError, match="two or more rounds"):
        trend.trend([trend.Round("Q1", compared(bank, {}, {}))])


# --- the charter: what the meeting wrote beside a decision ------------------------------------


def test_the_meeting_s_note_beside_a_decision_reaches_the_charter(bank: Bank):
    comparison = compared(bank, {}, {"strategy": "vp_sales"})
    made = decisions.start(bank, comparison.responses, T0)
    made = decisions.with_decision(
        made, "strategy", Decision(decision="cro", note="CRO owns it from Q3.")
    )
    drafted = charter.draft(comparison, made, date(2026, 1, 31))
    settled = drafted.settled["strategy"]
    assert (settled.value, settled.source, settled.note) == (
        "cro",
        "decided",
        "CRO owns it from Q3.",
    )
    assert drafted.decided_in_meeting


def test_a_note_on_an_item_left_open_or_agreed_is_kept_too(bank: Bank):
    comparison = compared(bank, {}, {"strategy": "vp_sales"})
    made = decisions.start(bank, comparison.responses, T0)
    made = decisions.with_decision(made, "strategy", Decision(decision=None, note="Next time."))
    made = decisions.with_decision(made, "lists", Decision(decision=None, note="Fine as is."))
    settled = charter.draft(comparison, made, date(2026, 1, 31)).settled
    assert (settled["strategy"].value, settled["strategy"].source) == (None, "open")
    assert settled["strategy"].note == "Next time."
    assert (settled["lists"].value, settled["lists"].source) == ("vp_sales", "agreed")
    assert settled["lists"].note == "Fine as is."


# --- decisions: a finished meeting, and the one-line errors of a decisions file ---------------


def test_a_finished_meeting_records_when_it_finished_and_whether_it_settled_everything(
    bank: Bank,
):
    comparison = compared(bank, {"review": "yearly"}, {"strategy": "vp_sales"})
    agenda = decisions.agenda(comparison)
    assert [i.question.id for i in agenda] == ["strategy", "review"]
    made = decisions.start(bank, comparison.responses, T0, "9.9")
    assert (made.started_at, made.finished_at, made.complete) == (T0, None, False)
    made = decisions.with_decision(made, "strategy", Decision(decision="cro"))
    partly = decisions.finish(made, agenda, T1)
    assert (partly.finished_at, partly.complete) == (T1, False)
    assert [i.question.id for i in decisions.open_items(partly, agenda)] == ["review"]
    made = decisions.with_decision(made, "review", Decision(decision="monthly"))
    done = decisions.finish(made, agenda, T1)
    assert (done.started_at, done.finished_at, done.complete) == (T0, T1, True)
    assert decisions.open_items(done, agenda) == []
    assert done.tool_version == "9.9"
    assert [(p.role, p.name) for p in done.respondents] == [
        ("cro", "CRO"),
        ("vp_sales", "VP_SALES"),
    ]


def one_line(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p) for p in error.value.problems]


def test_a_decision_with_an_unknown_key_names_the_file_line_and_the_keys_to_use(bank: Bank):
    doc = parse_yaml("lists: vp_sales\nstrategy:\n  owner: cro\n  why: it sets it\n", "agreed.yaml")
    with pytest.raises(InputError) as error:
        decisions.parse_input(bank, doc)
    assert one_line(error) == [
        "agreed.yaml:2:1: question 'strategy': unknown key(s) 'owner', 'why'; use decision and note"
    ]


def test_hand_written_decisions_are_read_with_their_notes(bank: Bank):
    doc = parse_yaml(
        "strategy: {decision: ' cro ', note: '  From Q3.  '}\nlists:\nreview: Monthly\n",
        "agreed.yaml",
    )
    assert decisions.parse_input(bank, doc) == {
        "strategy": Decision(decision="cro", note="From Q3."),
        "lists": Decision(decision=None, note=""),
        "review": Decision(decision="monthly", note=""),
    }


def test_every_bad_decision_is_one_line_at_its_own_line(bank: Bank):
    doc = parse_yaml(
        "strategy: unclear\nnope: cro\nsentence: We agree.\nclarity: 9\n", "agreed.yaml"
    )
    with pytest.raises(InputError) as error:
        decisions.parse_input(bank, doc)
    assert one_line(error) == [
        "agreed.yaml:1:1: question 'strategy': a decision must name an owner; "
        "choose one of: cro, vp_sales, marketing, joint",
        "agreed.yaml:2:1: unknown question id 'nope' (bank mini 1)",
        "agreed.yaml:3:1: question 'sentence': text questions are not decided in the meeting",
        "agreed.yaml:4:1: question 'clarity': scale questions are not decided in the meeting",
    ]


def test_decisions_that_are_not_a_mapping_are_refused_at_line_one(bank: Bank):
    with pytest.raises(InputError) as error:
        decisions.parse_input(bank, parse_yaml("- cro\n", "agreed.yaml"))
    assert one_line(error) == ["agreed.yaml:1: expected a mapping of question id to decision"]


DECISIONS_FILE = """\
format: ownerdiag-decisions/1
bank: {{id: mini, version: '1', hash: {hash}}}
started_at: 2026-01-01T00:00:00Z
respondents:
- {{name: CRO, role: cro}}
- {{name: VP_SALES, role: vp_sales}}
decisions:
  strategy:
    decision: cro
  lists:
    decision: nobody
"""


def test_a_bad_decision_in_a_saved_file_is_located_under_decisions(bank: Bank):
    doc = parse_yaml(DECISIONS_FILE.format(hash=bank.content_hash()), "decisions.yaml")
    saved = validate(Decisions, doc, "decisions file")
    with pytest.raises(InputError) as error:
        decisions.check_decisions(bank, saved, doc)
    assert one_line(error) == [
        "decisions.yaml:10:3: question 'lists': a decision must name an owner; "
        "choose one of: cro, vp_sales, marketing, joint"
    ]


# --- answers: a shuffled order from another bank, and what complete means ---------------------


def test_a_shuffled_order_missing_a_question_asks_it_last_without_crashing(bank: Bank):
    response = answers.start(bank, "cro", "Dana", T0).model_copy(
        update={"order": ["clarity", "strategy", "sentence", "lists", "documented"]}
    )
    asked = [q.id for q in answers.asked_order(bank, response)]
    assert asked == ["clarity", "strategy", "sentence", "lists", "documented", "review"]


def test_an_order_naming_questions_the_bank_lacks_still_asks_every_question(bank: Bank):
    response = answers.start(bank, "cro", "Dana", T0).model_copy(
        update={"order": ["gone", "sentence", "lists"]}
    )
    asked = [q.id for q in answers.asked_order(bank, response)]
    assert asked[:2] == ["sentence", "lists"]
    assert sorted(asked) == sorted(q.id for q in bank.questions)


def test_without_an_order_questions_are_asked_as_written(bank: Bank):
    response = answers.start(bank, "cro", "Dana", T0)
    assert [q.id for q in answers.asked_order(bank, response)] == [
        "strategy",
        "lists",
        "review",
        "documented",
        "clarity",
        "sentence",
    ]


RESPONSE_FILE = """\
format: ownerdiag-response/1
bank: {{id: mini, version: '1', hash: {hash}}}
respondent: {{name: Dana, role: cro}}
started_at: 2026-01-01T00:00:00Z
complete: {complete}
answers:
  strategy: ' cro '
  lists: vp_sales
  review: monthly
  documented: 'yes'
  clarity: '4'
{more}"""


def load(bank: Bank, complete: bool, more: str = "") -> tuple[Response, Any]:
    text = RESPONSE_FILE.format(hash=bank.content_hash(), complete=str(complete).lower(), more=more)
    doc = parse_yaml(text, "dana.yaml")
    return validate(Response, doc, "response file"), doc


def test_a_response_marked_complete_with_an_answer_missing_is_refused_at_complete(bank: Bank):
    response, doc = load(bank, complete=True)
    with pytest.raises(InputError) as error:
        answers.check_response(bank, response, doc)
    assert one_line(error) == [
        "dana.yaml:5:1: marked complete but 1 question(s) have no answer: sentence"
    ]


def test_an_unfinished_response_may_lack_answers_and_is_stored_normalised(bank: Bank):
    response, doc = load(bank, complete=False)
    checked = answers.check_response(bank, response, doc)
    assert checked.answers == {
        "strategy": "cro",
        "lists": "vp_sales",
        "review": "monthly",
        "documented": "yes",
        "clarity": 4,
    }


def test_a_complete_response_with_every_answer_is_accepted(bank: Bank):
    response, doc = load(bank, complete=True, more="  sentence: We own it.\n")
    assert answers.check_response(bank, response, doc).answers["sentence"] == "We own it."


def test_a_bad_answer_in_a_response_file_is_located_under_answers(bank: Bank):
    response, doc = load(bank, complete=False, more="  sentence: ok\n  nope: 3\n")
    response = response.model_copy(update={"answers": {**response.answers, "clarity": "nine"}})
    with pytest.raises(InputError) as error:
        answers.check_response(bank, response, doc)
    assert one_line(error) == [
        "dana.yaml:11:3: question 'clarity': 'nine' is not a valid answer; "
        "give a whole number from 1 to 5",
        "dana.yaml:13:3: unknown question id 'nope' (bank mini 1)",
    ]


def test_many_missing_answers_are_named_five_at_most(bank: Bank):
    response = answers.start(bank, "cro", "Dana", T0).model_copy(update={"complete": True})
    doc = parse_yaml("complete: true\n", "dana.yaml")
    with pytest.raises(InputError) as error:
        answers.check_response(bank, response, doc)
    assert one_line(error) == [
        "dana.yaml:1:1: marked complete but 6 question(s) have no answer: "
        "strategy, lists, review, documented, clarity …"
    ]


def test_an_answers_file_names_each_missing_answer_where_it_stands(bank: Bank):
    doc = parse_yaml(
        "strategy: cro\nlists:\nreview: monthly\ndocumented: 'yes'\nclarity: 4\n", "answers.yaml"
    )
    with pytest.raises(InputError) as error:
        answers.parse_answers(bank, doc)
    lines = one_line(error)
    assert lines[0].startswith("answers.yaml:2:1: question 'lists' has no answer; ")
    assert lines[1] == "answers.yaml:1:1: question 'sentence' has no answer; write a sentence"
    assert len(lines) == 2


def test_answers_that_are_not_a_mapping_are_refused_at_line_one(bank: Bank):
    with pytest.raises(InputError) as error:
        answers.parse_answers(bank, parse_yaml("just text\n", "answers.yaml"))
    assert one_line(error) == ["answers.yaml:1: expected a mapping of question id to answer"]


def test_a_recorded_answer_keeps_its_time_rounded_and_never_negative(bank: Bank):
    response = answers.start(bank, "cro", "Dana", T0)
    response = answers.with_answer(response, "strategy", "cro", 3.14159)
    response = answers.with_answer(response, "lists", "cro", -2.0)
    response = answers.with_answer(response, "review", "monthly")
    assert response.seconds == {"strategy": 3.1, "lists": 0.0}
    finished = answers.finish(bank, response, T1)
    assert (finished.complete, finished.finished_at) == (True, T1)


# --- the portfolio: which conflicts are common -----------------------------------------------


def test_common_conflicts_count_orgs_with_a_conflict_and_never_list_agreed_items(bank: Bank):
    latest = [
        compared(bank, {}, {"strategy": "vp_sales"}),
        compared(bank, {}, {"strategy": "vp_sales"}),
        compared(bank, {"strategy": "unclear", "clarity": 2}, {}),
        compared(bank, {}, {}),
    ]
    common = portfolio.common_conflicts(latest, min_orgs=4)
    seen = [(c.question_id, c.prompt, c.orgs, c.verdicts) for c in common]
    assert seen == [
        ("strategy", "Who owns strategy?", 4, {"collision": 2, "vacuum": 1}),
        ("clarity", "How clear is it?", 4, {"mismatch": 1}),
    ]
    assert [c.share for c in common] == [0.75, 0.25]
    assert [c.conflicted for c in common] == [3, 1]
    assert portfolio.common_conflicts(latest, min_orgs=5) == []  # asked by too few orgs


def test_a_conflict_every_org_has_is_a_share_of_one(bank: Bank):
    latest = [compared(bank, {}, {"strategy": "vp_sales"}) for _ in range(3)]
    (only,) = portfolio.common_conflicts(latest, min_orgs=3)
    assert (only.orgs, only.verdicts, only.share) == (3, {"collision": 3}, 1.0)
    assert portfolio.CommonConflict("q", "?", 0, {}).share == 0.0


def test_only_each_org_s_latest_round_counts(bank: Bank):
    old = compared(bank, {}, {"strategy": "vp_sales"})
    orgs = [portfolio.OrgRounds("Acme", [("Q1", old), ("Q2", compared(bank, {}, {}))])]
    result = portfolio.portfolio(orgs, min_orgs=1)
    (mini,) = result.benchmarks
    assert mini.common == [] and mini.moved == [("Acme", 80, 100)]


# --- second pass: what the first mutation run after these tests still let live ----------------


def bank_with(bank: Bank, **changes: Any) -> Bank:
    return bank.model_copy(update=changes)


def test_a_trend_across_changed_banks_says_which_questions_it_could_not_follow(bank: Bank):
    questions = {q.id: q for q in bank.questions}
    # round 2 drops "lists"; round 3 asks "review" as yes/no and adds a lane of its own
    yes_no = questions["documented"].model_copy(update={"id": "review", "lane": "design"})
    lanes_3 = {**bank.lanes, "spare": bank.lanes["design"].model_copy(update={"title": "Spare"})}
    second = bank_with(bank, questions=[q for q in bank.questions if q.id != "lists"])
    third = bank_with(
        bank,
        questions=[yes_no if q.id == "review" else q for q in bank.questions],
        lanes=lanes_3,
    )

    def answered(round_bank: Bank, vp_name: str) -> Comparison:
        people = []
        for role, name, changes in (("cro", "Dana", {}), ("vp_sales", vp_name, {})):
            response = answers.start(round_bank, role, name, T0)
            for q in round_bank.questions:
                value = "yes" if q.kind == "yes_no" else {**EXPECTED, **changes}[q.id]
                response = answers.record(round_bank, response, q, value)
            people.append(response)
        return compare(round_bank, people)

    rounds = [
        trend.Round("Q1", compared(bank, {}, {"strategy": "vp_sales"})),
        trend.Round("Q2", answered(second, "Sam")),
        trend.Round("Q3", answered(third, "Alex")),
    ]
    followed = trend.trend(rounds)
    assert followed.not_compared == [
        ("lists", "not asked in 1 of 3 rounds"),
        ("review", "its kind changed between rounds"),
    ]
    assert {i.question_id for i in followed.items} == {"strategy", "documented", "clarity"}
    assert [(lane.lane, lane.title) for lane in followed.lanes] == [
        ("design", "Design"),
        ("execution", "Execution"),
        ("spare", "Spare"),
    ]
    assert followed.lanes[2].scores == [None, None, None]
    strategy = next(i for i in followed.items if i.question_id == "strategy")
    # the person answering as VP is named as the last round names them
    assert strategy.changed == [trend.Changed("vp_sales", "Alex", "vp_sales", "cro")]


def test_a_question_missing_from_two_rounds_says_two(bank: Bank):
    fewer = bank_with(bank, questions=[q for q in bank.questions if q.id != "lists"])
    full = compared(bank, {}, {})
    people = [r.model_copy(update={"answers": {**r.answers}}) for r in full.responses]
    for person in people:
        person.answers.pop("lists")
    thin = compare(fewer, people)
    rounds = [trend.Round(label, c) for label, c in (("1", thin), ("2", thin), ("3", full))]
    assert trend.trend(rounds).not_compared == [("lists", "not asked in 2 of 3 rounds")]


@pytest.mark.parametrize(
    ("cadence", "today", "expected"),
    [
        ("weekly", date(2026, 12, 29), date(2027, 1, 5)),
        ("monthly", date(2026, 1, 31), date(2026, 2, 28)),
        ("monthly", date(2026, 12, 15), date(2027, 1, 15)),
        ("quarterly", date(2026, 11, 30), date(2027, 2, 28)),
        ("yearly", date(2026, 1, 31), date(2027, 1, 31)),
        ("yearly", date(2028, 2, 29), date(2029, 2, 28)),
        ("ad_hoc", date(2026, 1, 1), None),
    ],
)
def test_the_next_review_falls_one_rhythm_later(cadence: str, today: date, expected: date | None):
    assert charter.next_review(cadence, today) == expected


def test_the_review_rhythm_is_decided_agreed_or_recommended(bank: Bank):
    reviewed = bank_with(bank, charter=bank.charter.model_copy(update={"review": "review"}))
    agreed = compared(reviewed, {"review": "weekly"}, {"review": "weekly"})
    drafted = charter.draft(agreed, None, date(2026, 1, 1))
    assert (drafted.review_cadence, drafted.review_source) == ("weekly", "agreed")
    open_ = compared(reviewed, {"review": "weekly"}, {"review": "yearly"})
    drafted = charter.draft(open_, None, date(2026, 1, 10))
    assert (drafted.review_cadence, drafted.review_source) == ("monthly", "recommended")
    assert drafted.next_review == date(2026, 2, 10)
    made = decisions.with_decision(
        decisions.start(reviewed, open_.responses, T0), "review", Decision(decision="yearly")
    )
    drafted = charter.draft(open_, made, date(2026, 1, 10))
    assert (drafted.review_cadence, drafted.review_source) == ("yearly", "decided")
    aligned = compared(reviewed, {}, {})
    drafted = charter.draft(aligned, None, date(2026, 1, 10))
    assert (drafted.review_cadence, drafted.review_source) == ("monthly", "agreed")
    # no review question in the bank: quarterly, as recommended
    drafted = charter.draft(compared(bank, {}, {}), None, date(2026, 1, 10))
    assert (drafted.review_cadence, drafted.review_source) == ("quarterly", "recommended")


def test_an_item_one_person_left_unanswered_is_not_agreed(bank: Bank):
    cro = respond(bank, "cro", {})
    vp = respond(bank, "vp_sales", {})
    vp = vp.model_copy(update={"answers": {k: v for k, v in vp.answers.items() if k != "lists"}})
    settled = charter.draft(compare(bank, [cro, vp]), None, date(2026, 1, 1)).settled
    assert (settled["lists"].value, settled["lists"].source) == (None, "open")
    assert (settled["strategy"].value, settled["strategy"].source) == ("cro", "agreed")


def test_a_response_for_a_role_the_bank_lacks_is_refused_at_the_role(bank: Bank):
    response, doc = load(bank, complete=False)
    response = response.model_copy(
        update={"respondent": response.respondent.model_copy(update={"role": "ceo"})}
    )
    with pytest.raises(InputError) as error:
        answers.check_response(bank, response, doc)
    assert one_line(error) == ["dana.yaml:3:26: role 'ceo' is not a role of bank 'mini'"]


def test_a_response_from_an_edited_form_is_refused_at_form_with_what_to_do(bank: Bank):
    from ownerdiag.core.survey_form import form_hash

    good = form_hash(bank, "cro")
    response, doc = load(bank, complete=False, more=f"form: '{good}'\n")
    assert answers.check_response(bank, response, doc).form == good
    response, doc = load(bank, complete=False, more="form: sha256:0000\n")
    with pytest.raises(InputError) as error:
        answers.check_response(bank, response, doc)
    assert one_line(error) == [
        "dana.yaml:12:1: saved by a browser form whose questions for 'cro' are not those of "
        "bank mini 1: the page was edited, or made by another version of ownerdiag; "
        "ask the leader to answer a new form made from the bank"
    ]


def test_five_missing_answers_are_all_named_without_an_ellipsis(bank: Bank):
    response = answers.start(bank, "cro", "Dana", T0)
    response = answers.with_answer(response, "strategy", "cro").model_copy(
        update={"complete": True}
    )
    with pytest.raises(InputError) as error:
        answers.check_response(bank, response, parse_yaml("complete: true\n", "dana.yaml"))
    assert one_line(error) == [
        "dana.yaml:1:1: marked complete but 5 question(s) have no answer: "
        "lists, review, documented, clarity, sentence"
    ]


def test_answers_are_stored_in_bank_order_with_their_times(bank: Bank):
    response = answers.start(bank, "cro", "Dana", T0, "1.2.3")
    assert (response.tool_version, response.complete, response.finished_at) == (
        "1.2.3",
        False,
        None,
    )
    assert answers.start(bank, "cro", "Dana", T0).tool_version == ""
    response = answers.record(bank, response, bank.question("clarity"), "4", seconds=2.0)
    response = answers.record(bank, response, bank.question("strategy"), " CRO ")
    assert response.seconds == {"clarity": 2.0}
    finished = answers.finish(bank, response, T1)
    assert list(finished.answers.items()) == [("strategy", "cro"), ("clarity", 4)]
    assert answers.first_unanswered(bank.questions, finished) == 1
    everything = respond(bank, "cro", {})
    assert answers.first_unanswered(bank.questions, everything) == len(bank.questions)


def test_decisions_made_on_another_bank_or_for_other_people_are_refused_in_one_line(bank: Bank):
    other = bank_with(bank, version="2")
    doc = parse_yaml(DECISIONS_FILE.format(hash=other.content_hash()), "decisions.yaml")
    saved = validate(Decisions, doc, "decisions file")
    with pytest.raises(InputError) as error:
        decisions.check_decisions(bank, saved, doc)
    assert one_line(error) == [
        f"decisions.yaml: these decisions were made on bank mini 1 ({other.content_hash()}), "
        f"not on mini 1 ({bank.content_hash()}); "
        "use the decisions file from the same round of responses"
    ]
    people = compared(bank, {}, {}).responses
    decisions.check_meeting(decisions.start(bank, people, T0), people, "decisions.yaml")
    with pytest.raises(InputError) as error:
        decisions.check_meeting(decisions.start(bank, people[:1], T0), people, "decisions.yaml")
    assert one_line(error) == [
        "decisions.yaml: these decisions were made for CRO, not for the responses given; "
        "use the decisions file from the meeting on these responses"
    ]
    with pytest.raises(InputError) as error:
        decisions.check_meeting(decisions.start(bank, [], T0), people, "decisions.yaml")
    assert "made for nobody named, not for" in one_line(error)[0]


def test_a_decision_without_a_note_has_an_empty_note(bank: Bank):
    doc = parse_yaml("strategy: {decision: cro}\nlists: {note: later}\n", "agreed.yaml")
    assert decisions.parse_input(bank, doc) == {
        "strategy": Decision(decision="cro", note=""),
        "lists": Decision(decision=None, note="later"),
    }


def test_where_one_org_stands_among_the_others(bank: Bank):
    orgs = [
        portfolio.OrgRounds("Acme", [("Q1", compared(bank, {}, {"strategy": "vp_sales"}))]),
        portfolio.OrgRounds("beta", [("Q1", compared(bank, {}, {}))]),
        portfolio.OrgRounds("Gamma", [("Q1", compared(bank, {"lists": "unclear"}, {}))]),
    ]
    result = portfolio.portfolio(orgs, focus="ACME", min_orgs=3)
    (mini,) = result.benchmarks
    assert mini.overall == [80, 100, 80] and mini.moved == [] and mini.n == 3
    assert result.standing == portfolio.Standing(
        name="Acme",
        bank="mini",
        orgs=3,
        overall=80,
        overall_percentile=33,  # none below, two equal (counted half): (0 + 1) / 3
        lanes={"Design": (67, 17), "Execution": (100, 67)},
    )
    hidden = portfolio.portfolio(orgs, focus="ACME", min_orgs=4).standing
    assert hidden is not None and hidden.overall == 80 and hidden.overall_percentile is None
    assert portfolio.portfolio(orgs, focus="nobody").standing is None
    assert portfolio.percentile(None, [1, 2]) is None
    assert portfolio.percentile(5, []) is None
    named = [o.name for o in portfolio.anonymised(orgs, keep="gamma")]
    assert named == ["Org 1", "Org 2", "Gamma"]


def test_answers_that_do_not_fit_the_bank_point_to_the_form(bank: Bank):
    with pytest.raises(InputError) as error:
        answers.parse_answers(bank, parse_yaml("- cro\n", "answers.yaml"))
    assert [p.fix for p in error.value.problems] == [Fix.SEE_FORM]
    doc = parse_yaml("nope: cro\n", "answers.yaml")
    with pytest.raises(InputError) as error:
        answers.parse_answers(bank, doc)
    unknown = error.value.problems[0]
    assert (str(unknown), unknown.fix) == (
        "answers.yaml:1:1: unknown question id 'nope' (bank mini 1)",
        Fix.SEE_FORM,
    )


def test_each_bank_is_benchmarked_on_its_own(bank: Bank):
    text_first = [bank.question("sentence"), *[q for q in bank.questions if q.id != "sentence"]]
    other = bank_with(bank, id="other", questions=text_first)

    def org(name: str, on: Bank) -> portfolio.OrgRounds:
        people = [
            respond(on, "cro", {}),
            respond(on, "vp_sales", {"strategy": "vp_sales"}),
        ]
        return portfolio.OrgRounds(name, [("Q1", compare(on, people))])

    result = portfolio.portfolio(
        [org("Acme", other), org("Beta", bank), org("Gamma", bank)], min_orgs=1
    )
    seen = [
        (b.bank, b.orgs, [(c.question_id, c.orgs, c.share) for c in b.common])
        for b in result.benchmarks
    ]
    assert seen == [
        ("mini", ["Beta", "Gamma"], [("strategy", 2, 1.0)]),
        ("other", ["Acme"], [("strategy", 1, 1.0)]),
    ]


def test_a_lane_s_certainty_counts_its_scored_questions(bank: Bank):
    result = compared(bank, {}, {"strategy": "vp_sales"})
    for lane in result.lanes:
        scored = [i for i in result.items if i.question.lane == lane.lane and i.question.scored]
        assert lane.certainty.items == len(scored) and not lane.certainty.enough
        assert lane.certainty.low is not None and lane.certainty.high is not None
        assert lane.certainty.low <= (lane.score or 0) <= lane.certainty.high
    assert result.certainty.items == sum(lane.certainty.items for lane in result.lanes)
