"""What the one-file browser survey carries: the questions as the survey asks them, for one role.

The page embeds this payload as text and hashes that text; a response saved by the page names the
hash, and reading the response recomputes it from the bank. A page whose questions were edited
therefore cannot pass its answers off as answers to the bank. Pure: a bank and a role in, data
and text out. Every text a bank author wrote goes through the one escaping rule, so a hidden
character shows as ``\\uXXXX`` on the page as it does in the terminal.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ownerdiag.core import quality
from ownerdiag.core.fields import UNCLEAR
from ownerdiag.core.kinds.spec import JOINER, PromptSpec
from ownerdiag.core.models import Bank
from ownerdiag.core.text import literal, script_json

FORMAT = "ownerdiag-form/1"


def payload(bank: Bank, role: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "bank": {
            "id": bank.id,
            "version": literal(bank.version),
            "hash": bank.content_hash(),
            "title": literal(bank.title),
            "description": literal(bank.description),
        },
        "role": role,
        "role_label": literal(bank.roles[role]),
        "shuffle": bank.order == "shuffle",
        "questions": [
            {
                "id": q.id,
                "section": literal(q.section or ""),
                "prompt": literal(q.prompt),
                "help": literal(q.help),
                **widget(q.prompt_spec(bank)),
                "owner": q.names_owners,
            }
            for q in bank.questions
        ],
        "quality": {
            "straight_lining": quality.STRAIGHT_LINE_SHARE,
            "cannot_say": quality.CANNOT_SAY_SHARE,
            "speeding_seconds": quality.SPEEDING_SECONDS,
            "min_answers": quality.MIN_ANSWERS,
            "unclear": UNCLEAR,
            "wording": quality.WORDING,
        },
    }


def widget(spec: PromptSpec) -> dict[str, Any]:
    """What the page needs to draw a question's widget."""
    return {
        "widget": spec.widget,
        "options": [[o.value, literal(o.title)] for o in spec.options],
        "keys": spec.shortcut_keys(),
        "neutral": spec.neutral,
        "joiner": JOINER,
    }


def payload_text(bank: Bank, role: str) -> str:
    """The payload as the page embeds it, byte for byte."""
    return script_json(payload(bank, role))


def form_hash(bank: Bank, role: str) -> str:
    return "sha256:" + hashlib.sha256(payload_text(bank, role).encode()).hexdigest()
