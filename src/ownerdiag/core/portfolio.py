"""Every org a consultant has assessed, compared like with like: each figure within one bank,
resting on at least ``min_orgs`` orgs or not shown, with how many it rests on. Where one org
stands, which conflicts are common, how scores spread, how orgs moved between rounds, and, for
bank authors, how each question behaves across orgs. Pure: comparisons in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from math import sqrt

from ownerdiag.core.engine import Comparison, Item, credit_totals
from ownerdiag.core.fields import UNCLEAR
from ownerdiag.core.text import text_key
from ownerdiag.core.upgrade import meaning, version_key
from ownerdiag.core.verdicts import CREDIT, WEIGHT, Severity, Verdict

MIN_ORGS = 5
"""The fewest orgs a share, percentile or spread may rest on (as people-analytics tools do)."""
AMBIGUOUS_UNCLEAR = 0.5
"""Questions answered "can't say" this often look ambiguous."""
AMBIGUOUS_CONTESTED = 0.9
"""Questions contested in this share of orgs or more look ambiguous."""
WEAK_DISCRIMINATION = 0.2
"""Below this item-rest correlation a question does not separate aligned from unaligned orgs."""


@dataclass(frozen=True)
class OrgRounds:
    """One organisation's rounds, oldest first, as compared."""

    name: str
    rounds: list[tuple[str, Comparison]]
    waiting: str = ""
    """A round newer than the latest compared one that still waits for someone."""
    waiting_for: tuple[str, ...] = ()
    """Who that round waits for."""

    @property
    def waiting_note(self) -> str:
        if not self.waiting:
            return ""
        who = ", ".join(self.waiting_for)
        return f"{self.waiting} waiting for {who}; {self.rounds[-1][0]} used"

    @property
    def latest(self) -> Comparison:
        return self.rounds[-1][1]


@dataclass(frozen=True)
class CommonConflict:
    question_id: str
    prompt: str
    orgs: int
    """Orgs of the bank whose latest round asked the question."""
    verdicts: dict[str, int]
    """Verdict -> orgs, for the conflicts only."""

    @property
    def conflicted(self) -> int:
        return sum(self.verdicts.values())

    @property
    def share(self) -> float:
        return self.conflicted / self.orgs if self.orgs else 0.0


@dataclass(frozen=True)
class ItemAnalysis:
    """How one question behaves across the orgs that answered it."""

    question_id: str
    prompt: str
    orgs: int
    contested: float
    """Share of orgs with a conflict on it."""
    unclear: float
    """Share of all answers that were "can't say"."""
    drift: float
    """Share of orgs whose leaders agree on an answer other than the framework's."""
    discrimination: float | None
    """Correlation between the item's credit and the org's alignment on the other items."""
    flags: list[str]


@dataclass(frozen=True)
class Benchmark:
    """Every figure for the orgs that answered one bank."""

    bank: str
    title: str
    versions: list[str]
    orgs: list[str]
    overall: list[int]
    lanes: dict[str, list[int]]
    common: list[CommonConflict]
    moved: list[tuple[str, int | None, int | None]]
    """(org, first round's overall, last round's) for orgs with two or more rounds."""
    items: list[ItemAnalysis] | None
    """Each question's behaviour across orgs, when asked for."""

    @property
    def n(self) -> int:
        return len(self.orgs)


@dataclass(frozen=True)
class Standing:
    """Where one org stands among the orgs on its bank; percentiles are None when fewer than
    the minimum number of orgs answered that bank."""

    name: str
    bank: str
    orgs: int
    overall: int | None
    overall_percentile: int | None
    lanes: dict[str, tuple[int | None, int | None]]


@dataclass(frozen=True)
class Portfolio:
    orgs: list[OrgRounds]
    benchmarks: list[Benchmark]
    min_orgs: int = MIN_ORGS
    standing: Standing | None = None
    problems: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    """Orgs not in the figures because no round of theirs is complete yet."""

    def shown(self, benchmark: Benchmark) -> bool:
        """Whether a bank's figures rest on enough orgs to be shown."""
        return benchmark.n >= self.min_orgs


def percentile(value: int | None, population: Sequence[int]) -> int | None:
    """The share of the population below ``value``, counting ties as half (mid-rank), as a
    whole number 0-100."""
    if value is None or not population:
        return None
    below = sum(1 for x in population if x < value)
    equal = sum(1 for x in population if x == value)
    return round(100 * (below + equal / 2) / len(population))


def portfolio(
    orgs: Sequence[OrgRounds],
    focus: str | None = None,
    problems: Sequence[str] = (),
    min_orgs: int = MIN_ORGS,
    items: bool = False,
    waiting: Sequence[str] = (),
) -> Portfolio:
    by_bank: dict[str, list[OrgRounds]] = defaultdict(list)
    for org in orgs:
        by_bank[org.latest.bank.id].append(org)
    benchmarks = [benchmark(group, min_orgs, items) for _, group in sorted(by_bank.items())]
    standing = _standing(orgs, focus, benchmarks, min_orgs) if focus else None
    return Portfolio(list(orgs), benchmarks, min_orgs, standing, list(problems), list(waiting))


