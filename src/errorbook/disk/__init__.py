"""How errorbook looks at the disk: one folder walk and one bounded read, shared by every stage.

The catalog reader, the writer and the nothing-changed record must agree on which files exist,
or the record could vouch for a file the reader never saw. So they all walk with `walk`: without
recursion (a folder 2,000 levels deep is only a long path), in sorted order, following symbolic
links to files and folders as any reader of those files would, and reporting what it cannot
follow (a link that leads nowhere, or into a folder that contains it) instead of skipping it.

`read_regular` opens a file without blocking and reads it only when it is a regular file of at
most a given size: a FIFO would block a plain ``open()`` forever, and ``/dev/zero`` never ends.
"""

# Paths are strings here: a run handles thousands, and Path objects cost more than the calls.
# ruff: noqa: PTH115, PTH116

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

#: ``file``: a regular file (perhaps through links); ``special``: a FIFO, socket or device;
#: ``dangling``: a link that leads nowhere; ``loop``: a link that leads into a loop (to itself,
#: or to a folder that contains it); ``unreadable``: a folder that could not be listed.
Kind = Literal["file", "special", "dangling", "loop", "unreadable"]
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True, slots=True)
class Found:
    """One thing `walk` found below a folder.

    Attributes:
        path: Where it was found: the folder walked, joined with the names on the way (links
            are not resolved, so a file reached through a linked folder is named below it).
        kind: What it is; see `Kind`.
        stat: Its status, through links; None unless ``kind`` is ``file`` or ``special``.
        reason: For ``dangling``, ``loop`` and ``unreadable``: why, in a few words.
    """

    path: str
    kind: Kind
    stat: os.stat_result | None = None
    reason: str = ""


#: What a fingerprint keeps of a file's status: size, modification and change times, inode.
#: (A whole ``os.stat_result`` weighs about a kilobyte; tens of thousands are kept at once.)
StatKey = tuple[int, int, int, int]


def stat_key(info: os.stat_result) -> StatKey:
    """The `StatKey` of a file's status."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def visible(name: str) -> bool:
    """True for names errorbook reads: not hidden (``.git``, ``.x.yaml.swp``), not bytecode."""
    return not name.startswith(".") and name != "__pycache__"


def walk(
    top: str,
    keep: Callable[[str], bool] = visible,
    *,
    into_links: bool = True,
    names: dict[str, list[str]] | None = None,
) -> Iterator[Found]:
    """Every file below the folder ``top``, by path in sorted order, through symbolic links.

    Args:
        top: The folder; nothing is found when it is missing or not a folder.
        keep: Which names to look at; folders whose name it refuses are not entered.
        into_links: Enter linked folders too (files are always followed); without it, only the
            folders really below ``top`` are walked.
        names: When given, receives every folder walked (``top`` included) with all its names.
    """
    try:
        info = os.stat(top)
    except OSError:
        return
    if not stat.S_ISDIR(info.st_mode):
        return
    listing = _listing(top, names)
    if isinstance(listing, Found):
        yield listing
        return
    # One frame per open folder: (its remaining entries, the folders that contain it).
    stack = [(iter(listing), frozenset({(info.st_dev, info.st_ino)}))]
    while stack:
        entries, above = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if not keep(entry.name):
            continue
        try:
            info = entry.stat()
        except OSError as error:
            found = _unfollowable(entry.path, error)
            if found is not None:
                yield found
            continue
        if not stat.S_ISDIR(info.st_mode):
            kind: Kind = "file" if stat.S_ISREG(info.st_mode) else "special"
            yield Found(entry.path, kind, info)
            continue
        key = (info.st_dev, info.st_ino)
        if key in above:
            yield Found(entry.path, "loop", reason="it leads to a folder that contains it")
        elif into_links or not entry.is_symlink():
            listing = _listing(entry.path, names)
            if isinstance(listing, Found):
                yield listing
            else:
                stack.append((iter(listing), above | {key}))


def _listing(folder: str, names: dict[str, list[str]] | None) -> list[os.DirEntry[str]] | Found:
    try:
        with os.scandir(folder) as entries:
            listing = sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        return Found(folder, "unreadable", reason=error.strerror or str(error))
    if names is not None:
        names[folder] = [entry.name for entry in listing]
    return listing


def _unfollowable(path: str, error: OSError) -> Found | None:
    """A link that cannot be followed, or None for a file deleted while the walk ran."""
    if error.errno == errno.ELOOP:
        return Found(path, "loop", reason="it leads to itself through links")
    try:
        target = os.readlink(path)
    except FileNotFoundError:
        return None  # it vanished between listing and looking
    except OSError:  # not a link, yet it cannot be looked at (e.g. its path is too long)
        return Found(path, "unreadable", reason=error.strerror or str(error))
    why = "does not exist" if error.errno == errno.ENOENT else f"cannot be read ({error.strerror})"
    return Found(path, "dangling", reason=f"its target {target} {why}")


class NotRegularFile(OSError):
    """The path names something other than a regular file; `what` says what, e.g. a FIFO."""

    def __init__(self, path: str, what: str) -> None:
        super().__init__(errno.EINVAL, f"it is {what}, not a regular file", path)
        self.what = what


class FileTooLarge(OSError):
    """The file is larger than the reader allows; `size` is its size in bytes."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"it has {size:,} bytes, more than {limit:,}", path)
        self.size = size


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file, never blocking on anything else.

    Raises:
        NotRegularFile: It is a folder, FIFO, socket or device (checked on the opened file,
            so it cannot be swapped in between).
        FileTooLarge: It holds more than ``limit`` bytes.
        OSError: It cannot be opened or read.
    """
    return _read(path, limit, whole=True)


def read_head(path: str | os.PathLike[str], size: int) -> bytes:
    """At most the first ``size`` bytes of a regular file; see `read_regular`."""
    return _read(path, size, whole=False)


def _read(path: str | os.PathLike[str], limit: int, *, whole: bool) -> bytes:
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(os.fspath(path), describe(info.st_mode))
        if whole and info.st_size > limit:
            raise FileTooLarge(os.fspath(path), info.st_size, limit)
        chunks: list[bytes] = []
        # One read for the whole file, and one to see its end.
        size, wanted = 0, min(info.st_size, limit) + 1
        while chunk := os.read(descriptor, wanted):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                if whole:  # it grew while being read
                    raise FileTooLarge(os.fspath(path), size, limit)
                return b"".join(chunks)[:limit]
            wanted = 1 << 16
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def describe(mode: int) -> str:
    """What a file of this mode is, for a message: ``a FIFO``, ``a folder``..."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISREG, "a regular file"),
    )
    return next((what for test, what in kinds if test(mode)), "not a regular file")
