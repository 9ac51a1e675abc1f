"""The question kinds' promises a user would notice, each against a mutant the fast suite let
live (issue 29): the verdict at each rule's edge, the words an answer is shown and hinted with,
what a typed or written answer is read as, and what the meeting is asked to decide."""

from __future__ import annotations

from typing import Any

import pytest

from ownerdiag.core.fields import AnswerError
from ownerdiag.core.kinds import KINDS, QuestionBase, register, unregister
from ownerdiag.core.kinds.base import choice_verdict, distinct, lower_first, match_choice
from ownerdiag.core.kinds.cadence import cadence_step, cadence_verdict
from ownerdiag.core.kinds.owner import owner_verdict, short_owner_label
from ownerdiag.core.kinds.scale import scale_verdict
from ownerdiag.core.kinds.spec import Option, PromptSpec
from ownerdiag.core.models import Bank
from ownerdiag.core.verdicts import Verdict

from .ranking_kind import RankingQuestion

BANK: dict[str, Any] = {
    "id": "kinds",
    "title": "Every kind",
    "version": "1",
    "roles": {"ceo": "Chief Executive Officer", "cro": "Chief Revenue Officer"},
    "parties": {"board": "Board", "revops": "Revenue Operations Team"},
    "short_labels": {"cro": "CRO"},
    "lanes": {"design": {"title": "Design"}},
    "questions": [
        {"id": "owns", "kind": "owner", "lane": "design", "prompt": "Who owns it?"},
        {
            "id": "review",
            "kind": "cadence",
            "lane": "design",
            "prompt": "How often?",
            "expected": "monthly",
        },
        {"id": "written", "kind": "yes_no", "lane": "design", "prompt": "Written down?"},
        {
            "id": "pressure",
            "kind": "scale",
            "lane": "design",
            "prompt": "How much pressure?",
            "low_label": "None at all",
            "high_label": "Constant",
        },
        {"id": "words", "kind": "text", "lane": "design", "prompt": "In your words?"},
        {
            "id": "motion",
            "kind": "choice",
            "lane": "design",
            "prompt": "Which motion?",
            "options": {"inbound": "Inbound first", "outbound": "Outbound first"},
        },
    ],
}


def bank(**changes: Any) -> Bank:
    return Bank.model_validate({**BANK, **changes})


def question(qid: str, **changes: Any) -> QuestionBase:
    data = next(q for q in BANK["questions"] if q["id"] == qid)
    questions = [{**data, **changes}]
    return bank(questions=questions).questions[0]


def refused(q: QuestionBase, raw: Any) -> str:
    with pytest.raises(AnswerError) as info:
        q.parse(raw, bank())
    return str(info.value)


def pairs(*answers: Any) -> list[tuple[str, Any]]:
    return [(f"r{i}", a) for i, a in enumerate(answers)]


# the registry


def test_every_kind_is_registered_under_its_name_in_report_order():
    assert list(KINDS) == ["owner", "cadence", "yes_no", "scale", "text", "choice"]
    assert [type(q).__name__ for q in bank().questions] == [
        "OwnerQuestion",
        "CadenceQuestion",
        "YesNoQuestion",
        "ScaleQuestion",
        "TextQuestion",
        "ChoiceQuestion",
    ]


def test_a_kind_registered_for_a_while_is_gone_after_and_unregistering_twice_is_harmless():
    register(RankingQuestion)
    try:
        assert KINDS["ranking"] is RankingQuestion
    finally:
        unregister(RankingQuestion)
    unregister(RankingQuestion)
    assert "ranking" not in KINDS


# verdicts at each rule's edge


def test_one_owner_answer_is_judged_against_expected():
    assert owner_verdict(pairs("cro"), "cro") is Verdict.aligned
    assert owner_verdict(pairs("ceo"), "cro") is Verdict.drift
    assert owner_verdict(pairs("board", "board"), "cro") is Verdict.drift


