"""HTML: the report, trend and charter as one self-contained page each (every value escaped)."""

from typing import Any

from ownerdiag.render.templating import documents

report, trend, charter = documents("html")


def portfolio(result: Any) -> str:
    from ownerdiag.render.portfolio_view import portfolio_view
    from ownerdiag.render.templating import render

    return render("portfolio.html.j2", **portfolio_view(result))


def form(request: Any) -> str:
    """The one-file offline survey page for one person."""
    from ownerdiag.render.form_html import form_page

    return form_page(request.bank, request.role, request.name, request.form_id)


def meeting(request: Any) -> str:
    """The one-file meeting page for the projector."""
    from ownerdiag.render.meeting_html import meeting_page

    return meeting_page(request)
