"""The status of the files under some folders, to tell which changed since it was taken.

Serves the live-preview targets of the benchmark report (``errorbook serve`` / ``mkdocs
serve``: from saving an entry to the served page showing it, at most 2 s at 1,000 entries):
the page rebuild of a preview server (`errorbook.docs.page_rebuild`) compares the status of
every watched file with the one its last build saw, instead of reading them all again, and the
layout memo keys on the templates of a theme's ``custom_dir`` the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

#: A file's status as far as telling a change goes: modification and change times, inode, size.
Status = tuple[int, int, int, int]


def file_status(roots: Iterable[Path]) -> dict[str, Status]:
    """The status of every file under ``roots`` (files or folders), by absolute path; links
    to folders are followed, as MkDocs follows them to find the site's files."""
    found: dict[str, Status] = {}
    for root in roots:
        if root.is_file():
            found[str(root)] = _status(root.stat())
        elif root.is_dir():
            _walk(str(root), found, set())
    return found


def _walk(folder: str, found: dict[str, Status], seen: set[str]) -> None:
    real = os.path.realpath(folder)
    if real in seen:  # a link to a folder above it
        return
    seen.add(real)
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return
    for entry in listing:
        try:
            if entry.is_dir():
                _walk(entry.path, found, seen)
            else:
                found[entry.path] = _status(entry.stat())
        except OSError:
            continue
    seen.discard(real)


def _status(info: os.stat_result) -> Status:
    # The change time and inode too: a file copied back with its old modification time and
    # size (``cp -p``, ``touch -r``) is still a change.
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_size)
