"""E014: an entry's code is its path below the catalog folder, and must be a valid code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from errorbook.core.diagnostics import Diagnostic

_SEGMENT = re.compile(r"[a-z][a-z0-9_]*")
#: Each segment is a folder of pages and a Python package; Python imports a package's parents
#: recursively, so a deep enough code could not even be imported.
MAX_SEGMENTS = 32


def check_code(path: Path, code: str) -> Iterator[Diagnostic]:
    """E014 for each problem with the code of the entry file ``path``."""
    segments = code.split("/")
    if len(segments) > MAX_SEGMENTS:
        message = f"the code has {len(segments):,} segments; a code may have at most {MAX_SEGMENTS}"
        hint = "move the entry into fewer, broader folders"
        yield Diagnostic(path, 1, 1, "E014", message, hint)
        return
    if len(segments) < 2:
        hint = f"move it into a folder, e.g. catalog/general/{path.name}"
        yield Diagnostic(path, 1, 1, "E014", "an entry must sit in a folder of the catalog", hint)
    for segment in segments:
        if not _SEGMENT.fullmatch(segment):
            message = f"'{segment}' in code {code} is not a valid segment"
            hint = "segments are lowercase letters, digits and _, starting with a letter"
            suggestion = suggest_segment(segment)
            if suggestion is not None:
                hint += f", e.g. '{suggestion}'"
            yield Diagnostic(path, 1, 1, "E014", message, hint)


def suggest_segment(segment: str) -> str | None:
    """The nearest valid segment to ``segment`` (``Key-Not-Found`` → ``key_not_found``), if any."""
    suggestion = re.sub(r"[^a-z0-9_]+", "_", segment.lower()).strip("_")
    return suggestion if _SEGMENT.fullmatch(suggestion) else None
