"""YAML: a bank exported whole, and the paper answer form."""

from __future__ import annotations

from typing import Any


def bank(found: Any) -> str:
    from ownerdiag.files.yamlio import dump_yaml
    from ownerdiag.render.bankview import bank_json

    return dump_yaml(bank_json(found))


def form(request: Any) -> str:
    from ownerdiag.render.form import answer_form

    return answer_form(request.bank, request.role)
