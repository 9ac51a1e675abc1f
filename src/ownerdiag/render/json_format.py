"""JSON: the typed results as plain values, for other tools. The contract other scripts read."""

from __future__ import annotations

import json
from typing import Any

from ownerdiag.core.text import json_literal


def dumps(data: Any) -> str:
    return json_literal(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def report(comparison: Any, show_all: bool = False, title: str = "") -> str:
    """Every item, always: ``show_all`` and ``title`` are for the formats people read."""
    from ownerdiag.render.report_json import comparison_json

    return dumps(comparison_json(comparison))


def trend(result: Any, title: str = "") -> str:
    from ownerdiag.render.report_json import trend_json

    return dumps(trend_json(result))


def portfolio(result: Any) -> str:
    from ownerdiag.render.portfolio_view import portfolio_view

    return dumps(portfolio_view(result))


def status(result: Any) -> str:
    from ownerdiag.render.status_view import status_json

    return dumps(status_json(result))


def desk(result: Any) -> str:
    from ownerdiag.render.status_view import desk_json

    return dumps(desk_json(result))


def banks(entries: Any) -> str:
    from ownerdiag.render.bankview import bank_summary

    return dumps([bank_summary(entry) for entry in entries])


def bank(found: Any) -> str:
    from ownerdiag.render.bankview import bank_json

    return dumps(bank_json(found))


def schema(model: Any) -> str:
    return dumps(model.model_json_schema())
