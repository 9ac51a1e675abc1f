"""The writer's promises a user would notice, each against a mutant the fast suite let live
(issue 29): a replaced report that stays world-readable, temp files of killed writers that pile
up, and a live writer's temp file swept from under it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ownerdiag.errors import InputError
from ownerdiag.files import storage


@pytest.fixture
def umask() -> Iterator[None]:
    """Run under a given umask (the writer reads it once per process: forget it around)."""
    old = os.umask(0o022)
    storage.current_umask.cache_clear()
    yield
    os.umask(old)
    storage.current_umask.cache_clear()


def set_umask(mask: int) -> None:
    os.umask(mask)
    storage.current_umask.cache_clear()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_readable_by_its_owner_only(tmp_path: Path, umask: None):
    out = tmp_path / "report.md"
    storage.write_atomic(out, "# report\n")
    assert mode(out) == 0o600 and out.read_text() == "# report\n"


def test_a_world_readable_file_replaced_becomes_private(tmp_path: Path, umask: None):
    out = tmp_path / "report.md"
    out.write_text("old\n")
    out.chmod(0o644)
    storage.write_atomic(out, "new\n")
    assert mode(out) == 0o600 and out.read_text() == "new\n"


def test_replacing_a_file_never_loosens_its_mode(tmp_path: Path, umask: None):
    out = tmp_path / "report.md"
    out.write_text("old\n")
    out.chmod(0o400)
    storage.write_atomic(out, "new\n")
    assert mode(out) == 0o400


def test_a_stricter_umask_is_honoured(tmp_path: Path, umask: None):
    set_umask(0o277)
    out = tmp_path / "report.md"
    storage.write_atomic(out, "new\n")
    assert mode(out) == 0o400


def dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def temp_of(path: Path, pid: int | str, rest: str = "abc123") -> Path:
    prefix = storage._temp_prefix(path).split(".")[1]  # "od-<digest of the name>"
    return path.parent / f".{prefix}.{pid}-{rest}{storage.TEMP_SUFFIX}"


def test_a_killed_writer_s_temp_file_is_swept_on_the_next_write(tmp_path: Path):
    out = tmp_path / "response.yaml"
    stale = temp_of(out, dead_pid())
    stale.write_text("half a file")
    storage.write_atomic(out, "whole\n")
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["response.yaml"]


def test_a_live_writer_s_temp_file_and_other_files_are_kept(tmp_path: Path):
    out = tmp_path / "response.yaml"
    other = tmp_path / "other.yaml"
    dead = dead_pid()
    keep = [
        temp_of(out, os.getpid()),  # a writer still running
        temp_of(out, "notapid"),  # not a temp name we made
        temp_of(other, dead),  # another file's temp: its own writer sweeps it
        temp_of(out, dead).with_suffix(".yaml"),  # not a temp file at all
    ]
    gone = temp_of(out, dead, "zzz999")
    for path in [*keep, gone]:
        path.write_text("x")
    storage.sweep_stale_temps(out)
    assert all(p.exists() for p in keep)
    assert not gone.exists()


def test_a_process_is_alive_while_it_runs_and_not_after(monkeypatch: pytest.MonkeyPatch):
    assert storage._alive(os.getpid())
    assert not storage._alive(dead_pid())

    def not_ours(pid: int, signal: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "kill", not_ours)
    assert storage._alive(1)  # someone else's process: alive, and its temp files are kept


def test_a_device_node_is_never_replaced(tmp_path: Path):
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs privileges this test does not have")
    for force in (True, False):
        with pytest.raises(InputError, match="not a regular file"):
            storage.write_atomic(node, "text", force=force)
        with pytest.raises(InputError, match="not a regular file"):
            storage.refuse_overwrite(node, force=force)
    assert stat.S_ISCHR(node.stat().st_mode)


# --- second pass: the one-line refusals and where files go ------------------------------------


def message(error: pytest.ExceptionInfo[InputError]) -> str:
    (problem,) = error.value.problems
    return str(problem)


def test_progress_is_kept_beside_the_final_file(tmp_path: Path):
    assert storage.partial_path(tmp_path / "dana.yaml") == tmp_path / "dana.yaml.partial"


def test_saved_progress_is_never_dropped_silently(tmp_path: Path):
    partial = tmp_path / "dana.yaml.partial"
    with pytest.raises(InputError) as error:
        storage.check_partial(partial, resume=True, force=False)
    assert message(error) == f"{partial}: nothing to resume"
    assert error.value.problems[0].fix is storage.Fix.START_AFRESH
    assert storage.check_partial(partial, resume=False, force=False) is False
    partial.write_text("answers: {}\n")
    assert storage.check_partial(partial, resume=True, force=False) is True
    assert storage.check_partial(partial, resume=False, force=True) is False
    with pytest.raises(InputError) as error:
        storage.check_partial(partial, resume=False, force=False)
    assert message(error) == f"{partial}: unfinished work is saved here"
    assert error.value.problems[0].fix is storage.Fix.CONTINUE_OR_RESTART


def test_an_existing_target_an_input_or_a_folder_is_refused_in_one_line(tmp_path: Path):
    out = tmp_path / "report.md"
    storage.refuse_overwrite(out, force=False)  # nothing there yet
    out.write_text("old\n")
    with pytest.raises(InputError) as error:
        storage.refuse_overwrite(out, force=False, what="report")
    assert message(error) == f"{out}: report already exists"
    assert error.value.problems[0].fix is storage.Fix.REPLACE
    with pytest.raises(InputError) as error:
        storage.refuse_overwrite(out, force=False)
    assert message(error) == f"{out}: file already exists"
    storage.refuse_overwrite(out, force=True)
    with pytest.raises(InputError) as error:
        storage.refuse_overwrite(out, force=True, inputs=[tmp_path / "other.md", out])
    assert message(error) == (
        f"{out}: is one of this command's own inputs; it is never written over"
    )
    assert error.value.problems[0].fix is storage.Fix.CHOOSE_OTHER_OUT
    with pytest.raises(InputError) as error:
        storage.refuse_overwrite(tmp_path, force=True)
    assert message(error) == (
        f"{tmp_path}: is not a regular file (a folder, device or pipe); ownerdiag writes only files"
    )
    assert error.value.problems[0].fix is storage.Fix.CHOOSE_OTHER_OUT


def test_a_write_makes_missing_folders_and_leaves_only_the_file(tmp_path: Path):
    out = tmp_path / "a" / "b" / "report.md"
    storage.write_atomic(out, "é\n")
    storage.write_atomic(out, b"bytes\n")
    assert out.read_bytes() == b"bytes\n"
    assert [p.name for p in out.parent.iterdir()] == ["report.md"]
    storage.write_atomic(tmp_path / "c.md", "é\n", durable=False)
    assert (tmp_path / "c.md").read_bytes() == "é\n".encode()


def test_a_file_that_appeared_meanwhile_is_kept_and_named(tmp_path: Path):
    out = tmp_path / "dana.yaml"
    out.write_text("theirs\n")
    with pytest.raises(InputError) as error:
        storage.write_atomic(out, "ours\n", force=False)
    assert message(error) == f"{out}: already exists (written by someone else meanwhile)"
    assert error.value.problems[0].fix is storage.Fix.REPLACE
    assert out.read_text() == "theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["dana.yaml"]


def test_a_folder_that_cannot_be_made_is_named_in_one_line(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    storage.make_folder(tmp_path / "new" / "deeper")
    storage.make_folder(tmp_path / "new")  # already there: fine
    with pytest.raises(InputError) as error:
        storage.make_folder(blocker / "sub")
    assert message(error) == (
        f"{blocker / 'sub'}: cannot create this folder: Not a directory; "
        "check the path and its permissions"
    )
    with pytest.raises(InputError) as error:
        storage.write_atomic(blocker / "sub" / "out.md", "x")
    assert message(error) == f"{blocker / 'sub' / 'out.md'}: cannot write: Not a directory"


def test_the_temp_file_is_beside_the_target_and_named_so_a_later_write_sweeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to see which file a descriptor writes")
    out = tmp_path / "dana.yaml"
    written: list[Path] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        written.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    storage.write_atomic(out, "whole\n")
    temp = written[0]  # the first fsync is the temp file's, before the rename
    assert temp.parent == tmp_path and temp.suffix == storage.TEMP_SUFFIX
    assert temp.name.startswith(storage._temp_prefix(out))
    # had this writer been killed there, the next write would have swept its temp file
    monkeypatch.undo()
    left = temp_of(out, dead_pid(), temp.name.rsplit("-", 1)[1].removesuffix(".tmp"))
    left.write_text("half")
    storage.write_atomic(out, "again\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dana.yaml"]


def test_a_file_name_that_is_not_utf_8_is_written_and_swept_like_any_other(tmp_path: Path):
    out = tmp_path / "caf\udce9.yaml"  # the byte 0xE9 on its own, as a Latin-1 system names it
    stale = temp_of(out, dead_pid())
    stale.write_text("half")
    storage.write_atomic(out, "whole\n")
    assert out.read_text() == "whole\n"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
