"""Two versions of a bank side by side: which questions kept their meaning, and what changed.
Pure.

A question keeps its meaning when its id, kind, prompt and choices are the same; only then can
its answers be followed from a round on one version to a round on the other.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from ownerdiag.core.kinds import QuestionBase
from ownerdiag.core.models import Bank


def meaning(question: QuestionBase, bank: Bank) -> str:
    """What a person was asked: the kind, the prompt and the choices offered (ids and labels)."""
    offered = question.choices(bank)
    choices = [[c.id, c.label] for c in offered] if offered is not None else None
    canonical = json.dumps([question.kind, question.prompt, choices], ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """``2.10`` after ``2.9``: numbers compared as numbers."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))


@dataclass(frozen=True)
class BankChanges:
    """What moving from ``old`` to ``new`` changes, by question id."""

    old: str
    new: str
    added: list[str]
    removed: list[str]
    reworded: list[str]
    """Asked differently (prompt, kind or choices): not comparable across the two."""
    rekeyed: list[str]
    """Asked the same, judged differently: the framework's answer or the lane changed."""

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.reworded or self.rekeyed)


def bank_changes(old: Bank, new: Bank) -> BankChanges:
    old_ids = [q.id for q in old.questions]
    new_ids = [q.id for q in new.questions]
    kept = [i for i in new_ids if i in old_ids]
    reworded, rekeyed = [], []
    for question_id in kept:
        before, after = old.question(question_id), new.question(question_id)
        assert before is not None and after is not None
        if meaning(before, old) != meaning(after, new):
            reworded.append(question_id)
        elif (before.expected, before.lane) != (after.expected, after.lane):
            rekeyed.append(question_id)
    return BankChanges(
        old=f"{old.id} {old.version}",
        new=f"{new.id} {new.version}",
        added=[i for i in new_ids if i not in old_ids],
        removed=[i for i in old_ids if i not in new_ids],
        reworded=reworded,
        rekeyed=rekeyed,
    )
