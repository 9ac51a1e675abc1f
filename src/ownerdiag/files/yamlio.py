"""The one YAML reader for every file ownerdiag reads: banks, responses, answers, decisions.

PyYAML alone is not safe enough for files people e-mail around, so this module:

* refuses files over ``MAX_BYTES`` before parsing;
* walks the event stream first and refuses nesting deeper than ``MAX_DEPTH`` (the C loader
  segfaults on tens of thousands of ``[``) and any anchor or alias ("billion laughs");
* builds plain Python data from the node tree itself, so duplicate keys are errors,
  ``yes``/``no``/``on``/``off`` stay the words the author wrote (YAML 1.1 would make them
  booleans), and only plain decimal numbers become numbers;
* remembers where every key and item stands, so a schema error can name its line.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ownerdiag.core.text import has_hidden
from ownerdiag.errors import InputError, Path_

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_DIGITS = 18
CORE_TAGS = ("str", "int", "float", "bool", "null", "map", "seq")
"""Explicit tags allowed (``!!str`` and friends); any other would be dropped or misread."""


_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?")
_TAG = "tag:yaml.org,2002:"


@dataclass
class Document:
    """Parsed data plus where each part of it stood in the source text."""

    data: Any
    source: str
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the deepest known part of ``path``."""
        for end in range(len(path), -1, -1):
            where = self.positions.get(tuple(path[:end]))
            if where:
                return where
        return None, None


def read_yaml(path: Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse one YAML (or JSON) file, or raise :class:`InputError`."""
    return parse_yaml_bytes(read_bounded(path, max_bytes), str(path), max_bytes=max_bytes)


def read_bounded(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; never more is read.

    Devices, pipes and sockets are refused before a byte is read (a FIFO would block and
    ``/dev/zero`` never ends); opening does not block, so a FIFO cannot hang the command.
    """
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise InputError.single("is a directory, not a file", source) from None
    except FileNotFoundError:
        raise InputError.single("no such file", source, "check the path") from None
    except OSError as exc:
        raise InputError.single(f"cannot read: {exc.strerror or exc}", source) from None
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        if stat.S_ISDIR(kind):
            raise InputError.single("is a directory, not a file", source)
        raise InputError.single(
            "not a regular file (a device, pipe or socket)", source, "give a saved file"
        )
    with os.fdopen(fd, "rb") as handle:
        try:
            raw = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError.single(f"cannot read: {exc.strerror or exc}", source) from None
    if len(raw) > max_bytes:
        raise _too_big(source, os.stat(path).st_size, max_bytes)
    return raw


def parse_yaml_bytes(raw: bytes, source: str, *, max_bytes: int = MAX_BYTES) -> Document:
    if len(raw) > max_bytes:
        raise _too_big(source, len(raw), max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(
            f"not UTF-8 text (bad byte at offset {exc.start})", source, "save the file as UTF-8"
        ) from None
    return parse_yaml(text, source)


def parse_yaml(text: str, source: str = "<input>") -> Document:
    try:
        _check_events(text, source)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, source) from None
    doc = Document(None, source)
    if node is not None:
        doc.data = _build(node, (), doc)
    return doc


def dump_yaml(data: Any) -> str:
    """YAML text for ``data``; hidden characters (bidi, zero-width, controls) are written as
    escapes inside double quotes, never raw."""
    text = _dump(data, allow_unicode=True)
    return _dump(data, allow_unicode=False) if has_hidden(text) else text


def _dump(data: Any, *, allow_unicode: bool) -> str:
    return yaml.dump(
        data,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        sort_keys=False,
        allow_unicode=allow_unicode,
        default_flow_style=False,
        width=100,
    )


def _too_big(source: str, size: int, limit: int) -> InputError:
    return InputError.single(
        f"file is {size:,} bytes, over the {limit:,}-byte limit",
        source,
        "ownerdiag files are small text files; check that this is the right file",
    )


def _check_events(text: str, source: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        where: dict[str, Any] = {"line": mark.line + 1, "column": mark.column + 1} if mark else {}
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise InputError.single(
                "YAML anchors and aliases (& and *) are not allowed",
                source,
                "write the value out in full",
                **where,
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag.removeprefix(_TAG) not in CORE_TAGS:
            raise InputError.single(
                f"YAML tag {literal_tag(tag)} is not allowed",
                source,
                "remove the tag and write the plain value",
                **where,
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError.single(
                    f"nested more than {MAX_DEPTH} levels deep", source, "flatten the data", **where
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def literal_tag(tag: str) -> str:
    shown = tag.replace(_TAG, "!!", 1) if tag.startswith(_TAG) else tag
    return repr(shown[:60])


def _yaml_problem(exc: yaml.YAMLError, source: str) -> InputError:
    mark = getattr(exc, "problem_mark", None)
    if isinstance(exc, yaml.MarkedYAMLError):
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p)
    else:
        message = str(exc)
    message = " ".join(message.split()) or "invalid YAML"
    opened = getattr(exc, "context_mark", None)
    if opened and mark and opened.line != mark.line:
        message += f" (opened on line {opened.line + 1})"
    where: dict[str, Any] = {"line": mark.line + 1, "column": mark.column + 1} if mark else {}
    hint = LAYOUT_HINT if any(words in message for words in LAYOUT_TROUBLE) else ""
    return InputError.single(f"invalid YAML: {message}", source, hint, **where)


LAYOUT_TROUBLE = (
    "expected key",
    "expected ':'",
    "mapping values are not allowed",
    "expected <block end>",
)
LAYOUT_HINT = (
    "check the indentation of this line and the ones above it (on a paper form, every line "
    "of a written answer starts with two spaces, under the line ending in |2-)"
)


def _build(node: yaml.Node, path: Path_, doc: Document) -> Any:
    doc.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, doc)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)  # the only other kind a safe loader builds
    return _scalar(node, doc)


def _build_mapping(node: yaml.MappingNode, path: Path_, doc: Document) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise InputError.single(
                "a key must be a plain name", doc.source, line=line, column=column
            )
        key = key_node.value
        if key in result:
            raise InputError.single(
                f"duplicate key {key!r}",
                doc.source,
                "keep only one of them",
                line=line,
                column=column,
            )
        doc.positions[(*path, key)] = (line, column)
        result[key] = _build(value_node, (*path, key), doc)
    return result


def _scalar(node: yaml.ScalarNode, doc: Document) -> Any:
    value: str = node.value
    if node.style:  # quoted or block scalar: always the text as written
        return value
    tag = node.tag.removeprefix(_TAG)
    if tag == "null":
        return None
    if tag == "bool" and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if tag == "int" and _INT.fullmatch(value):
        if len(value.lstrip("+-")) > MAX_DIGITS:
            raise InputError.single(
                f"a number of {len(value):,} digits; numbers here have at most {MAX_DIGITS}",
                doc.source,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
            )
        return int(value)
    if tag == "float" and _FLOAT.fullmatch(value):
        return float(value)
    return value
