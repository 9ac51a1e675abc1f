"""The portfolio in the terminal: one section per bank, each figure with its number of orgs."""

from __future__ import annotations

from typing import Any

from ownerdiag.core.text import literal


def print_portfolio(view: dict[str, Any], console: Any) -> None:
    from rich.text import Text

    console.print(
        Text.assemble(
            ("Portfolio", "bold"),
            f": {view['orgs']} orgs. Each figure is within one bank and rests on "
            f"{view['min_orgs']} or more orgs.",
        )
    )
    _standing(view["standing"], console)
    for bank in view["banks"]:
        console.print()
        _bank(bank, console)
    for title, lines in (("Waiting", view["waiting"]), ("Skipped", view["problems"])):
        if lines:
            console.print()
            console.print(Text(f"{title} ({len(lines)}):", style="bold"))
            for line in lines:
                console.print(f"  {literal(line)}")


def _standing(standing: dict[str, Any] | None, console: Any) -> None:
    from rich.text import Text

    if not standing:
        return
    console.print()
    among = f"among {standing['orgs']} orgs on bank {standing['bank']}"
    console.print(
        Text.assemble(
            (literal(standing["name"]), "bold"),
            f" ({among}): overall {_score(standing['overall'])}"
            f"{_pct(standing['overall_percentile'])}",
        )
    )
    for lane in standing["lanes"]:
        console.print(
            f"  {literal(lane['title'])}: {_score(lane['score'])}{_pct(lane['percentile'])}"
        )
    if standing["note"]:
        console.print(f"  {standing['note']}")


def _bank(bank: dict[str, Any], console: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    versions = ", ".join(bank["versions"])
    heading = f"Bank {bank['bank']} ({literal(bank['title'])}; {bank['orgs']} orgs; {versions})"
    console.print(Text(heading, style="bold"))
    if not bank["shown"]:
        console.print(f"  {bank['note']}")
        return
    console.print("  Most common conflicts (orgs with it, of the orgs asked)")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for c in bank["common"]:
        kinds = ", ".join(f"{v['symbol']} {v['verdict']} {v['orgs']}" for v in c["verdicts"])
        grid.add_row(
            f"  {c['conflicted']} of {c['orgs']}",
            Text.assemble(literal(c["prompt"]), "\n", (kinds, "dim")),
        )
    console.print(grid)
    console.print("  Scores across orgs (latest round)")
    for spread in bank["distributions"]:
        console.print(
            f"    {literal(spread['title'])} ({spread['n']} orgs, median {spread['median']})"
        )
        for bucket in spread["buckets"]:
            bar = "█" * round(bucket["share"] / 4)
            console.print(f"      {bucket['range']:>6}  {bar} {bucket['n']}")
    moved = bank["movement"]
    if moved["orgs"]:
        change = moved["median_change"]
        console.print(
            f"  Between rounds: {moved['orgs']} orgs with two or more; {moved['better']} "
            f"better, {moved['worse']} worse, {moved['same']} the same"
            + (f" (median change {change:+})." if change is not None else ".")
        )
    if bank["items"] is not None:
        _items(bank["items"], console)


def _items(items: list[dict[str, Any]], console: Any) -> None:
    from rich.text import Text

    console.print("  Questions across orgs, for bank authors (⚑ worth a second look)")
    width = max((len(i["question_id"]) for i in items), default=8)
    console.print(f"    {'question':<{width}}  contested  can't say  drift      r", style="dim")
    for item in sorted(items, key=lambda i: (not i["flags"], i["question_id"])):
        r = "n/a" if item["discrimination"] is None else f"{item['discrimination']:+.2f}"
        console.print(
            f"    {item['question_id']:<{width}}  {item['contested']:>8}%  "
            f"{item['unclear']:>8}%  {item['drift']:>4}%  {r:>5}"
        )
        if item["flags"]:
            console.print(Text(f"      ⚑ {'; '.join(item['flags'])}", style="bold"))
    orgs = items[0]["orgs"] if items else 0
    console.print(
        f"  r: how a question's answers track the org's alignment on the other questions, "
        f"across {orgs} orgs.",
        style="dim",
    )


def _score(score: int | None) -> str:
    return "n/a" if score is None else f"{score}/100"


def _pct(value: int | None) -> str:
    return "" if value is None else f", percentile {value}"
