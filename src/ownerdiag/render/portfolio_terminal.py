"""The portfolio in the terminal."""

from __future__ import annotations

from typing import Any

from ownerdiag.core.text import literal


def print_portfolio(view: dict[str, Any], console: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    banks = ", ".join(f"{bank} {n}" for bank, n in view["banks"].items())
    console.print(Text.assemble(("Portfolio", "bold"), f": {view['orgs']} orgs ({banks})"))
    standing = view["standing"]
    if standing:
        console.print()
        console.print(
            Text.assemble(
                (literal(standing["name"]), "bold"),
                f": overall {_score(standing['overall'])}, {_pct(standing['overall_percentile'])}",
            )
        )
        for lane in standing["lanes"]:
            console.print(
                f"  {literal(lane['title'])}: {_score(lane['score'])}, {_pct(lane['percentile'])}"
            )
    console.print()
    console.print(Text("Most common conflicts (share of orgs, latest round)", style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for c in view["common"]:
        kinds = ", ".join(f"{v['symbol']} {v['verdict']} {v['orgs']}" for v in c["verdicts"])
        grid.add_row(f"{c['share']}%", Text.assemble(literal(c["prompt"]), "\n", (kinds, "dim")))
    console.print(grid)
    console.print()
    console.print(Text("Scores across orgs (latest round)", style="bold"))
    for spread in view["distributions"]:
        console.print(f"  {literal(spread['title'])} (median {spread['median']})")
        for bucket in spread["buckets"]:
            bar = "█" * round(bucket["share"] / 4)
            console.print(f"    {bucket['range']:>6}  {bar} {bucket['n']}")
    moved = view["movement"]
    if moved["orgs"]:
        console.print()
        console.print(
            f"Between rounds: {moved['orgs']} orgs with two or more; {moved['better']} better, "
            f"{moved['worse']} worse, {moved['same']} the same"
            + (
                f" (median change {moved['median_change']:+})."
                if moved["median_change"] is not None
                else "."
            )
        )
    if view["problems"]:
        console.print()
        console.print(Text(f"Skipped ({len(view['problems'])}):", style="bold"))
        for problem in view["problems"]:
            console.print(f"  {literal(problem)}")


def _score(score: int | None) -> str:
    return "n/a" if score is None else f"{score}/100"


def _pct(value: float | None) -> str:
    return "no peers to rank against" if value is None else f"percentile {value:g}"