def test_scale_ratings_exactly_threshold_apart_agree_and_one_more_is_a_mismatch():
    assert scale_verdict(pairs(2, 3), None, 1, None) is Verdict.aligned
    assert scale_verdict(pairs(2, 4), None, 1, None) is Verdict.mismatch
    assert scale_verdict(pairs(1, 3), None, 2, None) is Verdict.aligned
    assert scale_verdict(pairs(5, 5), None, 0, None) is Verdict.aligned
    assert scale_verdict(pairs(4, 5), None, 0, None) is Verdict.mismatch


def test_scale_drift_without_a_side_is_every_rating_more_than_threshold_from_expected():
    assert scale_verdict(pairs(4, 4), 2, 1, None) is Verdict.drift
    assert scale_verdict(pairs(3, 3), 2, 1, None) is Verdict.aligned
    assert scale_verdict(pairs(1, 1), 2, 1, None) is Verdict.aligned
    # one rating within reach of expected is enough
    assert scale_verdict(pairs(3, 4), 2, 1, None) is Verdict.aligned


def test_scale_drift_with_a_better_side_is_any_miss_on_the_wrong_side():
    assert scale_verdict(pairs(2, 3), 2, 1, "lower") is Verdict.aligned
    assert scale_verdict(pairs(3, 3), 2, 1, "lower") is Verdict.drift
    assert scale_verdict(pairs(1, 1), 2, 1, "lower") is Verdict.aligned
    assert scale_verdict(pairs(4, 3), 4, 1, "higher") is Verdict.aligned
    assert scale_verdict(pairs(3, 3), 4, 1, "higher") is Verdict.drift
    assert scale_verdict(pairs(5, 5), 4, 1, "higher") is Verdict.aligned


def test_a_scale_question_uses_its_own_threshold_and_side():
    q = question("pressure", expected=2, threshold=2, better="lower")
    assert q.verdict(pairs(3, 4)) is Verdict.drift
    assert q.verdict(pairs(1, 3)) is Verdict.aligned
    assert q.verdict(pairs(1, 4)) is Verdict.mismatch
    assert question("pressure").verdict(pairs(1, 5)) is Verdict.mismatch


def test_a_slower_agreed_cadence_is_drift_and_a_faster_or_equal_one_is_fine():
    assert [cadence_step(c) for c in ("weekly", "monthly", "never")] == [0, 1, 5]
    assert cadence_verdict(pairs("monthly", "monthly"), "monthly") is Verdict.aligned
    assert cadence_verdict(pairs("weekly", "weekly"), "monthly") is Verdict.aligned
    assert cadence_verdict(pairs("quarterly", "quarterly"), "monthly") is Verdict.drift
    assert cadence_verdict(pairs("never"), None) is Verdict.aligned
    assert cadence_verdict(pairs("weekly", "monthly"), "weekly") is Verdict.mismatch
    assert question("review").verdict(pairs("yearly", "yearly")) is Verdict.drift


def test_choice_answers_that_differ_are_a_mismatch_and_agreeing_elsewhere_is_drift():
    assert choice_verdict(pairs("yes", "yes"), "yes") is Verdict.aligned
    assert choice_verdict(pairs("no", "no"), "yes") is Verdict.drift
    assert choice_verdict(pairs("no", "no"), None) is Verdict.aligned
    assert choice_verdict(pairs("yes", "no", "yes"), None) is Verdict.mismatch
    assert choice_verdict(pairs(["a", "b"], ["a", "b"]), ["a", "b"]) is Verdict.aligned
    assert distinct([["a"], ["a"], ["b"], ["a"]]) == [["a"], ["b"]]


# reading answers as people write them


def test_an_answer_matches_by_id_by_spelled_id_by_label_and_by_alias():
    q = question("review")
    b = bank()
    assert q.parse("monthly", b) == "monthly"
    assert q.parse("  Ad Hoc ", b) == "ad_hoc"
    assert q.parse("ad-hoc", b) == "ad_hoc"
    assert q.parse("yearly, once per planning cycle", b) == "yearly"
    assert q.parse("MONTHLY", b) == "monthly"