def benchmark(
    orgs: Sequence[OrgRounds], min_orgs: int = MIN_ORGS, items: bool = False
) -> Benchmark:
    """The figures of orgs that all answered one bank (in any of its versions)."""
    latest = [o.latest for o in orgs]
    lanes: dict[str, list[int]] = defaultdict(list)
    for comparison in latest:
        for lane in comparison.lanes:
            if lane.score is not None:
                lanes[lane.title].append(lane.score)
    newest = max(latest, key=lambda c: version_key(c.bank.version))
    return Benchmark(
        bank=newest.bank.id,
        title=newest.bank.title,
        versions=sorted({c.bank.version for c in latest}),
        orgs=[o.name for o in orgs],
        overall=[c.score for c in latest if c.score is not None],
        lanes=dict(lanes),
        common=common_conflicts(latest, min_orgs),
        moved=[(o.name, o.rounds[0][1].score, o.latest.score) for o in orgs if len(o.rounds) > 1],
        items=item_analysis(latest, min_orgs) if items else None,
    )


def _asked(latest: Sequence[Comparison]) -> dict[tuple[str, str], list[tuple[Comparison, Item]]]:
    """Per scored question (id and meaning: a reworded question is another one), the orgs
    that asked it and their item."""
    found: dict[tuple[str, str], list[tuple[Comparison, Item]]] = defaultdict(list)
    for comparison in latest:
        for item in comparison.items:
            if item.question.scored:
                key = (item.question.id, meaning(item.question, comparison.bank))
                found[key].append((comparison, item))
    return found


def common_conflicts(latest: Sequence[Comparison], min_orgs: int) -> list[CommonConflict]:
    """Per question asked by at least ``min_orgs`` orgs, how many have a conflict on it; by
    that number of orgs, most first."""
    found = []
    for (question_id, _), asked in _asked(latest).items():
        if len(asked) < min_orgs:
            continue
        verdicts: dict[str, int] = defaultdict(int)
        for _, item in asked:
            if item.severity is not Severity.none:
                verdicts[item.verdict.value] += 1
        if verdicts:
            prompt = asked[-1][1].question.prompt
            found.append(CommonConflict(question_id, prompt, len(asked), dict(verdicts)))
    return sorted(found, key=lambda c: (-c.conflicted, -c.share, c.question_id))


def item_analysis(latest: Sequence[Comparison], min_orgs: int) -> list[ItemAnalysis]:
    """Each question asked by at least ``min_orgs`` orgs, with the signs of a question to
    reword: mostly "can't say", contested nearly everywhere, never contested, or no relation
    to how aligned the org is otherwise."""
    totals = {id(c): credit_totals(c.items) for c in latest}
    found = []
    for (question_id, _), asked in _asked(latest).items():
        if len(asked) < min_orgs:
            continue
        answers = [a for _, item in asked for a in item.answers.values()]
        analysis = ItemAnalysis(
            question_id=question_id,
            prompt=asked[-1][1].question.prompt,
            orgs=len(asked),
            contested=_share(sum(i.severity is not Severity.none for _, i in asked), len(asked)),
            unclear=_share(sum(a == UNCLEAR for a in answers), len(answers)),
            drift=_share(sum(i.verdict is Verdict.drift for _, i in asked), len(asked)),
            discrimination=_discrimination([(totals[id(c)], i) for c, i in asked]),
            flags=[],
        )
        found.append(_flagged(analysis))
    return found


def _flagged(item: ItemAnalysis) -> ItemAnalysis:
    flags = []
    if item.unclear >= AMBIGUOUS_UNCLEAR:
        flags.append("mostly can't say")
    if item.contested >= AMBIGUOUS_CONTESTED:
        flags.append("contested almost everywhere")
    if item.contested == 0:
        flags.append("never contested")
    if item.discrimination is not None and item.discrimination < WEAK_DISCRIMINATION:
        flags.append("does not track alignment")
    return ItemAnalysis(**{**item.__dict__, "flags": flags})


def _discrimination(rows: Sequence[tuple[tuple[float, float], Item]]) -> float | None:
    """Pearson correlation between an item's credit and the org's alignment on its other
    items (the corrected item-total correlation); None when either does not vary."""
    credits, rests = [], []
    for (earned, possible), item in rows:
        if item.verdict not in CREDIT:
            continue
        weight = WEIGHT[item.question.weight]
        credit = CREDIT[item.verdict]
        if possible - weight <= 0:
            continue
        credits.append(credit)
        rests.append((earned - weight * credit) / (possible - weight))
    return _pearson(credits, rests)


def _pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return round(sxy / sqrt(sxx * syy), 2)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _standing(
    orgs: Sequence[OrgRounds], focus: str, benchmarks: Sequence[Benchmark], min_orgs: int
) -> Standing | None:
    org = next((o for o in orgs if text_key(o.name) == text_key(focus)), None)
    if org is None:
        return None
    latest = org.latest
    mine = next(b for b in benchmarks if b.bank == latest.bank.id)
    enough = mine.n >= min_orgs

    def rank(score: int | None, population: Sequence[int]) -> int | None:
        return percentile(score, population) if enough else None

    return Standing(
        name=org.name,
        bank=mine.bank,
        orgs=mine.n,
        overall=latest.score,
        overall_percentile=rank(latest.score, mine.overall),
        lanes={
            lane.title: (lane.score, rank(lane.score, mine.lanes.get(lane.title, [])))
            for lane in latest.lanes
        },
    )


def anonymised(orgs: Sequence[OrgRounds], keep: str | None) -> list[OrgRounds]:
    """Orgs as "Org 1" … "Org N" in name order, but the one named ``keep``."""
    ordered = sorted(orgs, key=lambda o: o.name.casefold())
    return [
        o
        if keep and text_key(o.name) == text_key(keep)
        else OrgRounds(f"Org {n}", o.rounds, o.waiting, _count_only(o.waiting_for))
        for n, o in enumerate(ordered, 1)
    ]


def _count_only(names: Sequence[str]) -> tuple[str, ...]:
    if not names:
        return ()
    return (f"{len(names)} leader" + ("s" if len(names) > 1 else ""),)
