"""The one writer: nothing is ever half-written, replaced by accident, or readable by others.

A file is written to a temp file in the same folder, fsynced, and renamed into place (or
hard-linked, when an existing file must not be replaced, so two writers racing for one path
cannot both win); then the folder is fsynced, so a file reported saved survives a power loss.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from ownerdiag.errors import Fix, InputError

PRIVATE = 0o600
TEMP_SUFFIX = ".tmp"


def partial_path(out: Path) -> Path:
    """Where an unfinished survey keeps its progress, beside the final file."""
    return out.with_name(out.name + ".partial")


def make_folder(path: Path) -> None:
    """Create ``path`` and its parents, or say in one line which folder and why not."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError.single(
            f"cannot create this folder: {exc.strerror or exc}",
            str(path),
            "check the path and its permissions",
        ) from None


def real_path(path: Path) -> Path:
    """Where ``path`` really is, every link followed; a loop of links is one line naming it."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # RuntimeError up to Python 3.12, OSError (ELOOP) after
        raise InputError.single(
            "is a loop of symbolic links", str(path), "make it a folder, or a link to one"
        ) from None


def folder_entries(folder: Path) -> list[os.DirEntry[str]]:
    """What ``folder`` holds, sorted by name, or one line naming the folder and why not."""
    try:
        with os.scandir(folder) as found:
            return sorted(found, key=lambda entry: entry.name)
    except OSError as exc:
        raise InputError.single(
            f"cannot read this folder: {exc.strerror or exc}",
            str(folder),
            "check that it exists and that you may read it",
        ) from None


def refuse_overwrite(
    path: Path,
    force: bool,
    what: str = "file",
    inputs: Iterable[Path] = (),
    fix: Fix = Fix.REPLACE,
) -> None:
    """Refuse a target that is one of the command's inputs, that is not a regular file, or
    (without ``force``) that exists."""
    for source in inputs:
        with contextlib.suppress(OSError):
            if path.exists() and path.samefile(source):
                raise InputError.single(
                    "is one of this command's own inputs; it is never written over",
                    str(path),
                    fix=Fix.CHOOSE_OTHER_OUT,
                )
    _refuse_special(path)
    if path.exists() and not force:
        raise InputError.single(f"{what} already exists", str(path), fix=fix)


def _refuse_special(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        raise InputError.single(
            "is not a regular file (a folder, device or pipe); ownerdiag writes only files",
            str(path),
            fix=Fix.CHOOSE_OTHER_OUT,
        )


def write_atomic(
    path: Path, text: str | bytes, *, force: bool = True, durable: bool = True
) -> None:
    """Write ``text`` (UTF-8) or bytes to ``path`` in one step; without ``force`` an existing
    file is kept. ``durable=False`` skips the fsyncs, for a cache that may be lost but must
    never be read half-written (the rename still makes it all or nothing).

    New files are readable by their owner only (or less, under a stricter umask); replacing a
    file never loosens its mode.
    """
    folder = path.parent
    _refuse_special(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        sweep_stale_temps(path)
        fd, temp_name = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), _mode_for(path))
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if force:
            os.replace(temp, path)
        else:
            _link_new(temp, path)
        if durable:
            _sync_folder(folder)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _cannot_write(path: Path, exc: OSError) -> InputError:
    return InputError.single(f"cannot write: {exc.strerror or exc}", str(path))


def _mode_for(path: Path) -> int:
    mode = PRIVATE & ~current_umask()
    with contextlib.suppress(OSError):
        mode &= stat.S_IMODE(path.stat().st_mode)
    return mode


@cache
def current_umask() -> int:
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems cannot open or fsync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temp_prefix(path: Path) -> str:
    """A short, fixed-length prefix: a legal target name never makes the temp name too long."""
    digest = hashlib.sha256(path.name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f".od-{digest}.{os.getpid()}-"


def sweep_stale_temps(path: Path) -> None:
    """Remove temp files that a killed writer of ``path`` left behind.

    A temp file's name carries its writer's process id; those of live processes are kept, so
    two writers of the same path never delete each other's work in progress.
    """
    prefix = _temp_prefix(path).rsplit(".", 1)[0] + "."
    for temp in path.parent.glob(f"{prefix}*{TEMP_SUFFIX}"):
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


@contextlib.contextmanager
def exclusive(path: Path, what: str, *, wait: bool = False) -> Iterator[None]:
    """Hold ``path`` for one filling-in session: a second one for the same file is refused at
    once, instead of both autosaving over one progress file; with ``wait``, the second waits
    its turn instead (a quick read-modify-write of the file). The lock goes with the process."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no advisory locks on this system
        yield
        return
    lock = path.with_name(f".{path.name}.lock")
    while True:
        fd = _open_lock(lock)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except OSError:
            os.close(fd)
            raise InputError.single(
                f"another session is filling in this {what} right now",
                str(path),
                fix=Fix.WAIT_OR_OTHER_OUT,
            ) from None
        if _same_file(lock, fd):
            break
        os.close(fd)  # its holder removed it while we waited: lock the one there now
    try:
        yield
    finally:
        remove_quietly(lock)
        os.close(fd)


def _same_file(path: Path, fd: int) -> bool:
    try:
        return os.stat(path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
    except OSError:
        return False


_LOCK_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | os.O_NONBLOCK
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _open_lock(lock: Path) -> int:
    """The lock file, opened without following a link, and only if it is a regular file of
    this user's: in a shared folder, someone else's link or file there is refused."""
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, _LOCK_FLAGS, PRIVATE)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _foreign_lock(lock, "a symbolic link") from None
        raise _cannot_write(lock, exc) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
        os.close(fd)
        what = "not a regular file" if not stat.S_ISREG(info.st_mode) else "someone else's file"
        raise _foreign_lock(lock, what)
    return fd


def _foreign_lock(lock: Path, what: str) -> InputError:
    return InputError.single(
        f"this lock file is {what}; ownerdiag never uses it",
        str(lock),
        "remove it, or write the response in a folder only you can write",
    )


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