def test_an_id_wins_over_a_label_and_the_first_label_over_later_ones():
    choices = [
        *question("motion", options={"a": "b", "b": "Same", "c": "same"}).choices(bank()),
    ]
    assert match_choice("b", choices, {}) == "b"
    assert match_choice("SAME", choices, {}) == "b"
    assert match_choice("x", choices, {"x": "c", "y": "nope"}) == "c"


def test_an_alias_for_no_valid_choice_is_not_an_answer():
    choices = question("motion").choices(bank())
    with pytest.raises(AnswerError, match="'y' is not a valid answer"):
        match_choice("y", choices, {"y": "gone"})


def test_a_refused_answer_lists_every_valid_id():
    assert refused(question("motion"), "sideways") == (
        "'sideways' is not a valid answer; choose one of: inbound, outbound"
    )
    assert refused(question("motion"), None) == (
        "nothing is not a valid answer; choose one of: inbound, outbound"
    )
    assert refused(question("review"), 3).startswith("3 is not a valid answer; choose one of: ")


def test_yes_and_no_are_read_from_booleans_and_everyday_words():
    q, b = question("written"), bank()
    assert [q.parse(raw, b) for raw in (True, False, "Y", "n", "TRUE", "false", " Yes ")] == [
        "yes",
        "no",
        "yes",
        "no",
        "yes",
        "no",
        "yes",
    ]
    assert refused(q, "maybe") == "'maybe' is not a valid answer; choose one of: yes, no"


@pytest.mark.parametrize(("raw", "stored"), [(3, 3), ("3", 3), (" 5 ", 5), (1, 1), ("01", 1)])
def test_a_rating_is_read_from_a_whole_number_from_one_to_five(raw: Any, stored: int):
    assert question("pressure").parse(raw, bank()) == stored


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (0, "0"),
        (6, "6"),
        (" 6", "6"),
        ("10", "10"),
        ("³", "'³'"),
        (True, "True"),
        (2.5, "2.5"),
        ("three", "'three'"),
        (None, "None"),
        ("123", "'123'"),
    ],
)
def test_anything_else_is_not_a_rating(raw: Any, shown: str):
    assert refused(question("pressure"), raw) == (
        f"{shown} is not a valid answer; give a whole number from 1 to 5"
    )


def test_written_words_are_kept_without_the_spaces_around_them():
    q = question("words")
    assert q.parse("  We meet on Mondays.\n", bank()) == "We meet on Mondays."
    assert q.parse(42, bank()) == "42"
    for raw in ("", "   ", None, True, ["a"], {"a": 1}):
        assert refused(q, raw) == "needs a written answer (a sentence of text)"


# the words an answer is shown and hinted with


def test_a_rating_is_shown_with_the_meaning_of_its_end():
    q, b = question("pressure"), bank()
    assert [q.label(n, b) for n in (1, 3, 5)] == [
        "1 of 5: None at all",
        "3 of 5",
        "5 of 5: Constant",
    ]
    assert q.label(None, b) == "—"
    assert q.label(7, b) == "7"
    assert question("pressure", high_label="").label(5, b) == "5 of 5"


def test_a_scale_prompt_offers_five_points_starting_in_the_middle():
    spec = question("pressure").prompt_spec(bank())
    assert spec.widget == "scale" and spec.neutral == 3
    assert [(o.value, o.title) for o in spec.options] == [
        (1, "1 — None at all"),
        (2, "2"),
        (3, "3"),
        (4, "4"),
        (5, "5 — Constant"),
    ]


def test_each_kind_hints_what_a_valid_answer_looks_like():
    b = bank()
    hints = {q.id: (q.answer_hint(b), q.form_hint(b)) for q in b.questions}
    assert hints["pressure"] == (
        "answer with a whole number from 1 to 5",
        "answer: a number from 1 to 5 (1 = None at all, 5 = Constant)",
    )
    assert question("pressure", low_label="", high_label="").form_hint(b) == (
        "answer: a number from 1 to 5"
    )
    assert hints["words"] == (
        "write a sentence",
        "answer: in your own words, on the indented line below (more lines are fine)",
    )
    assert hints["written"] == ("valid answers: yes, no", "answer one of: yes (Yes) | no (No)")
    assert (
        hints["motion"][1] == "answer one of: inbound (Inbound first) | outbound (Outbound first)"
    )


