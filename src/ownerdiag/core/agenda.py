"""The meeting's agenda in steps a meeting can finish: each conflict on its own, worst first;
items that follow from one root cause (the bank's cascades) as one step; and every item the
leaders answered alike, off the framework, as one "confirm or change" step at the end. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ownerdiag.core.engine import Comparison, Item
from ownerdiag.core.verdicts import Verdict

StepKind = Literal["item", "cascade", "confirm"]


@dataclass(frozen=True)
class Step:
    kind: StepKind
    items: tuple[Item, ...]
    cause: str = ""
    """A cascade's root cause, in the bank's words."""


def steps(comparison: Comparison) -> list[Step]:
    """The agenda as steps: conflicts and cascades worst first (a cascade where its worst item
    would be), then one step confirming what the leaders agree on."""
    agenda = comparison.agenda()
    grouped = _cascades(comparison, agenda)
    result: list[Step] = []
    taken: set[str] = set()
    for item in agenda:
        qid = item.question.id
        if qid in taken or (item.verdict is Verdict.drift and qid not in grouped):
            continue
        if qid in grouped:
            cause, members = grouped[qid]
            result.append(Step("cascade", members, cause))
            taken.update(m.question.id for m in members)
        else:
            result.append(Step("item", (item,)))
    agreed = tuple(i for i in agenda if i.verdict is Verdict.drift and i.question.id not in taken)
    if agreed:
        result.append(Step("confirm", agreed))
    return result


Grouped = dict[str, tuple[str, tuple[Item, ...]]]
"""question id -> (the cascade's cause, its items on the agenda)"""


def _cascades(comparison: Comparison, agenda: list[Item]) -> Grouped:
    """question id -> (cause, the cascade's items on the agenda), for cascades with two items
    or more on the agenda, one of them a conflict (agreeing alone is for the confirm step)."""
    by_id = {item.question.id: item for item in agenda}
    grouped: Grouped = {}
    for cascade in comparison.bank.cascades:
        members = tuple(by_id[qid] for qid in cascade.items if qid in by_id)
        if len(members) > 1 and any(m.verdict is not Verdict.drift for m in members):
            grouped.update((m.question.id, (cascade.cause, members)) for m in members)
    return grouped


def items(agenda: list[Step]) -> list[Item]:
    """Every item of the agenda, in the order the meeting takes them."""
    return [item for step in agenda for item in step.items]
