"""Keep a preview server's site folder between builds: rewrite only the files that change.

Serves the live-preview targets of the benchmark report (``errorbook serve`` / ``mkdocs
serve``: from saving an entry to the served page showing it, at most 2 s at 1,000 entries and
5 s at 10,000). MkDocs empties the site folder before every build and writes every page and
copies every file again: at 1,000 entries, about 2,100 files and 3,000 folders, a large part of
a rebuild after a one-entry edit. Under ``serve`` the plugin puts `KeptSite` in place of
MkDocs' three file functions instead:

- `KeptSite.clean` (for ``clean_directory``) empties nothing; it notes each file's status.
- `KeptSite.write_file` and `KeptSite.copy_file` skip a file whose bytes (or whose source, as
  its status shows it) are what this object last put there, and the file is still as it left
  it; otherwise they call MkDocs' own function.
- `KeptSite.finish`, after every other plugin's last event, deletes each file that was there
  before the build and that the build neither kept nor rewrote (its status is unchanged), then
  the folders left empty: the folder then holds what a build into an empty folder would.

Hidden entries at the top of the folder are left alone, as ``clean_directory`` does.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

#: A file's status, as far as telling a rewrite apart goes.
Status = tuple[int, int, int, int]
Write = Callable[[bytes, str], None]
Copy = Callable[[str, str], None]
_MISSING: Status = (0, 0, 0, 0)


class KeptSite:
    """The site folder of one preview server, kept across its builds."""

    def __init__(self, write: Write, copy: Copy) -> None:
        self._write, self._copy = write, copy
        self._root: Path | None = None
        self._before: dict[Path, Status] = {}
        self._kept: set[Path] = set()
        #: What this object put at each path: (a digest of its bytes or source, its status).
        self._made: dict[Path, tuple[bytes, Status]] = {}

    def clean(self, directory: str) -> None:
        """Begin a build into ``directory``: note what is there, delete nothing."""
        self._root = Path(directory).absolute()
        self._before = _files(self._root)
        self._kept = set()

    def write_file(self, content: bytes, output_path: str) -> None:
        """MkDocs' ``write_file``, skipped when ``output_path`` already holds ``content``."""
        self._make(Path(output_path), hashlib.blake2b(content, digest_size=16).digest(), content)

    def copy_file(self, source_path: str, output_path: str) -> None:
        """MkDocs' ``copy_file``, skipped when ``output_path`` is a copy of ``source_path`` as
        it is now."""
        output, source = Path(output_path), Path(source_path)
        if output.is_dir():
            output = output / source.name
        status = _status(source)
        key = repr((str(source.absolute()), status)).encode()
        self._make(output, key if status != _MISSING else b"", source_path)

    def finish(self) -> None:
        """End the build: delete what it did not make, and the folders left empty."""
        if self._root is None:
            return
        for path, status in self._before.items():
            if path not in self._kept and _status(path) == status:
                path.unlink()
                self._made.pop(path, None)
        for folder, _, _ in os.walk(self._root, topdown=False):
            here = Path(folder)
            hidden = here != self._root and here.relative_to(self._root).parts[0][0] == "."
            if here != self._root and not hidden and not any(here.iterdir()):
                here.rmdir()
        self._root = None

    def _make(self, path: Path, key: bytes, what: bytes | str) -> None:
        path = path.absolute()
        made = self._made.get(path)
        if self._root is None or not key or made is None or made != (key, _status(path)):
            if isinstance(what, bytes):
                self._write(what, str(path))
            else:
                self._copy(what, str(path))
        if self._root is not None:
            self._kept.add(path)
            status = _status(path)
            if key and status != _MISSING:
                self._made[path] = (key, status)


def _files(root: Path) -> dict[Path, Status]:
    found: dict[Path, Status] = {}
    try:
        top = [path for path in root.iterdir() if not path.name.startswith(".")]
    except OSError:
        return found
    for path in top:
        if path.is_dir() and not path.is_symlink():
            for folder, _, names in os.walk(path):
                for name in names:
                    found[Path(folder, name)] = _status(Path(folder, name))
        else:
            found[path] = _status(path)
    return found


def _status(path: Path) -> Status:
    """Size, modification and change times and inode; all zero for a missing file."""
    try:
        info = path.stat()
    except OSError:
        return _MISSING
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
