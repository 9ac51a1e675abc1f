"""The survey as one self-contained HTML file: inline style and script, the questions embedded as
data, a Content-Security-Policy that forbids every request. Works from ``file://``."""

from __future__ import annotations

import base64
import hashlib

from ownerdiag import __version__
from ownerdiag.core.models import Bank
from ownerdiag.core.survey_form import payload_text
from ownerdiag.render.templating import own_asset, render


def form_page(
    bank: Bank,
    role: str,
    name: str = "",
    form_id: str = "",
    invitation: tuple[str, str] | None = None,
) -> str:
    """``form_id`` keys the progress the page keeps in the browser: one per invitation (stable
    when the page is written again), else a random one per page, so no page ever shows or
    clears another page's answers. ``invitation`` (round, token): the page seals the response
    it saves with it, and the name is the invited person's, not typed."""
    import secrets

    from markupsafe import Markup

    script = own_asset("form.js")
    style = own_asset("form.css")
    return render(
        "form.html.j2",
        title=f"{bank.title}: {bank.roles[role]}",
        name=name,
        form_id=form_id or secrets.token_hex(16),
        round=invitation[0] if invitation else "",
        token=invitation[1] if invitation else "",
        tool_version=__version__,
        payload=Markup(payload_text(bank, role)),  # script_json: no <, > or & left in it
        script=Markup(script),
        style=Markup(style),
        script_hash=csp_hash(script),
        style_hash=csp_hash(style),
    )


def csp_hash(text: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
