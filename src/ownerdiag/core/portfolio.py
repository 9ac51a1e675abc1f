"""Every org a consultant has assessed, side by side: where one org stands, which conflicts are
common, how lane scores spread and how orgs moved between rounds. Pure: comparisons in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ownerdiag.core.engine import Comparison
from ownerdiag.core.text import text_key
from ownerdiag.core.verdicts import Severity


@dataclass(frozen=True)
class OrgRounds:
    """One organisation's rounds, oldest first, as compared."""

    name: str
    rounds: list[tuple[str, Comparison]]

    @property
    def latest(self) -> Comparison:
        return self.rounds[-1][1]


@dataclass(frozen=True)
class CommonConflict:
    bank: str
    question_id: str
    prompt: str
    orgs: int
    """Orgs whose latest round asked the question."""
    verdicts: dict[str, int]
    """Verdict -> orgs, for the conflicts only."""

    @property
    def share(self) -> float:
        return sum(self.verdicts.values()) / self.orgs if self.orgs else 0.0


@dataclass(frozen=True)
class Standing:
    """Where one org stands: each score and its percentile among all orgs."""

    name: str
    overall: int | None
    overall_percentile: float | None
    lanes: dict[str, tuple[int | None, float | None]]


@dataclass(frozen=True)
class Portfolio:
    orgs: list[OrgRounds]
    overall: list[int]
    """Every org's latest overall score."""
    lanes: dict[str, list[int]]
    """Lane title -> every org's latest score in it."""
    common: list[CommonConflict]
    moved: list[tuple[str, int | None, int | None]]
    """(org, first round's overall, last round's) for orgs with two or more rounds."""
    standing: Standing | None = None
    problems: list[str] = field(default_factory=list)


def percentile(value: int | None, population: Sequence[int]) -> float | None:
    """The share of the population below ``value``, counting ties as half (mid-rank), 0-100."""
    if value is None or not population:
        return None
    below = sum(1 for x in population if x < value)
    equal = sum(1 for x in population if x == value)
    return round(100 * (below + equal / 2) / len(population), 1)


def portfolio(
    orgs: Sequence[OrgRounds], focus: str | None = None, problems: Sequence[str] = ()
) -> Portfolio:
    overall = [o.latest.score for o in orgs if o.latest.score is not None]
    lanes: dict[str, list[int]] = defaultdict(list)
    for org in orgs:
        for lane in org.latest.lanes:
            if lane.score is not None:
                lanes[lane.title].append(lane.score)
    return Portfolio(
        orgs=list(orgs),
        overall=overall,
        lanes=dict(lanes),
        common=common_conflicts(orgs),
        moved=[(o.name, o.rounds[0][1].score, o.latest.score) for o in orgs if len(o.rounds) > 1],
        standing=_standing(orgs, focus, overall, lanes) if focus else None,
        problems=list(problems),
    )


def common_conflicts(orgs: Sequence[OrgRounds]) -> list[CommonConflict]:
    """Per question (of a bank), how many orgs' latest round has a conflict on it, most first."""
    asked: Counter[tuple[str, str]] = Counter()
    prompts: dict[tuple[str, str], str] = {}
    verdicts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for org in orgs:
        comparison = org.latest
        for item in comparison.items:
            if not item.question.scored:
                continue
            key = (comparison.bank.id, item.question.id)
            asked[key] += 1
            prompts[key] = item.question.prompt
            if item.severity is not Severity.none:
                verdicts[key][item.verdict.value] += 1
    found = [
        CommonConflict(
            bank, qid, prompts[(bank, qid)], asked[(bank, qid)], dict(verdicts[(bank, qid)])
        )
        for bank, qid in asked
        if verdicts[(bank, qid)]
    ]
    return sorted(found, key=lambda c: (-c.share, -c.orgs, c.bank, c.question_id))


def _standing(
    orgs: Sequence[OrgRounds], focus: str, overall: list[int], lanes: dict[str, list[int]]
) -> Standing | None:
    org = next((o for o in orgs if text_key(o.name) == text_key(focus)), None)
    if org is None:
        return None
    latest = org.latest
    return Standing(
        name=org.name,
        overall=latest.score,
        overall_percentile=percentile(latest.score, overall),
        lanes={
            lane.title: (lane.score, percentile(lane.score, lanes.get(lane.title, [])))
            for lane in latest.lanes
        },
    )


def anonymised(orgs: Sequence[OrgRounds], keep: str | None) -> list[OrgRounds]:
    """Orgs as "Org 1" … "Org N" in name order, but the one named ``keep``."""
    ordered = sorted(orgs, key=lambda o: o.name.casefold())
    return [
        o if keep and text_key(o.name) == text_key(keep) else OrgRounds(f"Org {n}", o.rounds)
        for n, o in enumerate(ordered, 1)
    ]
