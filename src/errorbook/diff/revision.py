"""Lay out the catalog (and the configuration) as they were at a git revision, in a folder.

`errorbook diff` loads the old catalog with the ordinary loader; this module only puts the
old files on disk, at their repository paths below the snapshot folder: the configuration
file, the template folder it names, and the catalog folder, each read with ``git archive``.

Symbolic links are followed as in the working tree (see `errorbook.read.catalog_files`): a link
is recreated as it was, and what it leads to is taken from the same revision, so the loader
follows it exactly as it would have then. A link that leads out of the repository cannot be
read as it was at a revision, so it is reported (E026) instead of silently dropping its entries.
Nothing is ever written outside the snapshot folder.
"""

from __future__ import annotations

import io
import os
import posixpath
import subprocess
import tarfile
from dataclasses import dataclass, replace
from pathlib import Path

from errorbook.core.diagnostics import Diagnostic
from errorbook.core.errors import ConfigError, UsageError
from errorbook.read.config import Config, load_config, read_settings


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A catalog as it was at a revision, laid out below ``root`` at its repository paths.

    Attributes:
        config: The configuration to load it with; its catalog folder lies below ``root``.
        root: The folder that stands for the repository's top level.
        commit: The full commit id the revision named.
        note: Why today's configuration was used instead of the revision's, or None.
        problems: Links that could not be laid out (E026), at their paths below ``root``.
    """

    config: Config
    root: Path
    commit: str
    note: str | None = None
    problems: tuple[Diagnostic, ...] = ()


def snapshot(config: Config, revision: str, into: Path) -> Snapshot:
    """Write the catalog as it was at ``revision`` below ``into`` and configure it.

    The configuration file is read as it was at the revision, with the template folder it
    names then, so a changed ``base-uri`` or ``envelope`` shows in the comparison; when it had
    no usable errorbook settings then, today's settings are used and `Snapshot.note` says so.

    Args:
        config: Today's configuration; its file must lie inside a git work tree.
        revision: Anything ``git rev-parse`` understands: ``HEAD~1``, a tag, a branch.
        into: An empty folder that receives the files.

    Returns:
        The snapshot.

    Raises:
        UsageError: git is missing, this is not a git work tree, the revision is unknown, or
            the catalog folder did not exist at that revision.
    """
    top = _top_level(config.root)
    taker = _Taker(top, _commit(top, revision), into)
    config_path = _inside(config.source, top, "the configuration file")
    old_config, note = _old_config(config, taker, config_path)
    catalog = _inside(old_config.catalog, into, "the catalog folder")
    if not taker.exists(catalog.as_posix()):
        raise UsageError(
            f"{catalog.as_posix()}/ does not exist at {revision}: "
            "compare with a revision that has the catalog"
        )
    taker.take(catalog.as_posix())
    return Snapshot(old_config, into, taker.commit, note, tuple(taker.problems))


def _old_config(config: Config, taker: _Taker, path: Path) -> tuple[Config, str | None]:
    into = taker.into
    catalog = _inside(config.catalog, taker.top, "the catalog folder")
    today = replace(config, root=into / path.parent, catalog=into / catalog)
    if not taker.exists(path.as_posix()):
        return today, f"{path.as_posix()} did not exist then; using today's settings"
    taker.take(path.as_posix())
    try:
        templates = read_settings(into / path).get("templates")
        if isinstance(templates, str) and "\0" not in templates:
            folder = posixpath.normpath(posixpath.join(path.parent.as_posix(), templates))
            if not folder.startswith(("../", "/")) and folder != ".." and taker.exists(folder):
                taker.take(folder)
        return load_config(into / path), None
    except ConfigError as error:
        reason = str(error).replace(str(into / path), path.as_posix())
        return today, f"{path.as_posix()} had no usable settings then ({reason}); using today's"


class _Taker:
    """Extracts paths of one commit below ``into``, following the symbolic links among them."""

    def __init__(self, top: Path, commit: str, into: Path) -> None:
        self.top, self.commit, self.into = top, commit, into.resolve()
        self.taken: list[str] = []
        self.links: list[str] = []
        self.problems: list[Diagnostic] = []

    def exists(self, path: str) -> bool:
        return bool(_git(self.top, "ls-tree", self.commit, "--", path))

    def take(self, path: str) -> None:
        """Extract ``path`` (a file or folder) and, in turn, whatever its links lead to."""
        pending = [path]
        while pending:
            current = pending.pop()
            if any(current == t or current.startswith(t + "/") for t in self.taken):
                continue
            self.taken.append(current)
            if current != path and not self.exists(current):
                # Perhaps through a linked folder: take that link, and the kernel follows it.
                # Otherwise the recreated link leads nowhere, which the loader reports.
                pending += self._linked_folders(current)
                continue
            archive = _git(self.top, "archive", "--format=tar", self.commit, "--", current)
            pending += self._extract(archive)
        self._check_links()

    def _linked_folders(self, path: str) -> list[str]:
        parts = path.split("/")
        prefixes = ("/".join(parts[:end]) for end in range(1, len(parts)))
        return [
            prefix
            for prefix in prefixes
            if _git(self.top, "ls-tree", self.commit, "--", prefix).startswith(b"120000 ")
        ][:1]

    def _extract(self, archive: bytes) -> list[str]:
        """Write the archive's files and links; return what the links lead to."""
        targets: list[str] = []
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
            for member in tar.getmembers():
                name = posixpath.normpath(member.name)
                if name.startswith(("../", "/")) or name == "..":
                    continue
                target = self.into / name
                if member.isfile():
                    stream = tar.extractfile(member)
                    if stream is not None:
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(stream.read())
                elif member.issym():
                    folder = posixpath.dirname(name)
                    leads = posixpath.normpath(posixpath.join(folder, member.linkname))
                    if member.linkname.startswith("/") or leads.startswith("../") or leads == "..":
                        self._outside(name, member.linkname)
                        continue
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.symlink_to(member.linkname)
                    self.links.append(name)
                    targets.append(leads)
        return targets

    def _check_links(self) -> None:
        """Remove any recreated link that, followed through others, leaves the snapshot."""
        for name in self.links:
            link = self.into / name
            resolved = Path(os.path.realpath(link))
            if link.is_symlink() and not resolved.is_relative_to(self.into):
                self._outside(name, str(link.readlink()))
                link.unlink()

    def _outside(self, name: str, target: str) -> None:
        message = (
            f"the symbolic link cannot be followed: its target {target} lies outside the "
            "repository, so what it held at the revision is unknown"
        )
        hint = "link only to files and folders of the repository"
        self.problems.append(Diagnostic(self.into / name, 1, 1, "E026", message, hint))


def _top_level(folder: Path) -> Path:
    try:
        return Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    except UsageError as error:
        if "not a git repository" not in str(error):
            raise
        message = "the project is not inside a git work tree: compare catalog folders instead"
        raise UsageError(message) from None


def _commit(top: Path, revision: str) -> str:
    if revision.startswith("-"):
        raise UsageError(f"{revision!r} is not a git revision")
    try:
        return (
            _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
        )
    except UsageError:
        shallow = _git(top, "rev-parse", "--is-shallow-repository").decode().strip() == "true"
        hint = (
            "; this clone is shallow: fetch more history (git fetch --unshallow)" if shallow else ""
        )
        raise UsageError(f"unknown git revision {revision!r}{hint}") from None


def _inside(path: Path, top: Path, what: str) -> Path:
    try:
        return path.resolve().relative_to(top.resolve())
    except ValueError:
        raise UsageError(f"{what} {path} is not inside the git work tree {top}") from None


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("comparing with a revision needs git, which is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise UsageError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
    return done.stdout
