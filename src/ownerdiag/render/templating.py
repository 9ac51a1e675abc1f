"""Jinja2 environments for the Markdown and HTML exports: every printed value is escaped.

HTML uses Jinja's autoescape. Markdown has no autoescape, so the environment's ``finalize`` hook
escapes every ``{{ value }}`` on its way out: a response cannot add a table column, a link,
emphasis or raw HTML to the document.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ownerdiag.core.text import literal

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def own_asset(name: str) -> str:
    """One of ownerdiag's own template files (a page's script or style), as text."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_AUTOLINK = re.compile(r":(?=//)|(?<=www)\.|@", re.IGNORECASE)
_LIST_START = re.compile(r"^(\d{0,9})([-+.)])(?=\s|$)")


def md_escape(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    text = literal(str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = " ".join(text.split())  # a line break would end a table row or list item
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # no autolinks: a written address stays text (the scheme's colon and www's dot as
    # entities; GitHub finds e-mail addresses even then, so a zero-width non-joiner before @)
    text = _AUTOLINK.sub(lambda m: "&#8204;@" if m.group() == "@" else f"&#{ord(m.group())};", text)
    # no list item or heading from a value that starts like one ("- x", "1. x", "+ x")
    return _LIST_START.sub(r"\1\\\2", text)


def css_string(value: Any) -> str:
    """A value for inside a double-quoted CSS string in a style element: everything but
    letters, digits and spaces as a CSS escape, so no quote, backslash or ``</style>`` gets
    through (HTML entities mean nothing inside a style element)."""
    from markupsafe import Markup

    text = literal(str(value))
    return Markup("".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text))


def _html_value(value: Any) -> Any:
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, Markup):  # the project's own markup, made safe where it was built
        return value
    return literal(value) if isinstance(value, str) else value


REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)
"""An HTML report runs no script and makes no request: its styles and pictures are inline."""


@cache
def environment(kind: str) -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    common: dict[str, Any] = {
        "loader": FileSystemLoader(TEMPLATES),
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if kind == "html":
        from markupsafe import Markup

        env = Environment(autoescape=True, finalize=_html_value, **common)
        env.filters["css_string"] = css_string
        env.globals["report_csp"] = Markup(REPORT_CSP)
        return env
    return Environment(autoescape=False, finalize=md_escape, **common)


def render(template: str, **context: Any) -> str:
    kind = "html" if template.endswith(".html.j2") else "markdown"
    return environment(kind).get_template(template).render(**context)


def documents(suffix: str) -> tuple[Any, Any, Any]:
    """``report``, ``trend`` and ``charter`` writers for the templates ending in ``suffix``."""

    def report(comparison: Any, show_all: bool = False, title: str = "") -> str:
        from ownerdiag.render.view import report_view

        return render(f"report.{suffix}.j2", **report_view(comparison, show_all, title))

    def trend(result: Any, title: str = "") -> str:
        from ownerdiag.render.trend_view import trend_view

        return render(f"trend.{suffix}.j2", **trend_view(result, title))

    def charter(draft: Any, title: str = "") -> str:
        from ownerdiag.render.charter_view import charter_view

        return render(f"charter.{suffix}.j2", **charter_view(draft, title))

    return report, trend, charter
