"""Know, from file metadata alone, that a generate run would change nothing.

A run with nothing changed used to redo everything (read, validate and render every entry)
only to find every output already on disk: about as slow as a cold run. After a run that wrote
its outputs (warnings allowed), `remember` stores in the user's cache folder two fingerprints
and what the run reported: one fingerprint of the inputs (every file below the catalog folder,
the configuration file, mkdocs.yml, the template overrides and errorbook's own package files:
`RunInputs`, which the pipeline assembles) and one of the outputs (every generated file and
every file in the managed folders), plus the run's diagnostics, which a skipped run replays.
`unchanged` recomputes both in a few stat calls per file; when both match, the outputs on disk
are what a run would write.

A fingerprint holds each file's path, size, modification and status-change times and inode, as
git's index does, so an edit that keeps the size and restores the modification time is still
seen. Folders are walked as the readers walk them (`errorbook.disk.walk`: through links,
as Jinja follows a linked template folder). Two rules make the record exact:

- The inputs are fingerprinted (`observe`) before any of them is read, so an entry edited or
  deleted while the run reads it makes the record differ from disk, and the next run is a full
  one. A file changed within the file system's timestamp granularity could keep its times, so
  when an input changed less than `RACY_NS` ago, `observe` waits that long and looks again
  (as git does for its index).
- The outputs are fingerprinted as the run left them (the writer's footprint: each file as it
  found or wrote it), and the record is written only when disk still matches that, at least
  `RACY_NS` after the newest of them was written.

The fingerprints live outside the project, so generating never adds a file to it, and a
missing, corrupt or unwritable cache only costs the full run it would have saved.
"""

# Paths are strings here: a run handles thousands, and Path objects cost more than the calls.
# ruff: noqa: PTH116

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from errorbook.disk import StatKey, read_regular, stat_key, walk
from errorbook.speed.cachedir import user_cache_dir

_FORMAT = 2
#: Wider than the coarsest timestamp tick of Linux file systems (a 100 Hz jiffy).
RACY_NS = 50_000_000
_MAX_RECORD_BYTES = 256 << 20


@dataclass(frozen=True, slots=True)
class RunInputs:
    """Everything a run's outputs depend on.

    Attributes:
        key: Names the project (its configuration file), so each project has its own record.
        files: Single input files (the configuration, mkdocs.yml).
        folders: Folders whose every file is an input (the catalog, templates, errorbook itself).
        salt: Anything else the outputs depend on (the settings, the generators).
    """

    key: str
    files: tuple[Path, ...]
    folders: tuple[Path, ...]
    salt: str


@dataclass(frozen=True, slots=True)
class Seen:
    """The inputs' fingerprint, taken before any of them was read."""

    inputs: RunInputs
    digest: str


@dataclass(frozen=True, slots=True)
class LastRun:
    """What the last recorded run found and wrote.

    Attributes:
        entries: How many entries the catalog had.
        files: How many files the generators produced.
        replay: Its diagnostics, as the JSON values the pipeline gave `remember`.
    """

    entries: int
    files: int
    replay: tuple[object, ...]


def observe(inputs: RunInputs) -> Seen:
    """Fingerprint the inputs; call it before reading any of them."""
    if _cache_file(inputs.key) is None:
        return Seen(inputs, "")  # no record to compare with, or to write
    digest, newest = _inputs(inputs)
    if newest > time.time_ns() - RACY_NS:  # too recent for its times to show a later edit
        time.sleep(RACY_NS / 1e9)
        digest, _ = _inputs(inputs)
    return Seen(inputs, digest)


def unchanged(seen: Seen, managed: Iterable[Path]) -> LastRun | None:
    """The last recorded run, if nothing it read or wrote has changed since.

    Args:
        seen: The inputs as this run found them.
        managed: The folders whose stale generated files a run would delete.

    Returns:
        The last run's counts and diagnostics, or None when a run is needed.
    """
    target = _cache_file(seen.inputs.key)
    record = None if target is None else _read(target)
    if record is None or record.get("inputs") != seen.digest:
        return None
    outputs, entries, replay = (record.get(k) for k in ("outputs", "entries", "diagnostics"))
    if not (
        isinstance(outputs, list)
        and all(isinstance(path, str) for path in outputs)
        and isinstance(entries, int)
        and isinstance(replay, list)
    ):
        return None
    fingerprint, _ = _outputs(outputs, managed)
    if fingerprint != record.get("fingerprint"):
        return None
    return LastRun(entries, len(outputs), tuple(replay))


