"""The one atomic writer: all or nothing, permissions kept, no part file outlives a failed or killed write."""

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from explorer.model.formats import atomic
from explorer.model.formats.atomic import WriteFailed, part_files, write_atomically

ROOT = Path(__file__).resolve().parents[2]


def test_a_new_file_gets_the_umask_and_an_existing_one_keeps_its_mode(tmp_path):
    mask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.csv", b"label,x\r\nA,3\r\n")
        assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o644
        private = tmp_path / "private.csv"
        private.write_bytes(b"old")
        private.chmod(0o600)
        write_atomically(private, [b"label,x\r\n", b"A,3\r\n"])
        assert private.stat().st_mode & 0o777 == 0o600
        assert private.read_bytes() == b"label,x\r\nA,3\r\n"
    finally:
        os.umask(mask)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.csv", "private.csv"]


def test_a_symbolic_link_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomically(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_failed_write_leaves_the_old_file_and_no_part_file(tmp_path, monkeypatch, step):
    target = tmp_path / "kept.csv"
    target.write_bytes(b"old")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    if step == "write":
        monkeypatch.setattr(atomic.os, "fdopen", lambda *a, **k: _FullStream())
    else:
        monkeypatch.setattr(atomic.os, step, full)
    with pytest.raises(WriteFailed) as error:
        write_atomically(target, b"new content")
    monkeypatch.undo()
    assert str(error.value) == "cannot write kept.csv: No space left on device"
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.csv"]


class _FullStream:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")


def test_without_o_tmpfile_the_named_part_file_is_removed_on_failure(tmp_path, monkeypatch):
    monkeypatch.delattr(atomic.os, "O_TMPFILE", raising=False)
    target = tmp_path / "t.csv"
    write_atomically(target, b"one")
    assert target.read_bytes() == b"one"

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(WriteFailed, match="Permission denied"):
        write_atomically(target, b"two")
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_pipes_folders_and_devices_are_not_written_over(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(WriteFailed, match="it is not a regular file"):
        write_atomically(tmp_path / "pipe.csv", b"x")
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(WriteFailed, match="it is a folder"):
        write_atomically(tmp_path / "folder.csv", b"x")


KILLED_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from explorer.model.formats import atomic

    stop_at, target, ready = sys.argv[1], sys.argv[2], sys.argv[3]
    real = getattr(os, stop_at)

    def pause(*args, **kwargs):
        open(ready, "w").close()  # everything is written and synced: the parent kills us now
        time.sleep(60)
        return real(*args, **kwargs)

    if stop_at == "link" and not hasattr(os, "O_TMPFILE"):
        stop_at = "replace"
    setattr(atomic.os, stop_at, pause)
    atomic.write_atomically(target, b"x" * 5_000_000)
    """
)


@pytest.mark.parametrize("stop_at", ["link", "replace"])
def test_kill_9_between_write_and_rename_leaves_the_old_file_and_no_part_file(tmp_path, stop_at):
    target = tmp_path / "export.csv"
    target.write_bytes(b"the old export")
    ready = tmp_path / "ready"
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, stop_at, str(target), str(ready)], cwd=ROOT, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the writer never reached the rename"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()
    ready.unlink()
    assert target.read_bytes() == b"the old export"
    if stop_at == "link":
        # Killed before the content had a name: the kernel freed it.
        assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]
    else:
        # Killed in the instant between link and rename: the part file of a dead process
        # goes with the next write to the same target.
        assert len(part_files(target)) == 1
        write_atomically(target, b"the new export")
        assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]
        assert target.read_bytes() == b"the new export"
