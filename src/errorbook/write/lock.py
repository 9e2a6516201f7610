"""One errorbook run at a time per project: an advisory lock on the configuration's folder.

Two runs writing the same generated files at once (a terminal, the MkDocs plugin under
``mkdocs serve``, an editor's save hook, pre-commit) would mix their outputs. `project_lock`
takes the lock exclusively for a run that writes and shared for one that only compares; a run
that finds it taken says so once, waits up to `lock_timeout`, then gives up with `BusyError`.

The lock is ``flock`` on the folder that holds the configuration file, so nothing is created in
the project, every process that reads that configuration meets the same lock whatever its
environment, and the kernel drops it when its holder dies, however it dies. Where ``flock`` is
not available (no ``fcntl``, or a file system that refuses it), the lock is a file created
exclusively in errorbook's cache folder naming its holder's process and host, removed when the
run ends; one whose holder no longer runs on this host is taken over. With neither, runs are not
serialised.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from errorbook.core.errors import BusyError, ConfigError
from errorbook.disk import read_regular
from errorbook.speed.cachedir import user_cache_dir

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

#: Seconds a run waits for another one by default; ``ERRORBOOK_LOCK_TIMEOUT`` overrides it.
DEFAULT_TIMEOUT = 120.0
_POLL = 0.05
#: Locked descriptors this process holds; a forked worker closes its copies (see below).
_HELD: set[int] = set()


def lock_timeout() -> float:
    """How long a run waits for the lock: ``$ERRORBOOK_LOCK_TIMEOUT`` seconds, else 120.

    Raises:
        ConfigError: The variable is set to something other than a number of seconds.
    """
    given = os.environ.get("ERRORBOOK_LOCK_TIMEOUT", "").strip()
    if not given:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(given)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise ConfigError(f"ERRORBOOK_LOCK_TIMEOUT must be a number of seconds, got {given!r}")
    return seconds


@contextlib.contextmanager
def project_lock(
    folder: Path, *, shared: bool = False, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the project's lock for the duration of the ``with`` block.

    Args:
        folder: The project: the folder of its configuration file.
        shared: Allow other shared holders (runs that only read); a writer waits for them all.
        on_wait: Told once, in a sentence, when the run has to wait.

    Raises:
        BusyError: Another run held the lock for longer than `lock_timeout`.
    """
    waiter = _Waiter(folder, on_wait, lock_timeout())
    descriptor = _flock(folder, shared, waiter)
    if descriptor is None:
        with _lock_file(folder, waiter):
            yield
        return
    try:
        yield
    finally:
        _HELD.discard(descriptor)
        with contextlib.suppress(OSError):
            fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


class _Waiter:
    """Says once that the run waits, then sleeps a little per call until the deadline."""

    def __init__(self, folder: Path, on_wait: Callable[[str], None] | None, timeout: float):
        self.folder, self.on_wait, self.timeout = folder, on_wait, timeout
        self.deadline = time.monotonic() + timeout
        self.told = False

    def wait(self, lock_file: Path | None = None) -> None:
        if time.monotonic() >= self.deadline:
            stale = f"; if no errorbook run is active, delete {lock_file}" if lock_file else ""
            raise BusyError(
                f"another errorbook run in {self.folder} did not finish within "
                f"{self.timeout:g} s; run again once it has (ERRORBOOK_LOCK_TIMEOUT=SECONDS "
                f"waits longer){stale}"
            )
        if not self.told and self.on_wait is not None:
            self.on_wait(f"waiting for another errorbook run in {self.folder} to finish")
        self.told = True
        time.sleep(_POLL)


def _flock(folder: Path, shared: bool, waiter: _Waiter) -> int | None:
    """The locked descriptor of ``folder``; None when ``flock`` cannot be used here."""
    if fcntl is None:
        return None
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    operation = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
    while True:
        try:
            fcntl.flock(descriptor, operation)
        except BlockingIOError:
            try:
                waiter.wait()
            except BaseException:
                os.close(descriptor)
                raise
            continue
        except OSError:  # e.g. ENOLCK: a file system without locks
            os.close(descriptor)
            return None
        _HELD.add(descriptor)
        return descriptor


@contextlib.contextmanager
def _lock_file(folder: Path, waiter: _Waiter) -> Iterator[None]:
    """The fallback: a file created exclusively in the cache folder, for one run at a time."""
    held = _take_file(folder, waiter)
    try:
        yield
    finally:
        if held is not None:
            with contextlib.suppress(OSError):
                held.unlink()


def _take_file(folder: Path, waiter: _Waiter) -> Path | None:
    """The lock file, once created; None when the cache folder cannot hold one."""
    cache = user_cache_dir()
    if cache is None:
        return None
    project = hashlib.blake2b(str(folder).encode(), digest_size=8).hexdigest()
    path = cache / f"lock-{project}"
    owner = f"{os.getpid()} {socket.gethostname()}".encode()
    try:
        cache.mkdir(parents=True, exist_ok=True)
        while not _create(path, owner):
            if not _abandoned(path):
                waiter.wait(path)
    except OSError:
        return None
    return path


def _create(path: Path, owner: bytes) -> bool:
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    try:
        os.write(descriptor, owner)
    finally:
        os.close(descriptor)
    return True


def _abandoned(path: Path) -> bool:
    """True (and the file removed) when its holder is a process of this host that has ended."""
    try:
        pid, _, host = read_regular(path, 4096).decode().partition(" ")
    except (OSError, UnicodeDecodeError):
        return False
    if os.name != "posix" or host != socket.gethostname() or not pid.isdigit():
        return False  # elsewhere, os.kill(pid, 0) would not just ask: it would end the process
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        with contextlib.suppress(OSError):
            path.unlink()
        return True
    except OSError:  # alive, but another user's
        return False
    return False


def _close_in_child() -> None:
    # A worker forked while the lock is held must not keep it alive if the run is killed; it
    # only closes its copies: unlocking through them would unlock the parent's lock too.
    for descriptor in _HELD:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)
