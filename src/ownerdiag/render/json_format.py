"""JSON: the typed results as plain values, for other tools. The contract other scripts read."""

from __future__ import annotations

import json
from typing import Any


def _dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def report(comparison: Any) -> str:
    from ownerdiag.render.report_json import comparison_json

    return _dumps(comparison_json(comparison))


def trend(result: Any) -> str:
    from ownerdiag.render.report_json import trend_json

    return _dumps(trend_json(result))
