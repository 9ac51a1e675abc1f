"""The reader's promises a user would notice, each against a mutant the fast suite let live
(issue 29): the line and column of every refusal, the wording of its one line, the limits exactly
at their edge, and the writer escaping hidden characters (and only then)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ownerdiag.errors import InputError
from ownerdiag.files.yamlio import (
    MAX_BYTES,
    MAX_DEPTH,
    dump_yaml,
    literal_tag,
    parse_yaml,
    parse_yaml_bytes,
    read_bounded,
    read_yaml,
)


def refusal(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse_yaml(text, "f.yaml")
    return str(info.value)


def refusal_of_file(path: Path, **kwargs: int) -> str:
    with pytest.raises(InputError) as info:
        read_yaml(path, **kwargs)
    return str(info.value)


# where each refusal points: line and column, both 1-based


def test_an_anchor_is_refused_at_its_value():
    assert refusal("id: x\nname: &n Ann\n") == (
        "f.yaml:2:7: YAML anchors and aliases (& and *) are not allowed; "
        "write the value out in full"
    )


def test_an_alias_is_refused_where_it_stands():
    assert refusal("a: 1\nb:\n  - *x\n").startswith("f.yaml:3:5: YAML anchors and aliases")


def test_a_foreign_tag_is_refused_with_its_name_line_and_column():
    assert refusal("a: 1\nb: !!python/object x\n") == (
        "f.yaml:2:4: YAML tag '!!python/object' is not allowed; "
        "remove the tag and write the plain value"
    )
    assert refusal("a: !<tag:yaml.org,2002:python/none> 1\n").startswith(
        "f.yaml:1:4: YAML tag '!!python/none' is not allowed"
    )
    assert refusal("a: !local 1\n").startswith("f.yaml:1:4: YAML tag '!local' is not allowed")


def test_core_tags_and_the_bare_tag_are_read():
    doc = parse_yaml("a: !!str 3\nb: !!int 4\nc: ! x\nd: !!float 2.5\ne: !!null ~\n")
    assert doc.data == {"a": "3", "b": 4, "c": "x", "d": 2.5, "e": None}
    for tag in ("bool", "map", "seq"):
        parse_yaml(f"a: !!{tag} {'true' if tag == 'bool' else '{}' if tag == 'map' else '[]'}\n")


def test_a_long_tag_is_shown_cut_to_sixty_characters():
    assert literal_tag("!" + "x" * 100) == repr("!" + "x" * 59)
    assert literal_tag("tag:yaml.org,2002:python/tuple") == "'!!python/tuple'"
    # only the prefix at the start is shortened, and only once
    assert literal_tag("!tag:yaml.org,2002:x") == "'!tag:yaml.org,2002:x'"
    assert literal_tag("tag:yaml.org,2002:tag:yaml.org,2002:x") == "'!!tag:yaml.org,2002:x'"


def test_nesting_too_deep_names_the_limit_and_where_it_was_crossed():
    text = "a:\n" + "  " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert refusal(text) == (
        f"f.yaml:2:{2 + MAX_DEPTH}: nested more than {MAX_DEPTH} levels deep; flatten the data"
    )


def test_nesting_exactly_at_the_limit_counts_the_outer_mapping():
    # the mapping is one level: the lists inside it may go MAX_DEPTH - 1 deep, not MAX_DEPTH
    parse_yaml("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")
    # closing a level lets a sibling open one again
    wide = "[" + ", ".join(["[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)] * 3) + "]"
    assert len(parse_yaml(wide).data) == 3


def test_a_syntax_error_is_one_line_with_where_it_was_opened():
    assert refusal("a:\n  b: [1,\n  2\nc: 3\n") == (
        "f.yaml:4:2: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'"
        " (opened on line 2)"
    )


def test_an_error_on_the_line_it_opened_does_not_repeat_the_line():
    message = refusal("a: b: c\n")
    assert message.startswith("f.yaml:1:5: invalid YAML: mapping values are not allowed")
    assert "opened on" not in message


@pytest.mark.parametrize(
    "text",
    ["a: 1\n b: 2\n", "a: b: c\n", "a:\n  - x\n y: 1\n"],
)
def test_layout_trouble_says_to_check_the_indentation(text: str):
    assert refusal(text).endswith(
        "; check the indentation of this line and the ones above it (on a paper form, every line "
        "of a written answer starts with two spaces, under the line ending in |2-)"
    )


def test_other_syntax_errors_carry_no_indentation_hint():
    message = refusal("a: 'x\n")
    assert message == (
        "f.yaml:2:1: invalid YAML: while scanning a quoted scalar found unexpected end of stream"
        " (opened on line 1)"
    )


def test_a_control_character_is_refused_with_libyaml_words():
    assert refusal("a: \x07\n") == (
        "f.yaml: invalid YAML: unacceptable character #x0007: control characters are not allowed"
        ' in "<unicode string>", position 3'
    )


def test_a_key_that_is_not_a_name_is_refused_where_it_stands():
    assert refusal("a: 1\n? [x]\n: 2\n") == "f.yaml:2:3: a key must be a plain name"


def test_a_duplicate_key_in_a_nested_mapping_points_at_the_second():
    assert refusal("a:\n  b: 1\n  c: 2\n  b: 3\n") == (
        "f.yaml:4:3: duplicate key 'b'; keep only one of them"
    )


def test_positions_of_items_and_values_are_one_based():
    doc = parse_yaml("x: 1\nlist:\n  - a\n  -   b\n")
    assert doc.locate(("list", 0)) == (3, 5)
    assert doc.locate(("list", 1)) == (4, 7)
    assert doc.locate(("x",)) == (1, 1)
    assert doc.locate(()) == (1, 1)


def test_a_key_keeps_the_position_of_the_key_not_its_value():
    doc = parse_yaml("\n\nname:\n    Ann\n")
    assert doc.locate(("name",)) == (3, 1)
    assert doc.locate(()) == (3, 1)


def test_locate_falls_back_to_the_nearest_known_parent_and_to_nothing():
    doc = parse_yaml("a:\n  b:\n    c: 1\n")
    assert doc.locate(("a", "b", "nope", "deeper")) == (2, 3)
    assert parse_yaml("").locate(("a",)) == (None, None)


# numbers: the digit limit exactly at its edge


def test_eighteen_digits_are_a_number_and_nineteen_are_refused_at_the_value():
    assert parse_yaml("n: 123456789012345678\n").data == {"n": 123456789012345678}
    assert parse_yaml("n: -123456789012345678\n").data == {"n": -123456789012345678}
    assert refusal("a: 1\nn:  1234567890123456789\n") == (
        "f.yaml:2:5: a number of 19 digits; numbers here have at most 18"
    )


def test_the_sign_does_not_count_as_a_digit_but_is_shown_in_the_length():
    assert parse_yaml("n: +123456789012345678\n").data == {"n": 123456789012345678}
    assert refusal("n: -1234567890123456789\n") == (
        "f.yaml:1:4: a number of 20 digits; numbers here have at most 18"
    )


def test_a_long_number_shows_its_length_with_thousands_separators():
    assert "a number of 1,200 digits" in refusal("n: " + "9" * 1200 + "\n")


def test_scalars_become_what_the_author_meant():
    doc = parse_yaml("a: ~\nb: null\nc: TRUE\nd: false\ne: .5\nf: +3\ng: '~'\nh: 1e3\ni: -2.\n")
    assert doc.data == {
        "a": None,
        "b": None,
        "c": True,
        "d": False,
        "e": 0.5,
        "f": 3,
        "g": "~",
        "h": "1e3",
        "i": -2.0,
    }
    assert parse_yaml("a: 1.5e+3\n").data == {"a": 1500.0}
    assert parse_yaml("a: |\n  3\n").data == {"a": "3\n"}


# bytes and files


def test_a_file_exactly_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: " + b"x" * 97)  # 100 bytes
    assert read_yaml(path, max_bytes=100).data == {"a": "x" * 97}
    assert read_bounded(path, 100) == path.read_bytes()
    path.write_bytes(b"a: " + b"x" * 98)
    assert refusal_of_file(path, max_bytes=100) == (
        f"{path}: file is 101 bytes, over the 100-byte limit; ownerdiag files are small text "
        "files; check that this is the right file"
    )


def test_the_size_named_is_the_whole_file_not_what_was_read(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_BYTES + 5000))
    assert f"file is {MAX_BYTES + 5003:,} bytes, over the {MAX_BYTES:,}-byte limit" in (
        refusal_of_file(path)
    )


def test_bytes_over_the_limit_are_refused_before_decoding():
    with pytest.raises(InputError) as info:
        parse_yaml_bytes(b"a: 1\n\xff", "f.yaml", max_bytes=5)
    assert str(info.value).startswith("f.yaml: file is 6 bytes, over the 5-byte limit")
    assert parse_yaml_bytes(b"a: 1\n", "f.yaml", max_bytes=5).data == {"a": 1}


def test_a_bad_byte_is_named_by_its_offset_with_the_fix():
    with pytest.raises(InputError) as info:
        parse_yaml_bytes(b"name: Ann\nrole: \xe9\n", "f.yaml")
    assert str(info.value) == (
        "f.yaml: not UTF-8 text (bad byte at offset 16); save the file as UTF-8"
    )


def test_a_byte_order_mark_is_not_part_of_the_first_key():
    assert parse_yaml_bytes("\ufeffname: Ann\n".encode(), "f.yaml").data == {"name": "Ann"}


def test_a_missing_file_says_to_check_the_path(tmp_path: Path):
    missing = tmp_path / "nope.yaml"
    assert refusal_of_file(missing) == f"{missing}: no such file; check the path"


def test_a_folder_is_refused_as_a_folder(tmp_path: Path):
    assert refusal_of_file(tmp_path) == f"{tmp_path}: is a directory, not a file"


def test_a_pipe_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert refusal_of_file(fifo) == (
        f"{fifo}: not a regular file (a device, pipe or socket); give a saved file"
    )


def test_a_read_that_fails_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n")

    class FailingDisk:
        def __init__(self, fd: int, mode: str) -> None:
            os.close(fd)

        def __enter__(self) -> FailingDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def read(self, size: int) -> bytes:
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdopen", FailingDisk)
    assert refusal_of_file(path) == f"{path}: cannot read: Input/output error"


def test_a_file_that_cannot_be_opened_says_why(tmp_path: Path):
    looped = tmp_path / "loop.yaml"
    looped.symlink_to(looped)
    assert refusal_of_file(looped) == f"{looped}: cannot read: Too many levels of symbolic links"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_says_why(tmp_path: Path):
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    assert refusal_of_file(path) == f"{path}: cannot read: Permission denied"


# writing: hidden characters escaped, everything else as written


def test_hidden_characters_are_written_as_escapes_in_double_quotes():
    text = dump_yaml({"name": "Ann\u200b", "role": "CEO\u202e"})
    assert text == 'name: "Ann\\u200B"\nrole: "CEO\\u202E"\n'
    assert "\u200b" not in text and "\u202e" not in text
    assert parse_yaml(text).data == {"name": "Ann\u200b", "role": "CEO\u202e"}


def test_visible_accents_are_written_as_they_are_and_keys_keep_their_order():
    assert dump_yaml({"z": "Élan café", "a": ["b", "c"], "m": {"k": 1}}) == (
        "z: Élan café\na:\n- b\n- c\nm:\n  k: 1\n"
    )


def test_long_text_is_wrapped_at_one_hundred_columns():
    text = dump_yaml({"k": "word " * 40})
    assert [len(line) for line in text.splitlines()] == [103, 103]
    assert parse_yaml(text).data == {"k": "word " * 40}
    # a line is broken at the first space past column 100, not 101
    assert [len(line) for line in dump_yaml({"k": "xxxxxx " * 15}).splitlines()] == [101, 10]
