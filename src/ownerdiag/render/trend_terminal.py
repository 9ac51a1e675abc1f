"""The trend in the terminal: scores round by round, then every conflict's fate."""

from __future__ import annotations

from typing import Any

from ownerdiag.core.text import literal
from ownerdiag.render.console import titled_table


def print_trend(view: dict[str, Any], console: Any) -> None:
    from rich.text import Text

    labels = [r["label"] for r in view["rounds"]]
    console.print(
        Text.assemble(
            ("Trend", "bold"),
            f" — {literal(view['bank']['title'])}: ",
            " → ".join(literal(x) for x in labels),
        )
    )
    counts = view["summary"]
    console.print(
        f"Conflicts: {counts['closed']} closed, {counts['opened']} opened, "
        f"{counts['persisted']} persisted; {counts['steady']} without conflict throughout."
    )
    console.print()
    scores = titled_table("Alignment scores")
    scores.add_column("", overflow="fold")
    for label in labels:
        scores.add_column(literal(label), justify="right", overflow="fold")
    scores.add_column("change", justify="right", no_wrap=True)
    scores.add_column("now", no_wrap=True, min_width=20)
    for name, row in [("Overall", view["overall"])] + [(x["title"], x) for x in view["lanes"]]:
        scores.add_row(literal(name), *row["score_texts"], row["change_text"], row["bar"])
    console.print(scores)
    changed = [i for i in view["items"] if i["status"] != "steady"]
    table = titled_table("Conflicts, round by round", expand=True)
    table.add_column("question", ratio=3, overflow="fold")
    for label in labels:
        table.add_column(literal(label), overflow="fold", min_width=12)
    table.add_column("status", no_wrap=True)
    for item in sorted(changed, key=lambda i: ("closed", "persisted", "opened").index(i["status"])):
        table.add_row(literal(item["prompt"]), *item["verdict_words"], item["status_word"])
    console.print(table)
    if view["not_compared"]:
        console.print(Text("Not compared:", style="bold"))
        for entry in view["not_compared"]:
            console.print(f"  {literal(entry['question_id'])}: {entry['reason']}")
