"""Know, from file metadata alone, that a generate run would change nothing.

A run with nothing changed used to redo everything (read, validate and render every entry)
only to find every output already on disk: about as slow as a cold run. After a clean run
(no diagnostics at all), `remember` stores two fingerprints in the user's cache folder: one of
the inputs (every file below the catalog folder, the configuration file, the template overrides
and errorbook's own package files, by path, size and modification time: `RunInputs`, which the
pipeline assembles) and one of the outputs
(every generated file and every file in the managed folders). `unchanged` recomputes both in a
few stat calls per file; when both match, the outputs on disk are what a run would write.

A file changed within the file system's timestamp granularity of the record could keep its
size and modification time, so files newer than the record minus `RACY_NS` count as changed,
and `remember` waits that long before recording when it has just written files (as git does
for its index).

The fingerprints live outside the project, so generating never adds a file to it, and a
missing, corrupt or unwritable cache only costs the full run it would have saved.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from errorbook.speed.cachedir import user_cache_dir

_FORMAT = 1
#: Wider than the coarsest timestamp tick of Linux file systems (a 100 Hz jiffy).
RACY_NS = 50_000_000


@dataclass(frozen=True, slots=True)
class RunInputs:
    """Everything a run's outputs depend on.

    Attributes:
        key: Names the project (its configuration file), so each project has its own record.
        files: Single input files (the configuration).
        folders: Folders whose every file is an input (the catalog, templates, errorbook itself).
        salt: Anything else the outputs depend on (the settings, the generators).
    """

    key: str
    files: tuple[Path, ...]
    folders: tuple[Path, ...]
    salt: str


@dataclass(frozen=True, slots=True)
class LastRun:
    """What the last clean run found and wrote."""

    entries: int
    files: int


def unchanged(inputs: RunInputs, managed: Iterable[Path]) -> LastRun | None:
    """The last clean run, if nothing it read or wrote has changed since.

    Args:
        inputs: What the outputs depend on.
        managed: The folders whose stale generated files a run would delete.

    Returns:
        The last run's counts, or None when a run is needed.
    """
    target = _cache_file(inputs.key)
    record = None if target is None else _read(target)
    if record is None:
        return None
    outputs, entries, recorded = (record.get(k) for k in ("outputs", "entries", "recorded"))
    if not (isinstance(outputs, list) and isinstance(entries, int) and isinstance(recorded, int)):
        return None
    fingerprint, newest_input = _inputs(inputs)
    if fingerprint != record.get("inputs"):
        return None
    fingerprint, newest_output = _outputs(map(str, outputs), managed)
    if fingerprint != record.get("fingerprint"):
        return None
    if max(newest_input, newest_output) > recorded - RACY_NS:
        return None  # changed so close to the record that the time stamps cannot tell
    return LastRun(entries, len(outputs))


def remember(
    inputs: RunInputs, entries: int, outputs: Iterable[Path], managed: Iterable[Path]
) -> None:
    """Record a clean run over ``entries`` entries that left ``outputs`` on disk."""
    paths = sorted(map(str, outputs))
    input_fingerprint, newest_input = _inputs(inputs)
    fingerprint, newest_output = _outputs(paths, managed)
    if max(newest_input, newest_output) > time.time_ns() - RACY_NS:
        time.sleep(RACY_NS / 1e9)
    record = {
        "format": _FORMAT,
        "inputs": input_fingerprint,
        "entries": entries,
        "outputs": paths,
        "fingerprint": fingerprint,
        "recorded": time.time_ns(),
    }
    target = _cache_file(inputs.key)
    if target is None:
        return
    temporary = target.with_suffix(".tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(record), encoding="utf-8")
        temporary.replace(target)
    except OSError:  # no cache: the next run is simply a full one
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def settle(
    inputs: RunInputs,
    clean: bool,
    entries: int,
    outputs: Iterable[Path],
    managed: Iterable[Path],
) -> None:
    """After a run that wrote ``outputs``: `remember` it when it was clean, else `forget`.

    A run with warnings is never skipped, because it prints them every time.
    """
    if clean:
        remember(inputs, entries, outputs, managed)
    else:
        forget(inputs)


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
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("format") == _FORMAT else None


def _inputs(inputs: RunInputs) -> tuple[str, int]:
    head = f"{_FORMAT}\0{inputs.salt}"
    return _fingerprint(head, [*map(str, inputs.files), *_files(inputs.folders)])


def _outputs(outputs: Iterable[str], managed: Iterable[Path]) -> tuple[str, int]:
    paths = set(outputs)
    paths.update(_files(managed))
    return _fingerprint("", sorted(paths))


def _fingerprint(head: str, paths: Iterable[str]) -> tuple[str, int]:
    """A digest of each path's size and modification time, and the newest of those times.

    Paths are plain strings: building thousands of Path objects cost more than the stat calls.
    """
    digest = hashlib.blake2b(head.encode())
    newest = 0
    for path in paths:
        try:
            stat = os.stat(path)  # noqa: PTH116 (see above: no Path objects)
        except OSError:
            digest.update(f"{path}\0missing\n".encode())
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        newest = max(newest, stat.st_mtime_ns)
    return digest.hexdigest(), newest


def _files(folders: Iterable[Path]) -> Iterator[str]:
    """Every file below the folders, bytecode caches aside (os.walk is much faster than rglob)."""
    for folder in folders:
        for parent, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                yield os.path.join(parent, name)  # noqa: PTH118 (strings, as above)
