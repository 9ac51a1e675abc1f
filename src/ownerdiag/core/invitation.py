"""An invitation: one person's unguessable token for one round, and the seal it puts on the
response that answers it. Pure: the token is made by the caller.

The token itself lives in the engagement file and in that person's survey command and browser
form, nowhere else. A response carries the invitation's public id and a seal: an HMAC of who
answered and what, keyed by the token. Whoever never had the token cannot make a seal that
checks, so a response that passes was made with that person's form or command, for that round,
and not changed since. It does not prove who typed the answers, nor stop a person from editing
their own (the form holds their token).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

TOKEN_PATTERN = r"^[A-Za-z0-9_-]{22,86}$"
"""A token as stored: at least 22 URL-safe characters, 128 bits and more."""
TOKEN_BYTES = 18
"""144 random bits per invitation."""


def invitation_id(token: str) -> str:
    """The public name of an invitation: what a response carries, useless for sealing."""
    return hashlib.sha256(b"ownerdiag invitation\0" + token.encode("ascii")).hexdigest()[:16]


def storage_key(token: str) -> str:
    """What a browser form keys its saved progress by: one per invitation, and not the token
    (any local page can list the browser's storage)."""
    return hashlib.sha256(b"ownerdiag form\0" + token.encode("ascii")).hexdigest()[:32]


def sealed_text(
    stamp_id: str, role: str, name: str, bank_hash: str, answers: dict[str, Any]
) -> str:
    """What the seal covers, as one line of JSON the browser form writes byte for byte the same
    (``JSON.stringify`` of the same array, answers sorted by question id)."""
    content = [stamp_id, role, name, bank_hash, [[k, answers[k]] for k in sorted(answers)]]
    return json.dumps(content, ensure_ascii=False, separators=(",", ":"))


def seal(token: str, text: str) -> str:
    return hmac.new(token.encode("ascii"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def seal_matches(token: str, text: str, claimed: str) -> bool:
    return hmac.compare_digest(seal(token, text), claimed)
