"""The files a person fills in over time: responses and decisions. One reader, one writer."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from ownerdiag.core.models import Bank, Decisions, Response
from ownerdiag.files.schema import validate
from ownerdiag.files.yamlio import Document, dump_yaml, read_yaml

SavedFile = Response | Decisions


def load_response(path: Path) -> tuple[Response, Document]:
    doc = read_yaml(path)
    return validate(Response, doc, "response file"), doc


def load_decisions(
    path: Path, bank: Bank, responses: Sequence[Response] | None = None
) -> Decisions:
    """A decisions file, checked against the bank the responses answered and, given them,
    against the people who answered."""
    from ownerdiag.core.decisions import check_decisions, check_meeting

    doc = read_yaml(path)
    decisions = validate(Decisions, doc, "decisions file")
    check_decisions(bank, decisions, doc)
    if responses is not None:
        check_meeting(decisions, responses, str(path))
    return decisions


def to_yaml(saved: SavedFile) -> str:
    # the header is a comment, where YAML cannot escape anything: it names no free text
    bank = f"bank {saved.bank.id} {saved.bank.version}"
    if isinstance(saved, Response):
        header = f"# ownerdiag response: role {saved.respondent.role}, {bank}\n"
    else:
        header = f"# ownerdiag decisions: {bank}\n"
    data = saved.model_dump(mode="json")
    for stamp in ("form", "page"):  # only a page's file says which page saved it
        if data.get(stamp, "") is None:
            del data[stamp]
    return header + dump_yaml(data)


def slug(text: str) -> str:
    """A file-name-safe version of ``text``: it can never name another folder."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:60] or "anonymous"


def default_out(bank_id: str, role: str, name: str) -> Path:
    return Path("responses") / f"{slug(bank_id)}-{slug(role)}-{slug(name)}.yaml"
