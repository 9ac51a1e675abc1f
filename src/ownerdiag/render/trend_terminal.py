"""The trend in the terminal: what moved first, then the scores round by round."""

from __future__ import annotations

from typing import Any

from ownerdiag.core.text import literal
from ownerdiag.render.console import titled_table

STYLE = {
    "opened": "bold red",
    "worse": "red",
    "hardened": "red",
    "same": "yellow",
    "softened": "cyan",
    "better": "cyan",
    "closed": "green",
}


def print_trend(view: dict[str, Any], console: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    labels = [r["label"] for r in view["rounds"]]
    console.print(
        Text.assemble(
            ("Trend", "bold"),
            f" — {literal(view['title'])}: ",
            " → ".join(literal(x) for x in labels),
        )
    )
    moved = ", ".join(f"{c['word']} {c['n']}" for c in view["transition_counts"])
    steady = view["transitions"]["steady"]
    console.print(f"What moved: {moved}; {steady} without conflict throughout.")
    console.print()
    _print_followed(view, console)
    console.print(_scores(view, labels, console.width))
    first, last = literal(view["first_label"]), literal(view["last_label"])
    console.print(Text.assemble(("What moved", "bold"), f", {first} → {last}"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in view["moved"]:
        path = f"{item['verdict_words'][0]} → {item['verdict_words'][-1]}"
        lines = Text.assemble(literal(item["prompt"]), "\n", (path, "dim"))
        if item["changed_text"]:
            lines.append("\n" + literal(item["changed_text"]), style="dim")
        grid.add_row(Text(item["transition_word"], style=STYLE[item["transition"]]), lines)
    console.print(grid)
    if view["not_compared"]:
        console.print()
        console.print(Text("Not compared:", style="bold"))
        for entry in view["not_compared"]:
            console.print(f"  {literal(entry['question_id'])}: {entry['reason']}")


def _longest(text: str) -> int:
    return max((len(word) for word in literal(text).split()), default=1)


def _scores(view: dict[str, Any], labels: list[str], width: int) -> Any:
    """Scores round by round: a table when every word fits, else one line per lane."""
    from rich.text import Text

    rows = [("Overall", view["overall"])] + [(x["title"], x) for x in view["lanes"]]
    name_width = max(_longest(name) for name, _ in rows)
    label_widths = [max(_longest(label), 7) for label in labels]
    if name_width + 8 + sum(label_widths) + 2 * (len(labels) + 2) > width:
        lines = [
            f"  {literal(name)}: {' → '.join(row['score_texts'])} ({row['change_text']})"
            for name, row in rows
        ]
        return Text("Alignment scores\n", style="bold") + Text("\n".join(lines) + "\n")
    with_bar = name_width + sum(max(w, 12) for w in label_widths) + 30 + 2 * len(labels) <= width
    table = titled_table("Alignment scores")
    table.add_column("", min_width=name_width)
    table.add_column("change", justify="right", no_wrap=True)
    for label, least in zip(labels, label_widths, strict=True):  # wrapped between words only
        table.add_column(literal(label), justify="right", min_width=least, max_width=max(least, 12))
    if with_bar:
        table.add_column("now", no_wrap=True, min_width=20)
    for name, row in rows:
        bar = [row["bar"]] if with_bar else []
        table.add_row(literal(name), row["change_text"], *row["score_texts"], *bar)
    return table


ADOPTION_STYLE = {"adopted": "green", "partly": "yellow", "not adopted": "bold red"}


def _print_followed(view: dict[str, Any], console: Any) -> None:
    """The last meeting's decisions, and whether the next round's answers follow them."""
    if not view["decisions_followed"]:
        return
    from rich.table import Table
    from rich.text import Text

    console.print(Text("Decisions followed", style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for entry in view["decisions_followed"]:
        lines = Text.assemble(
            literal(entry["prompt"]),
            "\n",
            (
                f"decided in {literal(entry['decided_in'])}: {literal(entry['decision_text'])}; "
                f"{literal(entry['now_text'])}",
                "dim",
            ),
        )
        word = Text(entry["outcome_word"], style=ADOPTION_STYLE.get(entry["outcome"], ""))
        grid.add_row(word, lines)
    console.print(grid)
    console.print()
