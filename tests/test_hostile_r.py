"""The second red-team pass (R1-R20): one regression test per finding, each written to fail on
the code before its fix. The cases that need a whole desk or engagement build it here."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .desk import make_desk


@pytest.fixture(scope="module")
def small_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("desk")
    make_desk(folder, 3, seed=5)
    return folder


def desk_copy(desk: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "desk"
    shutil.copytree(desk, copy)
    return copy


def scores(cli, desk: Path) -> dict[str, object]:
    result = cli("portfolio", desk, "-f", "json", "--names")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return {"orgs": data["org_scores"], "common": data["common"], "problems": data["problems"]}


def plant_cache(round_dir: Path, content: str | bytes) -> Path:
    """Whatever a stranger can leave beside a round as its cache."""
    cache = round_dir / ".ownerdiag-cache.json"
    cache.unlink(missing_ok=True)
    cache.write_bytes(content.encode() if isinstance(content, str) else content)
    return cache


def forged(round_dir: Path, change) -> str:
    """A cache for this round's current files (their real digests) holding changed responses."""
    import hashlib

    from ownerdiag.files.collect import gather_round

    _, responses = gather_round(round_dir, ())
    files = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(round_dir.glob("*.yaml"))
    }
    data = [change(r.model_dump(mode="json")) for r in responses]
    return json.dumps({"format": "ownerdiag-cache/2", "files": files, "bank_file": None,
                       "responses": data})  # fmt: skip


# R1: a cache is an index, never a source: a forged one changes no figure
def test_r1_a_forged_cache_changes_no_figure_portfolio_prints(cli, small_desk, tmp_path):
    desk = desk_copy(small_desk, tmp_path)
    honest = scores(cli, desk)
    round_dir = desk / "client-0000" / "2026-Q4"
    first = json.loads(json.dumps(forged(round_dir, lambda r: r)))
    agreed = json.loads(first)["responses"][0]["answers"]
    plant_cache(round_dir, forged(round_dir, lambda r: {**r, "answers": agreed}))
    assert scores(cli, desk) == honest


def test_r1_a_strangers_answers_in_the_cache_do_not_count(cli, small_desk, tmp_path):
    desk = desk_copy(small_desk, tmp_path)
    honest = scores(cli, desk)
    round_dir = desk / "client-0001" / "2026-Q4"
    text = json.loads(forged(round_dir, lambda r: r))
    first, second = text["responses"][:2]
    stranger = {**first, "answers": second["answers"]}  # someone else answering as the first
    stranger["respondent"] = {**first["respondent"], "name": "A Stranger"}
    text["responses"][0] = stranger
    plant_cache(round_dir, json.dumps(text))
    assert scores(cli, desk) == honest


def test_r1_banana_in_a_cached_answer_is_no_traceback(cli, small_desk, tmp_path):
    desk = desk_copy(small_desk, tmp_path)
    honest = scores(cli, desk)
    round_dir = desk / "client-0002" / "2026-Q4"
    banana = forged(round_dir, lambda r: {**r, "answers": {k: "banana" for k in r["answers"]}})
    plant_cache(round_dir, banana)
    assert scores(cli, desk) == honest


# R2: whatever sits where a cache was is no cache: no hang, no memory, no recursion
@pytest.mark.parametrize("make", ["fifo", "dev-zero-link", "deep-json", "huge"])
def test_r2_a_hostile_cache_is_no_cache(cli, small_desk, tmp_path, make: str):
    desk = desk_copy(small_desk, tmp_path)
    honest = scores(cli, desk)
    cache = desk / "client-0000" / "2026-Q4" / ".ownerdiag-cache.json"
    cache.unlink(missing_ok=True)
    if make == "fifo":
        os.mkfifo(cache)
    elif make == "dev-zero-link":
        cache.symlink_to("/dev/zero")
    elif make == "deep-json":
        cache.write_text("[" * 100_000)
    else:
        with cache.open("wb") as handle:
            handle.truncate(64 * 1024 * 1024)
    assert scores(cli, desk) == honest
