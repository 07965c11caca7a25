"""Writing a file all at once or not at all: the one atomic writer, for saves and exports.

The new content is written to an unnamed file in the target's folder
(Linux ``O_TMPFILE``): if the process is killed before it is complete, the
kernel frees it and nothing is left behind. Once it is complete and synced,
it is linked under a hidden temporary name and renamed over the target in
one step, so a reader sees the old file or the new one, never half of one.
Where ``O_TMPFILE`` is not available the content goes to a named
``.NAME.PID.XXXX.part`` file at once. Either way, a part file whose process
is gone (killed in the instant between link and rename) is removed by the
next write to the same target.

The target keeps its permissions (a 0600 file stays 0600; a new file gets
0666 less the umask), and a symbolic link is followed: the file it points
to is replaced, the link stays.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path


class WriteFailed(OSError):
    """A write that did not happen; the old file, if any, is as it was.

    ``reason`` is the system's reason in plain words ("No space left on device").
    """

    def __init__(self, path: Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"cannot write {self.path.name}: {reason}")


def write_atomically(path: str | os.PathLike[str], data: bytes | Iterable[bytes]) -> None:
    """Replace ``path`` with ``data`` (bytes, or an iterable of byte chunks) in one step; raise WriteFailed."""
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    folder = target.parent if str(target.parent) else Path(".")
    mode = _mode_for(target)
    remove_stale_parts(target)
    try:
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as error:
        raise WriteFailed(target, _reason(error)) from None
    part: str | None = None
    try:
        fd, part = _open_part(folder_fd, target.name, mode)
        try:
            with os.fdopen(fd, "wb", closefd=False) as stream:
                for chunk in [data] if isinstance(data, (bytes, bytearray, memoryview)) else data:
                    stream.write(chunk)
                stream.flush()
            os.fchmod(fd, mode)  # the umask may have narrowed the mode given at creation
            os.fsync(fd)
            if part is None:  # an unnamed file: it gets a name only now that it is complete
                part = _part_name(target.name)
                _give_name(fd, folder_fd, part, mode)
        finally:
            os.close(fd)
        os.replace(part, target.name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
        part = None
        with contextlib.suppress(OSError):  # make the rename durable where the file system allows
            os.fsync(folder_fd)
    except OSError as error:
        raise WriteFailed(target, _reason(error)) from None
    finally:
        if part is not None:
            with contextlib.suppress(OSError):
                os.unlink(part, dir_fd=folder_fd)
        os.close(folder_fd)


def _give_name(fd: int, folder_fd: int, part: str, mode: int) -> None:
    """Link the unnamed file ``fd`` into the folder as ``part``; copy it there where linking is not allowed."""
    try:
        os.link(f"/proc/self/fd/{fd}", part, dst_dir_fd=folder_fd, follow_symlinks=True)
        return
    except OSError as error:
        if error.errno not in (errno.ENOENT, errno.EXDEV, errno.EPERM, errno.EOPNOTSUPP, errno.EINVAL):
            raise
    copy = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode, dir_fd=folder_fd)
    try:
        offset = 0
        while chunk := os.pread(fd, 1 << 20, offset):
            os.write(copy, chunk)
            offset += len(chunk)
        os.fsync(copy)
    finally:
        os.close(copy)


def _mode_for(target: Path) -> int:
    """The permissions the written file gets: the target's own, or 0666 less the umask for a new file."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
    except OSError as error:
        raise WriteFailed(target, _reason(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise WriteFailed(target, "it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise WriteFailed(target, "it is not a regular file (a pipe or a device)")
    return stat.S_IMODE(info.st_mode)


def _open_part(folder_fd: int, name: str, mode: int) -> tuple[int, str | None]:
    """A descriptor to write to: an unnamed file in the folder (None for its name), else a named part file."""
    tmpfile = getattr(os, "O_TMPFILE", 0)
    if tmpfile:
        try:
            return os.open(".", tmpfile | os.O_RDWR | os.O_CLOEXEC, mode, dir_fd=folder_fd), None
        except OSError as error:
            if error.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
                raise
    part = _part_name(name)
    return os.open(part, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode, dir_fd=folder_fd), part


def _part_name(name: str) -> str:
    return f".{name}.{os.getpid()}.{secrets.token_hex(4)}.part"


def part_files(target: Path) -> list[Path]:
    """The part files of writes to ``target`` (finished writes leave none)."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(re.escape(f".{target.name}.") + r"(\d+)\.[0-9a-f]{8}\.part")
    try:
        return [folder / entry for entry in os.listdir(folder) if pattern.fullmatch(entry)]
    except OSError:
        return []


def remove_stale_parts(target: Path) -> None:
    """Remove the part files of writes to ``target`` whose process no longer runs."""
    for part in part_files(target):
        pid = int(part.name.rsplit(".", 3)[-3])
        if pid != os.getpid() and not _running(pid):
            with contextlib.suppress(OSError):
                os.unlink(part)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OverflowError:
        return False
    return True


def _reason(error: OSError) -> str:
    """The system's reason for ``error`` in plain words: 'No space left on device', 'Permission denied'."""
    return error.strerror or str(error)
