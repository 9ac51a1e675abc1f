"""The one escaping rule for text that came from a file, wherever it is shown.

Control characters (C0, DEL, C1), bidi and other format controls, line and paragraph
separators, invisible fillers, noncharacters and lone surrogates are shown as ``\\uXXXX``
instead of being obeyed (or breaking a workbook's XML, or the output's encoding): a name or an
answer cannot move the cursor, clear the screen, write the clipboard, reorder a line or hide.
"""

from __future__ import annotations

import re
from typing import Any

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)
)
"""Code points Unicode keeps out of text: no XML (a workbook's sheets) may hold them."""
_HIDDEN_RANGES = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab and line feed), DEL, C1
    "\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"  # soft hyphen, marks
    "\u115f\u1160\u17b4\u17b5\u180b-\u180f"  # fillers, invisible vowels, selectors
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f"  # zero-width, separators, bidi, invisible ops
    "\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"  # blank braille, fillers, BOM
    "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"  # noncharacters, lone surrogates
    "\U000e0000-\U000e0fff"  # tags and variation selectors supplement
    "\ud800-\udfff"  # lone surrogates: undecodable bytes from a terminal or an argument
) + _NONCHARACTERS
HIDDEN = re.compile(f"[{_HIDDEN_RANGES}]")
HIDDEN_OR_BREAK = re.compile(f"[{_HIDDEN_RANGES}\n\t]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def literal(text: str) -> str:
    """``text`` with every hidden character written as ``\\uXXXX``; line breaks and tabs kept."""
    return HIDDEN.sub(_escape, text)


def one_line(text: str) -> str:
    """``text`` on one line: runs of white space become one space, the rest as :func:`literal`."""
    return literal(" ".join(text.split()))


def text_key(text: str) -> str:
    """What two spellings of one answer or name have in common: no spaces around it, one space
    inside, case folded, typographic apostrophes as ``'``."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split()).casefold()


def has_hidden(text: str) -> bool:
    return HIDDEN.search(text) is not None


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON spells characters beyond the first plane as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_literal(encoded: str) -> str:
    """JSON text (as ``json.dumps`` writes it) with hidden characters as ``\\uXXXX`` escapes:
    the same data for a parser, nothing hidden for a person reading the file."""
    return HIDDEN.sub(_json_escape, encoded)


def script_json(data: Any) -> str:
    """``data`` as JSON that can sit inside an HTML ``<script type="application/json">``: ASCII
    only (line and paragraph separators escaped with the rest), and ``<``, ``>`` and ``&`` as
    escapes, so no ``</script>`` or comment can close the element early."""
    import json

    text = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
