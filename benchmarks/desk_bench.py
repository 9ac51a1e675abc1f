"""Time `portfolio` and `status` on a generated consultant's desk, as whole commands.

    python benchmarks/desk_bench.py                 # 500 and 1,000 engagements
    python benchmarks/desk_bench.py --orgs 200      # one size

Each engagement has two rounds of two or three leaders (outbound and revenue-leadership banks,
alternating), so 500 engagements are 2,500 response files. Every portfolio run reads every file
(nothing is cached); the figure is the median of the runs. Peak
memory is the largest maximum resident set size of the child processes. The per-file cost is
the wall time divided by the number of response files read (start-up included).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.desk import make_desk  # noqa: E402


def timed(command: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MiB) over ``runs`` runs."""
    times, peaks = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        peaks.append(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, action="append")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("ownerdiag"))
    print("| engagements | response files | portfolio | per file | peak memory | status |")
    print("|---:|---:|---:|---:|---:|---:|")
    for orgs in args.orgs or [500, 1000]:
        with tempfile.TemporaryDirectory() as tmp:
            desk = Path(tmp)
            make_desk(desk, orgs)
            files = sum(1 for _ in desk.rglob("*.yaml")) - orgs  # minus each ownerdiag.yaml
            command = [exe, "portfolio", str(desk), "-f", "json"]
            wall, peak = timed(command, desk, args.runs)
            status, _ = timed([exe, "status"], desk / "client-0000", args.runs)
            print(
                f"| {orgs} | {files} | {wall:.2f} s | {1000 * wall / files:.2f} ms "
                f"| {peak:.0f} MiB | {1000 * status:.0f} ms |"
            )
    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