def test_choice_and_yes_no_answers_are_shown_by_their_label():
    b = bank()
    assert question("motion").label("outbound", b) == "Outbound first"
    assert question("motion").label("gone", b) == "gone"
    assert question("written").label("yes", b) == "Yes"
    assert question("review").short_text("ad_hoc", b) == "Ad hoc, when something breaks"
    assert question("review").charter_text("weekly", b) == "Weekly"
    assert question("motion").label(["outbound", "inbound"], b) == (
        "Outbound first › Inbound first"
    )
    assert question("motion").label([], b) == "—"


def test_owner_answers_are_shown_by_label_short_label_or_initials():
    b = bank()
    q = question("owns")
    assert q.label("ceo", b) == "Chief Executive Officer"
    assert q.label(None, b) == "—"
    assert q.short_text(None, b) == "—"
    assert [short_owner_label(b, o) for o in ("cro", "joint", "unclear", "board", "ceo")] == [
        "CRO",
        "Joint",
        "Unclear",
        "Board",
        "CEO",
    ]
    assert short_owner_label(b, "revops") == "ROT"
    assert short_owner_label(b, "board", width=4) == "Board"
    assert short_owner_label(b, "revops", width=23) == "Revenue Operations Team"
    three = bank(roles={"ceo": "CEO", "cro": "CRO", "cmo": "CMO"})
    assert q.charter_text("joint", three) == "CEO, CRO and CMO, jointly"
    two_capitals = bank(parties={"revops": "Revenue Operations"})
    assert short_owner_label(two_capitals, "revops") == "RO"
    assert (
        q.charter_text("joint", b) == "Chief Executive Officer and Chief Revenue Officer, jointly"
    )


def test_the_yes_no_prompt_uses_y_and_n_and_starts_on_no():
    spec = question("written").prompt_spec(bank())
    assert spec.keys == ("y", "n") and spec.shortcut_keys() == ["y", "n"]
    assert spec.neutral == "no"
    assert question("review").prompt_spec(bank()).neutral == "ad_hoc"
    assert question("words").prompt_spec(bank()).neutral == ""
    assert question("owns").prompt_spec(bank()).neutral == "unclear"


# what the meeting is asked to decide


def test_the_open_item_is_worded_as_a_thing_to_decide():
    assert question("review", topic="The joint review").to_decide() == (
        "Decide how often: the joint review."
    )
    assert question("review").to_decide() == "Agree an answer to: How often?"
    assert question("owns", topic="ICP definition").to_decide() == "Decide who owns ICP definition."
    assert question("owns").to_decide() == "Agree an answer to: Who owns it?"
    assert question("motion", topic="SDR coaching").to_decide() == (
        "Agree and write down: SDR coaching."
    )
    assert question("motion", topic="Which motion leads").to_decide() == (
        "Agree and write down: which motion leads."
    )
    assert question("motion").to_decide() == "Agree an answer to: Which motion?"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("The review", "the review"),
        ("ICP fit", "ICP fit"),
        ("SDRs", "SDRs"),
        ("VPs of sales", "VPs of sales"),
        ("Q3 pipeline review", "Q3 pipeline review"),
        ("Agenda", "agenda"),
    ],
)
def test_lower_first_keeps_acronyms(text: str, shown: str):
    assert lower_first(text) == shown


def test_the_meeting_starts_from_the_framework_only_where_it_judges_ownership():
    assert question("owns", expected="cro").suggested_decision() == "cro"
    assert question("review", expected="weekly").suggested_decision() is None
    assert question("written", expected="yes").suggested_decision() is None


def test_a_decision_cannot_be_i_cannot_say():
    b = bank()
    spec = question("owns").decision_spec(b)
    assert [o.value for o in spec.options] == ["ceo", "cro", "board", "revops", "joint"]
    assert [c.id for c in question("owns").decision_choices(b)][-1] == "joint"
    yes_no = question("written").decision_spec(b)
    assert yes_no.keys == ("y", "n")
    assert question("words").decision_spec(b).widget == "text"


