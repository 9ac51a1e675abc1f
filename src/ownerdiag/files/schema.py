"""Validate parsed YAML against a model and report problems at the line they stand on."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ownerdiag.core.models import LocatedProblems
from ownerdiag.errors import InputError, Problem
from ownerdiag.files.yamlio import Document, Path_

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], doc: Document, what: str) -> M:
    """Build ``model`` from ``doc``, or raise :class:`InputError` with one problem per line.

    Files ownerdiag writes carry a ``format`` stamp: a file of another kind gets one clear
    line instead of a list of missing fields.
    """
    if not isinstance(doc.data, dict):
        raise InputError.single(
            f"expected a {what} (a YAML mapping of keys to values), found {_kind_of(doc.data)}",
            doc.source,
            line=1,
        )
    stamp = model.model_fields.get("format")
    if stamp is not None and doc.data.get("format") != stamp.default:
        raise InputError.single(
            f"not an ownerdiag {what} (it has no 'format: {stamp.default}' line)",
            doc.source,
            "check that this is the right file",
            line=1,
        )
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, doc)) from None


def problems_from(exc: ValidationError, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, LocatedProblems):
            problems.extend(_at(doc, path, message) for path, message in cause.problems)
            continue
        path = data_path(doc.data, error["loc"])
        missing = error["type"] == "missing"
        field = str(error["loc"][-1]) if error["loc"] else ""
        message = f"missing {field!r}" if missing else _message(dict(error))
        problems.append(_at(doc, path, f"{describe(doc.data, path)}: {message}"))
    return problems


def data_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Keep the parts of a pydantic location that exist in the data (drop union tags)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
        else:
            continue
        path.append(part)
    return tuple(path)


def describe(data: Any, path: Path_) -> str:
    """A readable name for a place in the data; list items with an ``id`` go by it."""
    words: list[str] = []
    node = data
    for part in path:
        node = node[part]
        item_id = node.get("id") if isinstance(node, dict) else None
        if isinstance(part, int):
            words.append(repr(item_id) if isinstance(item_id, str) else f"#{part + 1}")
        else:
            words.append(str(part))
    return " › ".join(words) or "top level"


def _at(doc: Document, path: Path_, message: str) -> Problem:
    line, column = doc.locate(path)
    return Problem(message, doc.source, line, column)


def _message(error: dict[str, Any]) -> str:
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return "unknown key (check the spelling)"
    if error["type"] == "union_tag_invalid":
        ctx = error["ctx"]
        return f"unknown kind {ctx['tag']!r}; use one of: {ctx['expected_tags']}"
    if error["type"] == "union_tag_not_found":
        return "missing 'kind'"
    if error["type"] == "string_pattern_mismatch":
        return _pattern_message(error["input"], error.get("ctx", {}).get("pattern", ""))
    return message


def _pattern_message(value: Any, pattern: str) -> str:
    from ownerdiag.core.invitation import TOKEN_PATTERN

    if pattern == TOKEN_PATTERN:
        return (
            f"{value!r} is not an invitation token: keep the one ownerdiag wrote, or delete it "
            "and run ownerdiag invite"
        )
    if pattern.startswith("^[0-9a-f]"):
        return f"{value!r} is not what ownerdiag writes here: the file was changed by hand"
    return f"{value!r} is not a valid id: use lower_snake_case"


def _kind_of(value: Any) -> str:
    if value is None:
        return "an empty file"
    names: dict[type, str] = {list: "a list", str: "plain text"}
    return names.get(type(value), type(value).__name__)
