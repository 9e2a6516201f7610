"""Hold MkDocs' file watcher still while the preview server builds.

MkDocs' server watches with watchdog's polling observer: every half second each watched folder is
listed and every file in it stat'ed, in Python. At 10,000 entries that is about 0.35 s of work
per poll (20,000 pages and schemas in ``docs_dir``, 10,000 entries in the catalog), and it holds
the interpreter's lock while the build thread wants it: a rebuild took 1.7 times as long in the
server as the same rebuild on its own.

A poll only compares a new listing with the one before, so a poll skipped during a build loses
nothing: the first poll after it sees every change made during the build, the builder's own and
the author's, just as it would have polled them one by one. Holding each emitter's own lock
(the one its poll takes) does that without touching its state.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def polls_held(observer: Any) -> Iterator[None]:
    """No poll of ``observer`` runs inside the block; one that is running is waited for."""
    with contextlib.ExitStack() as held:
        for emitter in _emitters(observer):
            lock: Any = getattr(emitter, "_lock", None)
            # Only a polling emitter's own lock; another watchdog may have none, or mean
            # something else by it, and then polls just go on as before.
            if type(emitter).__name__ == "PollingEmitter" and _is_lock(lock):
                lock.acquire()
                held.callback(lock.release)
        yield


def _emitters(observer: Any) -> list[Any]:
    try:
        return list(observer.emitters)
    except (AttributeError, TypeError, RuntimeError):  # RuntimeError: a watch added meanwhile
        return []


def _is_lock(lock: Any) -> bool:
    return callable(getattr(lock, "acquire", None)) and callable(getattr(lock, "release", None))
