"""Give memory that Python freed back to the system, where the C library allows it.

Serves the 10,000-entry site build's memory target (at most 500 MB, see the benchmark report).
A page's HTML (tens of KB) lives in the C library's heap, not in memory of its own; once the
page is written and its HTML dropped (`errorbook.docs.page_memo.PageMemo.release_content`),
the heap keeps the freed pages, so the process stays as large as when it held every page, and
the search index, built in the build's last step, grows on top of that: 540 MB at 10,000
entries. glibc's ``malloc_trim`` hands whole free pages back (it has done so for free blocks
in the middle of the heap, not only at its end, since glibc 2.8); called every few hundred
pages, the same build peaks at about 400 MB. Elsewhere (macOS, musl) nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable


def give_back() -> None:
    """Return the heap's free pages to the system, if the C library can."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None
