"""The atomic write and the race guard, each broken on purpose: a failure at any step leaves the
old file whole, and two writers reaching the final step together never both win."""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ownerdiag.errors import InputError
from ownerdiag.files import storage

OLD = "old: " + "x" * 10_000 + "\n"
NEW = "new: " + "y" * 10_000 + "\n"


class DiskFullHalfway:
    """A file object whose write stores half the text, then fails as a full disk does."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def write(self, text: str) -> int:
        self._handle.write(text[: len(text) // 2])
        self._handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> DiskFullHalfway:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def fail_during_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen, real_open = os.fdopen, open
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: DiskFullHalfway(real_fdopen(*a, **k)))
    monkeypatch.setattr("builtins.open", lambda *a, **k: DiskFullHalfway(real_open(*a, **k)))


def fail_at(name: str) -> Callable[[pytest.MonkeyPatch], None]:
    def inject(monkeypatch: pytest.MonkeyPatch) -> None:
        def broken(*args: Any, **kwargs: Any) -> Any:
            raise OSError(errno.EIO, f"{name} failed")

        monkeypatch.setattr(os, name, broken)

    return inject


FAULTS = {
    "write": fail_during_write,
    "fsync": fail_at("fsync"),
    "rename": fail_at("replace"),
    "link": fail_at("link"),
}


def atomic(path: Path, text: str) -> None:
    storage.write_atomic(path, text, force=True)


def atomic_new(path: Path, text: str) -> None:
    path.unlink()  # without --force only a new file is written: the old one is gone by choice
    storage.write_atomic(path, text, force=False)


def plain(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def survives(write: Callable[[Path, str], None], fault: str, folder: Path) -> bool:
    """Whether ``path`` holds a whole file (old or new) after ``fault`` interrupts ``write``."""
    path = folder / "response.yaml"
    path.write_text(OLD)
    with pytest.MonkeyPatch.context() as monkeypatch:
        FAULTS[fault](monkeypatch)
        with contextlib.suppress(OSError, InputError):
            write(path, NEW)
    left = [p.name for p in folder.iterdir() if p != path]
    whole = path.read_text() in (OLD, NEW) if path.exists() else write is atomic_new
    return whole and left == []


@pytest.mark.parametrize("fault", ["write", "fsync", "rename"])
def test_a_failure_at_any_step_leaves_the_old_file_whole_and_no_temp(tmp_path: Path, fault: str):
    assert survives(atomic, fault, tmp_path)
    assert (tmp_path / "response.yaml").read_text() == OLD


@pytest.mark.parametrize("fault", ["write", "fsync", "link"])
def test_a_failure_writing_a_new_file_leaves_nothing_behind(tmp_path: Path, fault: str):
    assert survives(atomic_new, fault, tmp_path)
    assert not (tmp_path / "response.yaml").exists()


def test_the_check_catches_a_plain_write(tmp_path: Path):
    # the same check fails a plain open().write(): it would leave half a file behind
    assert not survives(plain, "write", tmp_path)


def test_the_failure_is_reported_in_one_line_naming_the_file(tmp_path: Path):
    path = tmp_path / "response.yaml"
    with pytest.MonkeyPatch.context() as monkeypatch:
        fail_during_write(monkeypatch)
        with pytest.raises(InputError) as caught:
            storage.write_atomic(path, NEW)
    assert str(caught.value) == f"{path}: cannot write: No space left on device"


def race(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rounds: int = 25) -> list[int]:
    """Two writers of one new file meet at the final step together; winners per round."""
    real_link = os.link
    barrier = threading.Barrier(2, timeout=10)

    def link_together(*args: Any, **kwargs: Any) -> None:
        barrier.wait()  # both writers hold a finished temp file and are about to publish it
        real_link(*args, **kwargs)

    monkeypatch.setattr(os, "link", link_together)
    real_replace = os.replace

    def replace_together(*args: Any, **kwargs: Any) -> None:
        barrier.wait()
        real_replace(*args, **kwargs)

    monkeypatch.setattr(os, "replace", replace_together)
    winners = []
    for n in range(rounds):
        path = tmp_path / f"r{n}.yaml"
        won: list[str] = []

        def write(text: str, path: Path = path, won: list[str] = won) -> None:
            try:
                storage.write_atomic(path, text, force=False)
            except InputError as exc:
                assert "already exists" in str(exc)
            else:
                won.append(text)

        threads = [threading.Thread(target=write, args=(t,)) for t in ("first\n", "second\n")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert path.read_text() in won
        winners.append(len(won))
    return winners


def test_two_writers_meeting_at_the_last_step_exactly_one_wins_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    assert race(tmp_path, monkeypatch) == [1] * 25
