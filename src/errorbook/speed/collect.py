"""Collect reference cycles rarely while a catalog loads: it is built once and kept to the end.

Serves the validate and cold-generate targets of ``benchmarks/REPORT.md``. By default a collection
starts every 700 new container objects and, every hundred of those, re-examines everything
alive: while a large catalog loads, that re-checks the same live entries over and over, a fifth
of the load time at 10,000 entries. mypy raises the same threshold for the same reason. Cycles
are still collected, in larger batches, and the caller's thresholds come back afterwards.
Switched off (2026-12-05, 10,000 entries, median of three): a cold generate spends about 1.2 s
more CPU (8%).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collecting_rarely() -> Iterator[None]:
    """Raise the garbage collector's first threshold for the duration of the block."""
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], 100_000), max(previous[1], 20), max(previous[2], 20))
    try:
        yield
    finally:
        gc.set_threshold(*previous)
