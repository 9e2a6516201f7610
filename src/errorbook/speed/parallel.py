"""Spread independent per-entry work over the machine's cores, where that is safe and pays.

Loading entries and rendering pages are independent per entry and pure Python, so one process
uses one core. `parallel_map` forks workers that inherit the function and its inputs (nothing
is pickled on the way in) and send results back in small chunks, so the parent never holds
much more than the results themselves. It runs the plain loop instead when forking is not
available or not safe (another thread is running, as under ``mkdocs serve``), on one core, or
when the input is too small to repay starting the workers.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this much work per worker, in entries loaded (about a millisecond each), starting
#: workers costs more than it saves.
MIN_ITEMS_PER_WORKER = 150
_CHUNK = 50
#: Set only while a pool runs; forked workers read it instead of receiving pickled work.
_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def parallel_map(
    function: Callable[[T], R], items: Sequence[T], *, weights: Sequence[float] | None = None
) -> list[R]:
    """``[function(item) for item in items]``, computed by forked workers when it pays.

    Results come back in order, so the outcome is the same either way. ``function`` and the
    items must be usable in a forked copy of this process; results must be picklable.
    ``weights``, one per item, says how much work each is, counted in entries loaded; by
    default each item is one. ``ERRORBOOK_JOBS=1`` forces the plain loop (and
    ``ERRORBOOK_JOBS=N`` caps the workers).
    """
    with map_ahead(function, items, weights=weights) as ahead:
        return ahead.results()


class Ahead(Generic[R]):
    """``[function(item) for item in items]``, being computed by forked workers meanwhile.

    Made by `map_ahead`; `results` waits for them. Use it as a context manager, so that
    workers whose results are not wanted (the caller gave up) are stopped.
    """

    def __init__(self, function: Callable[[T], R], items: Sequence[T], workers: int) -> None:
        self._function: Callable[[Any], R] = function
        self._items: Sequence[Any] = items
        self._pool: Any = None
        self._parts: Iterator[list[R]] | None = None
        self._unfreeze = False
        if workers >= 2:
            global _task
            _task = (function, items)
            # Small enough chunks that no worker waits long for the last one, large enough
            # to be cheap.
            chunk = max(1, min(_CHUNK, len(items) // (workers * 8)))
            bounds = [(i, min(i + chunk, len(items))) for i in range(0, len(items), chunk)]
            # Frozen, the objects that exist now are never traversed by a garbage collection
            # while the workers run, in them or here: a collection touches every object it
            # traverses, which in a forked worker copies the page the object lives on, and in
            # the parent slows the unpickling of results to a crawl as the heap grows. A
            # caller that froze objects itself keeps them so.
            self._unfreeze = gc.get_freeze_count() == 0
            if self._unfreeze:
                gc.freeze()
            self._pool = multiprocessing.get_context("fork").Pool(workers)
            self._parts = self._pool.imap(_run_chunk, bounds)

    def results(self) -> list[R]:
        """The results in the order of the items: the workers', or computed here now."""
        if self._parts is None:
            return [self._function(item) for item in self._items]
        try:
            return [result for part in self._parts for result in part]
        finally:
            self.close()

    def stream(self) -> Iterator[R]:
        """The results in the order of the items, each as soon as the workers have it (or
        computed here, one by one, when there are no workers)."""
        if self._parts is None:
            yield from (self._function(item) for item in self._items)
            return
        try:
            for part in self._parts:
                yield from part
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers, if any are left."""
        global _task
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = self._parts = None
            _task = None
            if self._unfreeze:
                gc.unfreeze()

    def __enter__(self) -> Ahead[R]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def map_ahead(
    function: Callable[[T], R], items: Sequence[T], *, weights: Sequence[float] | None = None
) -> Ahead[R]:
    """Start computing ``[function(item) for item in items]`` in forked workers, and return
    at once, so that the caller does other work meanwhile (check-source loads the catalog while
    the application's files are parsed: check-source within 3x of the floor).

    The same rules as `parallel_map` decide whether workers pay; when they do not, the plain
    loop runs when `Ahead.results` is asked for. While workers run, this process has threads,
    so a `parallel_map` meanwhile runs its plain loop here: every core stays busy.
    """
    work = len(items) if weights is None else sum(weights)
    return Ahead(function, items, min(_workers_for(work), len(items)))


def would_fork(work: float) -> bool:
    """Whether `parallel_map` would start workers for this much work (in entries loaded)."""
    return _workers_for(work) >= 2


def _workers_for(work: float) -> int:
    """How many workers this much work repays, where forking is safe; under 2: none."""
    workers = min(_workers(), int(work // MIN_ITEMS_PER_WORKER))
    return workers if can_fork() else 0


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _task is not None, "parallel_map's workers are forked while a task is set"
    function, items = _task
    return [function(items[index]) for index in range(*bounds)]


def _workers() -> int:
    requested = os.environ.get("ERRORBOOK_JOBS", "")
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return min(int(requested), available) if requested.isdigit() else available


def can_fork() -> bool:
    """Whether forking this process is safe: it can, and no other thread is running."""
    # Forking while another thread holds a lock (logging, imports) can deadlock the child.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
