"""HTML: the report, trend and charter as one self-contained page each (every value escaped)."""

from __future__ import annotations

from typing import Any

from ownerdiag.render.templating import render


def report(comparison: Any) -> str:
    from ownerdiag.render.view import report_view

    return render("report.html.j2", **report_view(comparison))


def trend(result: Any) -> str:
    from ownerdiag.render.trend_view import trend_view

    return render("trend.html.j2", **trend_view(result))


def charter(draft: Any) -> str:
    from ownerdiag.render.charter_view import charter_view

    return render("charter.html.j2", **charter_view(draft))