def remember(
    seen: Seen,
    entries: int,
    outputs: Iterable[Path],
    footprint: Mapping[str, StatKey],
    managed: Iterable[Path],
    replay: Sequence[object] = (),
) -> None:
    """Record a run over ``entries`` entries that left ``outputs`` on disk.

    Args:
        seen: The inputs, as `observe` found them before the run read them.
        entries: How many entries the catalog had.
        outputs: Every file the generators produced.
        footprint: Every file of the managed folders as the run found or wrote it.
        managed: The managed folders.
        replay: The run's diagnostics as JSON values, for `unchanged` to return.
    """
    target = _cache_file(seen.inputs.key)
    if target is None:
        return
    managed = tuple(managed)
    paths = sorted(map(str, outputs))
    expected, newest = _outputs(paths, managed, footprint)
    wait = newest + RACY_NS - time.time_ns()
    if wait > 0:  # so that an edit after this look changes a time the fingerprint holds
        time.sleep(wait / 1e9)
    if _outputs(paths, managed)[0] != expected:  # changed since the run wrote it: not ours
        forget(seen.inputs)
        return
    record = {
        "format": _FORMAT,
        "inputs": seen.digest,
        "entries": entries,
        "outputs": paths,
        "fingerprint": expected,
        "diagnostics": list(replay),
    }
    temporary = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(record), encoding="utf-8")
        temporary.replace(target)
    except OSError:  # no cache: the next run is simply a full one
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


#: Under a preview server: the record of its last run, written by the next run (under its
#: lock) or when the server stops (`write_pending`): not on the way to the page its
#: author waits for (the record waits for the newest output to age `RACY_NS`, and walks them).
_pending: Callable[[], None] | None = None


def remember_later(record: Callable[[], None]) -> None:
    """Make ``record`` (a call of `remember`) when `write_pending` is called. Only a process
    that runs again soon (a preview server) should wait so."""
    global _pending
    _pending = record


def write_pending() -> None:
    """Write the record `remember_later` left, if any."""
    global _pending
    pending, _pending = _pending, None
    if pending is not None:
        pending()


def forget(inputs: RunInputs) -> None:
    """Drop the record, so the next run is a full one."""
    target = _cache_file(inputs.key)
    if target is not None:
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)


def _cache_file(key: str) -> Path | None:
    folder = user_cache_dir()
    if folder is None:
        return None
    project = hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
    return folder / f"generate-{project}.json"


def _read(path: Path) -> dict[str, object] | None:
    try:
        record = json.loads(read_regular(path, _MAX_RECORD_BYTES))
    except (OSError, ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) and record.get("format") == _FORMAT else None


def _inputs(inputs: RunInputs) -> tuple[str, int]:
    digest = hashlib.blake2b(f"{_FORMAT}\0{inputs.salt}".encode())
    newest = 0
    for path in inputs.files:
        newest = max(newest, _add(digest, str(path), _stat(str(path))))
    for folder in inputs.folders:
        for found in walk(str(folder)):
            if found.stat is None:
                digest.update(f"{found.path}\0{found.kind}\0{found.reason}\n".encode())
            else:
                newest = max(newest, _add(digest, found.path, stat_key(found.stat)))
    return digest.hexdigest(), newest


def _outputs(
    outputs: Iterable[str],
    managed: Iterable[Path],
    footprint: Mapping[str, StatKey] | None = None,
) -> tuple[str, int]:
    """The outputs' fingerprint: from ``footprint`` when given, else from disk."""
    if footprint is None:
        footprint = {
            found.path: stat_key(found.stat)
            for folder in managed
            for found in walk(str(folder), into_links=False)
            if found.kind == "file" and found.stat is not None
        }
    paths = set(outputs)
    paths.update(footprint)
    digest = hashlib.blake2b()
    newest = 0
    for path in sorted(paths):
        key = footprint[path] if path in footprint else _stat(path)
        newest = max(newest, _add(digest, path, key))
    return digest.hexdigest(), newest


def _stat(path: str) -> StatKey | None:
    try:
        return stat_key(os.stat(path))
    except OSError:
        return None


def _add(digest: hashlib.blake2b, path: str, key: StatKey | None) -> int:
    """Add one file to ``digest``; return the newer of its modification and change times."""
    if key is None:
        digest.update(f"{path}\0missing\n".encode())
        return 0
    size, modified, changed, inode = key
    digest.update(f"{path}\0{size}\0{modified}\0{changed}\0{inode}\n".encode())
    return max(modified, changed)
