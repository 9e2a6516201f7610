"""The only writer: apply a plan (`errorbook.write.files`) so that no file is ever half-written.

Writing happens in two phases, so a run that fails or is killed (SIGKILL, out of memory) leaves
every generated file absent, as it was, or as the run meant it, and a plain re-run converges:

1. *Stage.* Every new text is written under a temporary name next to its target
   (``.NAME.PID-RANDOM.errorbook-tmp``); a folder that does not exist yet is built whole under
   such a name, which costs no more than writing its files in place (a cold run). Anything that
   can fail (a read-only folder, a full disk, a file where a folder must go) fails here, and the
   temporaries are removed: disk is left as it was.
2. *Commit.* Each temporary is renamed onto its target (a new folder at once), then stale files
   are deleted, and folders they leave empty are removed.

Temporaries an interrupted run left behind are removed by the next run that writes: runs hold
the project's lock (`errorbook.write.lock`), so no live run's temporaries can be among them.
"""

# Paths are strings here: a run handles thousands, and Path objects cost more than the calls.
# ruff: noqa: PTH102, PTH105, PTH106, PTH108, PTH112, PTH116, PTH118, PTH120

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from errorbook.core.errors import OutputError
from errorbook.disk import StatKey, stat_key, walk
from errorbook.write.files import FileChange, file_in_the_way, make_plan

_SUFFIX = ".errorbook-tmp"


@dataclass(frozen=True)
class Written:
    """What writing did.

    Attributes:
        changes: The files created, updated or deleted.
        footprint: Every visible regular file of the managed folders with its status as this
            run left it: as found for files it did not touch, as written for the others.
    """

    changes: tuple[FileChange, ...]
    footprint: Mapping[str, StatKey]


def write_outputs(files: Mapping[Path, str], managed: Iterable[Path] = ()) -> list[FileChange]:
    """Write what changed and delete stale generated files; no file is ever seen half-written.

    Nothing is written when any target is a file errorbook does not own, and nothing is
    changed when any file cannot be written.

    Returns:
        The changes made.

    Raises:
        OutputError: A file could not be written, or belongs to someone else.
    """
    return list(write_changes(files, managed).changes)


def write_changes(files: Mapping[Path, str], managed: Iterable[Path] = ()) -> Written:
    """`write_outputs`, also returning what the managed folders hold afterwards."""
    plan = make_plan(files, managed)
    for leftover in plan.leftovers:
        remove_tree(leftover)
    footprint = dict(plan.found)
    writes = [change for change in plan.changes if change.kind != "delete"]
    deletes = [change for change in plan.changes if change.kind == "delete"]
    stage = _Stage(plan.managed)
    try:
        for change in writes:
            stage.add(change.path, change.new.encode("utf-8"), change.kind)
        for change in deletes:
            _check_deletable(change.path)
    except BaseException:
        stage.discard()
        raise
    stage.commit(footprint)
    for change in deletes:
        _delete(change.path, plan.managed)
        footprint.pop(str(change.path), None)
    return Written(plan.changes, footprint)


