"""Measure how fast ownerdiag feels: start-up of each command against a floor, and the engine.

    python benchmarks/bench.py            # 15 runs per command after 2 warm-ups
    python benchmarks/bench.py --runs 5   # quicker, noisier

Start-up figures are medians of whole-process wall time, shown beside the same median for a
floor measured in the same run: a minimal typer app that parses two arguments and imports rich,
pydantic and yaml (what any CLI built on this stack pays). The engine figures time
``engine.compare`` alone on generated banks; its peak memory comes from tracemalloc.

Run it with the Python of a regular install (``pip install .``): an editable install, with
PYTHONDONTWRITEBYTECODE set, recompiles ownerdiag's own modules on every start.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "outbound"
FLOOR_APP = """
import typer, rich, pydantic, yaml

app = typer.Typer(rich_markup_mode=None, add_completion=False)

@app.command()
def main(first: str, second: str) -> None:
    print(first, second)

app()
"""


def round_robin(commands: dict[str, list[str]], runs: int, warmup: int) -> dict[str, float]:
    """Median wall time per command, running them in turn so that machine noise hits all alike."""
    for _ in range(warmup):
        for command in commands.values():
            subprocess.run(command, capture_output=True, check=True)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def startup(runs: int, warmup: int) -> list[tuple[str, float, float]]:
    exe = str(Path(sys.executable).with_name("ownerdiag"))
    banks = sorted(str(p) for p in (REPO / "questions").glob("*.yaml"))
    examples = [str(EXAMPLES / "cro.yaml"), str(EXAMPLES / "vp_sales.yaml")]
    with tempfile.TemporaryDirectory() as folder:
        floor = Path(folder) / "floor.py"
        floor.write_text(FLOOR_APP)
        commands = {
            "floor: minimal typer app, two arguments": [sys.executable, str(floor), "a", "b"],
            "floor: minimal typer app, --help": [sys.executable, str(floor), "--help"],
            "ownerdiag --help": [exe, "--help"],
            "ownerdiag banks": [exe, "banks"],
            "ownerdiag compare (terminal)": [exe, "compare", *examples],
            "ownerdiag compare --format json": [exe, "compare", *examples, "-f", "json"],
            "ownerdiag bank validate (all shipped banks)": [exe, "bank", "validate", *banks],
        }
        medians = round_robin(commands, runs, warmup)
    floor_run = medians["floor: minimal typer app, two arguments"]
    floor_help = medians["floor: minimal typer app, --help"]
    rows = []
    for name, seconds in medians.items():
        base = floor_help if name.endswith("--help") else floor_run
        rows.append((name, seconds, seconds / base))
    return rows


def generated(questions: int, respondents: int, seed: int = 7):
    """A bank of ``questions`` mixed questions and ``respondents`` complete random responses."""
    from ownerdiag.core.answers import finish, start
    from ownerdiag.core.models import Bank

    roles = {f"role_{i}": f"Role {i}" for i in range(respondents)}
    kinds = ["owner"] * 6 + ["cadence", "yes_no", "scale", "text"]
    specs = []
    for n in range(questions):
        kind = kinds[n % len(kinds)]
        spec = {"id": f"q{n}", "kind": kind, "lane": f"lane_{n % 3}", "prompt": f"Question {n}?"}
        spec["expected"] = {
            "owner": "role_0",
            "cadence": "monthly",
            "yes_no": "yes",
            "scale": 3,
            "text": None,
        }[kind]
        if kind == "text":
            del spec["expected"]
        specs.append(spec)
    bank = Bank.model_validate(
        {
            "id": "generated",
            "title": "Generated",
            "version": "1",
            "roles": roles,
            "lanes": {f"lane_{i}": {"title": f"Lane {i}"} for i in range(3)},
            "questions": specs,
        }
    )
    rng = random.Random(seed)
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    answers_for = {
        "owner": lambda: rng.choice([*roles, "joint", "unclear"]),
        "cadence": lambda: rng.choice(["weekly", "monthly", "quarterly", "ad_hoc", "never"]),
        "yes_no": lambda: rng.choice(["yes", "no"]),
        "scale": lambda: rng.randint(1, 5),
        "text": lambda: "Some words.",
    }
    responses = []
    for role in roles:
        answers = {q.id: answers_for[q.kind]() for q in bank.questions}
        response = start(bank, role, role, now).model_copy(update={"answers": answers})
        responses.append(finish(bank, response, now))
    return bank, responses


from ownerdiag.core.models import MAX_QUESTIONS  # noqa: E402 - the largest bank accepted
from ownerdiag.files.collect import MAX_RESPONDENTS  # noqa: E402 - the most people compared


def engine(runs: int) -> list[tuple[str, float, float]]:
    from ownerdiag.core.engine import compare

    rows = []
    for respondents in (2, 4, MAX_RESPONDENTS):
        bank, responses = generated(MAX_QUESTIONS, respondents)
        compare(bank, responses)  # warm-up
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            compare(bank, responses)
            times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
        per_cell = seconds / (MAX_QUESTIONS * respondents) * 1e6
        name = f"engine: {MAX_QUESTIONS} questions x {respondents} respondents"
        rows.append((name, seconds, per_cell))
    return rows


def peak_memory() -> float:
    from ownerdiag.core.engine import compare

    bank, responses = generated(MAX_QUESTIONS, MAX_RESPONDENTS)
    tracemalloc.start()
    compare(bank, responses)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    options = parser.parse_args()
    import ownerdiag

    if Path(ownerdiag.__file__).resolve().is_relative_to(REPO / "src"):
        print(
            "warning: ownerdiag runs from the source tree (editable install); start-up "
            "figures include compiling its modules",
            file=sys.stderr,
        )
    print(f"# ownerdiag benchmark, {datetime.now():%Y-%m-%d}")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{platform.platform(terse=True)}; median of {options.runs} runs\n"
    )
    print("| command | median | ratio to floor |\n|---|---:|---:|")
    for name, seconds, ratio in startup(options.runs, options.warmup):
        print(f"| {name} | {seconds * 1000:.0f} ms | {ratio:.2f}x |")
    print("\n| engine case | median | per question x respondent |\n|---|---:|---:|")
    for name, seconds, per_cell in engine(options.runs):
        print(f"| {name} | {seconds * 1000:.1f} ms | {per_cell:.2f} µs |")
    largest = f"{MAX_QUESTIONS} x {MAX_RESPONDENTS}"
    print(f"\nPeak memory of the {largest} engine case: {peak_memory():.1f} MiB (tracemalloc)")


if __name__ == "__main__":
    main()
