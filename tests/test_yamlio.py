from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ownerdiag.errors import InputError
from ownerdiag.files.yamlio import MAX_DEPTH, parse_yaml, parse_yaml_bytes, read_yaml


def problem(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse_yaml(text, "f.yaml")
    return str(info.value)


def test_syntax_error_names_file_line_and_column():
    assert problem("id: x\ntitle: [oops\n").startswith("f.yaml:3:1: invalid YAML")


def test_duplicate_keys_are_errors_at_the_second_key():
    assert problem("a: 1\nb: 2\na: 3\n").startswith("f.yaml:3:1: duplicate key 'a'")


def test_aliases_and_anchors_are_refused():
    laughs = 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: [*b,*b]\n'
    assert "anchors and aliases" in problem(laughs)


def assert_one_line_refusal(message: str) -> None:
    """The promise, whoever words it (ownerdiag or libyaml): one line that names the file."""
    assert message.startswith("f.yaml:") and "\n" not in message, message


@pytest.mark.parametrize("opener", ["[", "{a: "])
@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 1_000, 100_000])
def test_deep_nesting_is_refused_in_one_line_without_crashing(opener: str, levels: int):
    # libyaml's composer recurses on the C stack; 100k levels used to kill the process. Some
    # libyaml releases refuse deep flow nesting themselves, in their own words: either way the
    # file is refused in one line.
    closer = "]" if opener == "[" else "}"
    assert_one_line_refusal(problem(opener * levels + "x" + closer * levels))


def test_nesting_up_to_the_limit_is_read():
    doc = parse_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH, "f.yaml")
    depth, value = 0, doc.data
    while isinstance(value, list) and value:
        depth, value = depth + 1, value[0]
    assert depth == MAX_DEPTH - 1 and value == []


def test_yaml_11_booleans_stay_the_words_written():
    doc = parse_yaml("a: yes\nb: No\nc: on\nd: off\ne: true\nf: False\nyes: 1\n")
    assert doc.data == {
        "a": "yes",
        "b": "No",
        "c": "on",
        "d": "off",
        "e": True,
        "f": False,
        "yes": 1,
    }


def test_only_plain_decimal_numbers_become_numbers():
    doc = parse_yaml("a: 3\nb: 1:30\nc: 0x1F\nd: 2.5\ne: '4'\nf: 2024-01-01\ng: .inf\n")
    assert doc.data == {
        "a": 3,
        "b": "1:30",
        "c": "0x1F",
        "d": 2.5,
        "e": "4",
        "f": "2024-01-01",
        "g": ".inf",
    }


def test_positions_point_at_keys_and_items():
    doc = parse_yaml("a:\n  - x\n  - y: 1\n")
    assert doc.locate(("a",)) == (1, 1)
    assert doc.locate(("a", 1, "y")) == (3, 5)
    assert doc.locate(("a", 1, "missing")) == (3, 5)


def test_oversized_file_is_refused_before_parsing(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * 2_000_000)
    with pytest.raises(InputError, match="over the 1,048,576-byte limit"):
        read_yaml(big)


def test_not_utf8_is_a_clear_error():
    with pytest.raises(InputError, match="not UTF-8"):
        parse_yaml_bytes(b"a: \xff\xfe\n", "f.yaml")


def test_missing_file_and_directory(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_yaml(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is a directory"):
        read_yaml(tmp_path)


def test_multiple_documents_are_an_error():
    assert "invalid YAML" in problem("a: 1\n---\nb: 2\n")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_parse_or_raise_input_error(raw: bytes):
    try:
        parse_yaml_bytes(raw, "fuzz.yaml")
    except InputError as exc:
        assert str(exc).startswith("fuzz.yaml")
        assert "\n" not in str(exc)


YAMLISH = st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#,? \n\t1yesno%@`")), max_size=120)


@settings(max_examples=400, deadline=None)
@given(YAMLISH)
def test_yaml_like_garbage_parses_or_raises_input_error(text: str):
    try:
        parse_yaml(text, "fuzz.yaml")
    except InputError as exc:
        assert str(exc).startswith("fuzz.yaml")