def test_each_kind_says_what_its_answers_are():
    flags = {
        name: (cls.scored, cls.decidable, cls.names_owners, cls.answers_are_cadences, cls.quoted)
        for name, cls in KINDS.items()
    }
    assert flags == {
        "owner": (True, True, True, False, False),
        "cadence": (True, True, False, True, False),
        "yes_no": (True, True, False, False, False),
        "scale": (True, False, False, False, False),
        "text": (False, False, False, False, True),
        "choice": (True, True, False, False, False),
    }
    assert {name: cls.report_group for name, cls in KINDS.items()} == {
        "owner": "",
        "cadence": "Rhythms and written agreements",
        "yes_no": "Rhythms and written agreements",
        "scale": "Warning signs (1-5)",
        "text": "In their own words",
        "choice": "Rhythms and written agreements",
    }


def test_what_expected_may_name():
    b = bank()
    assert question("motion").expected_choices(b) == ["inbound", "outbound"]
    assert question("owns").expected_choices(b) == ["ceo", "cro", "board", "revops", "joint"]
    assert question("review").expected_choices(b) is None


# typed answers


def test_a_typed_number_stands_for_its_option_and_words_for_themselves():
    spec = PromptSpec("select", (Option("a", "A"), Option("b", "B"), Option("c", "C")))
    assert [spec.from_typed(t) for t in (" 1 ", "3", "0", "4", "b")] == ["a", "c", "0", "4", "b"]
    assert question("review").parse_typed("2", bank()) == "monthly"
    assert question("owns").parse_typed("2", bank()) == "cro"
    assert question("review").prompt_spec(bank()).widget == "select"
    assert question("words").parse_typed("  3 ", bank()) == "3"


def test_a_list_answer_is_shown_by_its_titles_and_an_unknown_value_as_written():
    spec = PromptSpec("ordered", (Option("a", "A"), Option("c", "C")))
    assert spec.list_title(["c", "gone", "a"]) == "C › gone › A"


def test_a_typed_list_is_split_on_commas_or_spaces():
    spec = PromptSpec("ordered", (Option("a", "A"), Option("b", "B"), Option("c", "C")))
    assert spec.from_typed("3 1 2") == ["c", "a", "b"]
    assert spec.from_typed("3, 1 ,, b") == ["c", "a", "b"]
    assert spec.from_typed("2 › 1; c > a") == ["b", "a", "c", "a"]


def test_how_to_type_names_the_count_and_an_example():
    options = tuple(Option(n, str(n)) for n in range(3))
    assert PromptSpec("ordered", options).how_to_type() == (
        "the numbers of all 3 answers in your order, first first, like 3 2 1"
    )
    assert PromptSpec("select", options).how_to_type() == (
        "a number from 1 to 3 or the words of an answer"
    )
    assert PromptSpec("multi_select", options).how_to_type() == (
        "the numbers of every answer that applies, separated by spaces"
    )
    assert PromptSpec("text").how_to_type() == "some words"


def test_narrowing_a_prompt_keeps_each_option_with_its_own_key():
    spec = PromptSpec("select", (Option("y", "Yes"), Option("n", "No")), keys=("y", "n"))
    assert spec.only(["n"]) == PromptSpec("select", (Option("n", "No"),), keys=("n",))
    numbered = PromptSpec("select", (Option("a", "A"), Option("b", "B")))
    assert numbered.only(["b"]).keys is None
    assert numbered.only(["b"]).shortcut_keys() == ["1"]
    assert PromptSpec("multi_select").many and not PromptSpec("scale").many


def test_a_topic_starting_with_a_one_letter_word_reads_in_lower_case():
    from ownerdiag.core.kinds.base import lower_first

    assert lower_first("A plan for Q3") == "a plan for Q3"
    assert lower_first("ICP definition") == "ICP definition"
    assert lower_first("I statements") == "I statements"
