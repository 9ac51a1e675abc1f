#!/usr/bin/env python3
"""Per-module kill rates of the last `mutmut run`: module | mutants | killed | rate.

Run from the repository root after `mutmut run` (mutmut 3.x). It reads the results through
mutmut's own command, `mutmut results --all true`, whose lines read
``    ownerdiag.core.trend.x_change__mutmut_3: survived``, and groups them by module.

    python scripts/mutation-report.py            # the table, Markdown
    python scripts/mutation-report.py --survivors  # and every mutant not killed, by module

"Killed" counts mutants a test failed on, and those that timed out or were caught by the type
checker; the rate is killed over every mutant that was tested (skipped ones and those not yet
checked are left out of it, and counted in their own column).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

KILLED = {"killed", "timeout", "caught by type check"}
NOT_TESTED = {"skipped", "not checked", "check was interrupted by user"}
LINE = re.compile(r"^\s*(?P<name>\S+?)__mutmut_\d+: (?P<status>.+?)\s*$")


def module_of(mutant: str) -> str:
    """``ownerdiag.core.trend.xǁTrendǁcount`` -> ``core/trend``."""
    parts = mutant.split(".")
    while parts and not parts[-1].startswith(("x_", "xǁ")):
        parts.pop()
    module = parts[:-1] if parts else mutant.split(".")[:-1]
    if module and module[0] == "ownerdiag":
        module = module[1:]
    return "/".join(module)


def read_results(mutmut: str) -> list[tuple[str, str]]:
    done = subprocess.run(
        [mutmut, "results", "--all", "true"], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"mutmut results failed: {done.stderr.strip() or done.stdout.strip()}")
    found = []
    for line in done.stdout.splitlines():
        match = LINE.match(line)
        if match:
            found.append((line.split(":")[0].strip(), match["status"]))
    return found


def table(results: list[tuple[str, str]]) -> list[str]:
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for mutant, status in results:
        by_module[module_of(mutant)][status] += 1
    rows = [
        "| module | mutants | killed | survived | no tests | not tested | rate |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    total: Counter[str] = Counter()
    for module in sorted(by_module):
        counts = by_module[module]
        total.update(counts)
        rows.append(row(module, counts))
    if len(by_module) > 1:
        rows.append(row("**all**", total))
    return rows


def row(module: str, counts: Counter[str]) -> str:
    mutants = sum(counts.values())
    killed = sum(counts[s] for s in KILLED)
    untested = sum(counts[s] for s in NOT_TESTED)
    tested = mutants - untested
    rate = f"{100 * killed / tested:.1f} %" if tested else "-"
    return (
        f"| {module} | {mutants:,} | {killed:,} | {counts['survived']:,} | "
        f"{counts['no tests']:,} | {untested:,} | {rate} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true", help="list every mutant not killed")
    args = parser.parse_args()
    if not Path("mutants").is_dir():
        sys.exit("no mutants/ folder here: run `mutmut run` from the repository root first")
    mutmut = shutil.which("mutmut") or str(Path(sys.executable).with_name("mutmut"))
    results = read_results(mutmut)
    if not results:
        sys.exit("mutmut reported no mutants: run `mutmut run` first")
    print("\n".join(table(results)))
    if args.survivors:
        print()
        for mutant, status in sorted(results):
            if status not in KILLED:
                print(f"{module_of(mutant)}: {mutant}: {status}")


if __name__ == "__main__":
    main()
