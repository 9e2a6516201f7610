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
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

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
    work = len(items) if weights is None else sum(weights)
    workers = min(_workers(), int(work // MIN_ITEMS_PER_WORKER), len(items))
    if workers < 2 or not _can_fork():
        return [function(item) for item in items]
    global _task
    _task = (function, items)
    # Small enough chunks that no worker waits long for the last one, large enough to be cheap.
    chunk = max(1, min(_CHUNK, len(items) // (workers * 8)))
    # Frozen, the objects that exist now are never traversed by a garbage collection while the
    # workers run, in them or here: a collection touches every object it traverses, which in a
    # forked worker copies the page the object lives on, and in the parent slows the unpickling
    # of results to a crawl as the heap grows. A caller that froze objects itself keeps them so.
    freezing = gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    try:
        bounds = [(i, min(i + chunk, len(items))) for i in range(0, len(items), chunk)]
        results: list[R] = []
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for part in pool.imap(_run_chunk, bounds):
                results.extend(part)
        return results
    finally:
        _task = None
        if freezing:
            gc.unfreeze()


def would_fork(work: float) -> bool:
    """Whether `parallel_map` would start workers for this much work (in entries loaded)."""
    return min(_workers(), int(work // MIN_ITEMS_PER_WORKER)) >= 2 and _can_fork()


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _task is not None, "parallel_map's workers are forked while a task is set"
    function, items = _task
    return [function(items[index]) for index in range(*bounds)]


def _workers() -> int:
    requested = os.environ.get("ERRORBOOK_JOBS", "")
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return min(int(requested), available) if requested.isdigit() else available


def _can_fork() -> bool:
    # Forking while another thread holds a lock (logging, imports) can deadlock the child.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