@dataclass
class _Stage:
    """The temporaries of one run, and what each becomes on commit."""

    managed: tuple[Path, ...]
    tag: str = field(default_factory=lambda: f"{os.getpid()}-{secrets.token_hex(4)}")
    #: Temporary → (its target, "replace", "file" (a new file) or "folder" (a new folder)).
    moves: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Missing folder → the new folder it is built in (None: it exists, or is made for real).
    roots: dict[str, str | None] = field(default_factory=dict)
    folders: dict[str, bool] = field(default_factory=dict)

    def add(self, path: Path, data: bytes, kind: str) -> None:
        target = str(path)
        try:
            root = self._root(os.path.dirname(target))
            if root is None:
                temporary = self._temporary(target)
                self.moves[temporary] = (target, "file" if kind == "create" else "replace")
            else:
                temporary = self._temporary(root) + target[len(root) :]
                make_folders(os.path.dirname(temporary), self.folders)
            _write_file(temporary, data)
        except (FileExistsError, NotADirectoryError):
            raise OutputError(file_in_the_way(path)) from None
        except OSError as error:
            raise OutputError(
                f"cannot write {path}: {error.strerror or error}; nothing was changed"
            ) from None

    def _root(self, folder: str) -> str | None:
        """The outermost missing folder above a target, built whole; None if none is missing.

        A missing managed folder itself is made for real first, so that every temporary lives
        inside a managed folder, where the next run finds it if this one is killed.
        """
        if folder in self.roots:
            return self.roots[folder]
        root: str | None = None
        if not self._exists(folder):
            base = next((str(m) for m in self.managed if Path(folder).is_relative_to(m)), None)
            if base is None or not self._exists(base):
                make_folders(base or folder, self.folders)
            if base is not None and not self._exists(folder):
                root = folder
                while not self._exists(os.path.dirname(root)):
                    root = os.path.dirname(root)
                if self._temporary(root) not in self.moves:
                    os.mkdir(self._temporary(root))
                    self.moves[self._temporary(root)] = (root, "folder")
        self.roots[folder] = root
        return root

    def _exists(self, folder: str) -> bool:
        exists = self.folders.get(folder)
        if exists is None:
            exists = self.folders[folder] = os.path.isdir(folder)
        return exists

    def _temporary(self, target: str) -> str:
        folder, name = os.path.split(target)
        return os.path.join(folder, f".{name}.{self.tag}{_SUFFIX}")

    def discard(self) -> None:
        for temporary in self.moves:
            remove_tree(temporary)

    def commit(self, footprint: dict[str, StatKey]) -> None:
        for temporary, (target, how) in sorted(self.moves.items(), key=lambda item: item[1]):
            try:
                _move(temporary, target, how)
            except OSError as error:
                self.discard()
                if error.errno in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR):
                    raise OutputError(
                        f"{target} appeared while errorbook was writing; run again"
                    ) from None
                raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
            if how == "folder":
                footprint.update(
                    (f.path, stat_key(f.stat)) for f in walk(target) if f.stat is not None
                )
            else:
                with contextlib.suppress(OSError):
                    footprint[target] = stat_key(os.stat(target))


def _write_file(path: str, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _move(temporary: str, target: str, how: str) -> None:
    """Rename ``temporary`` onto ``target``; a new file never replaces one that appeared."""
    if how != "file":  # a folder's rename never replaces a folder that has files
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # unlike a rename, a link never replaces a file
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "exists", target) from None
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def _check_deletable(path: Path) -> None:
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot delete {path}: its folder is not writable; nothing was changed")


def _delete(path: Path, managed: tuple[Path, ...]) -> None:
    try:
        path.unlink(missing_ok=True)  # already gone is what deleting wants
    except OSError as error:
        raise OutputError(f"cannot delete {path}: {error.strerror or error}") from None
    folder = path.parent
    while folder not in managed and any(folder.is_relative_to(m) for m in managed):
        try:
            folder.rmdir()
        except OSError:  # not empty (or gone): keep it
            return
        folder = folder.parent


def make_folders(folder: str, known: dict[str, bool] | None = None) -> None:
    """``os.makedirs`` without recursion: a code 2,000 folders deep is just a long path.

    ``known`` caches which folders exist, and learns the ones made.
    """
    known = {} if known is None else known
    missing: list[str] = []
    while not known.get(folder) and not os.path.isdir(folder):
        missing.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for path in reversed(missing):
        try:
            os.mkdir(path)
        except FileExistsError:
            if not os.path.isdir(path):
                raise
        known[path] = True


def remove_tree(path: str) -> None:
    """Remove a file or a whole folder, without recursion; what cannot be removed stays."""
    folders: list[str] = []
    pending = [path]
    while pending:
        current = pending.pop()
        if os.path.isdir(current) and not os.path.islink(current):  # noqa: PTH114
            folders.append(current)
            with contextlib.suppress(OSError), os.scandir(current) as entries:
                pending.extend(entry.path for entry in entries)
        else:
            with contextlib.suppress(OSError):
                os.unlink(current)
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            os.rmdir(folder)
