"""Lay out the catalog (and the configuration) as they were at a git revision, in a folder.

`errorbook diff` loads the old catalog with the ordinary loader; this module only puts the
old files on disk. It runs ``git archive`` once for the catalog folder and once for the
configuration file, and writes regular files only (never symlinks, never outside the folder).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass, replace
from pathlib import Path

from errorbook.core.errors import ConfigError, UsageError
from errorbook.read.config import Config, load_config


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A catalog as it was at a revision, laid out below ``root`` at its repository paths.

    Attributes:
        config: The configuration to load it with; its catalog folder lies below ``root``.
        root: The folder that stands for the repository's top level.
        commit: The full commit id the revision named.
        note: Why today's configuration was used instead of the revision's, or None.
    """

    config: Config
    root: Path
    commit: str
    note: str | None = None


def snapshot(config: Config, revision: str, into: Path) -> Snapshot:
    """Write the catalog as it was at ``revision`` below ``into`` and configure it.

    The configuration file is read as it was at the revision, so a changed ``base-uri`` or
    ``envelope`` shows in the comparison; when it had no usable errorbook settings then,
    today's settings are used and `Snapshot.note` says so.

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
    commit = _commit(top, revision)
    config_path = _inside(config.source, top, "the configuration file")
    old_config, note = _old_config(config, top, commit, config_path, into)
    catalog = _inside(old_config.catalog, into, "the catalog folder")
    if not _git(top, "ls-tree", "-d", commit, "--", catalog.as_posix()):
        raise UsageError(
            f"{catalog.as_posix()}/ does not exist at {revision}: "
            "compare with a revision that has the catalog"
        )
    _extract(_git(top, "archive", "--format=tar", commit, "--", catalog.as_posix()), into)
    return Snapshot(old_config, into, commit, note)


def _old_config(
    config: Config, top: Path, commit: str, path: Path, into: Path
) -> tuple[Config, str | None]:
    catalog = _inside(config.catalog, top, "the catalog folder")
    today = replace(config, root=into / path.parent, catalog=into / catalog)
    if not _git(top, "ls-tree", commit, "--", path.as_posix()):
        return today, f"{path.as_posix()} did not exist then; using today's settings"
    _extract(_git(top, "archive", "--format=tar", commit, "--", path.as_posix()), into)
    try:
        return load_config(into / path), None
    except ConfigError as error:
        reason = str(error).replace(str(into / path), path.as_posix())
        return today, f"{path.as_posix()} had no usable settings then ({reason}); using today's"


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


def _extract(archive: bytes, into: Path) -> None:
    base = into.resolve()
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
        for member in tar.getmembers():
            target = (base / member.name).resolve()
            if not member.isfile() or not target.is_relative_to(base):
                continue
            stream = tar.extractfile(member)
            if stream is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(stream.read())
