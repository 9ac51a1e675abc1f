"""Writing files so that nothing is ever half-written: temp file in the same folder, then rename."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from pathlib import Path

from ownerdiag.errors import Fix, InputError

PRIVATE = 0o600
TEMP_SUFFIX = ".tmp"


def partial_path(out: Path) -> Path:
    """Where an unfinished survey keeps its progress, beside the final file."""
    return out.with_name(out.name + ".partial")


def refuse_overwrite(path: Path, force: bool, what: str = "file") -> None:
    if path.exists() and not force:
        raise InputError.single(f"{what} already exists", str(path), fix=Fix.REPLACE)


def write_atomic(path: Path, text: str, *, mode: int = PRIVATE, force: bool = True) -> None:
    """Write ``text`` to ``path`` in one step; without ``force`` an existing file is kept.

    The temp file is created owner-only, fsynced and renamed over ``path`` (or hard-linked into
    place when not forcing, so two writers racing for the same path cannot both win).
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        sweep_stale_temps(path)
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder
        )
    except OSError as exc:
        raise InputError.single(f"cannot write: {exc.strerror or exc}", str(path)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(temp, path)
        else:
            _link_new(temp, path)
    except OSError as exc:
        raise InputError.single(f"cannot write: {exc.strerror or exc}", str(path)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def sweep_stale_temps(path: Path) -> None:
    """Remove temp files that a killed writer of ``path`` left behind.

    A temp file's name carries its writer's process id; those of live processes are kept, so
    two writers of the same path never delete each other's work in progress.
    """
    prefix = f".{path.name}."
    for temp in path.parent.glob(f"{glob.escape(prefix)}*{TEMP_SUFFIX}"):
        pid_text = temp.name[len(prefix) :].split("-", 1)[0]
        if pid_text.isdigit() and not _alive(int(pid_text)):
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _link_new(temp: Path, path: Path) -> None:
    try:
        os.link(temp, path)
    except FileExistsError:
        raise InputError.single(
            "already exists (written by someone else meanwhile)", str(path), fix=Fix.REPLACE
        ) from None


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def check_partial(partial: Path, *, resume: bool, force: bool) -> bool:
    """Whether to continue from ``partial``; refuses to drop saved progress silently."""
    if resume:
        if not partial.exists():
            raise InputError.single("nothing to resume", str(partial), fix=Fix.START_AFRESH)
        return True
    if partial.exists() and not force:
        raise InputError.single(
            "unfinished work is saved here", str(partial), fix=Fix.CONTINUE_OR_RESTART
        )
    return False
