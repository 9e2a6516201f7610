"""E014: an entry's code is its path below the catalog folder, and must be a valid code.

A segment is lowercase letters, digits, ``_`` and ``-``, starting with a letter: the hyphen
keeps RFC 9457-style type URIs (``orders/out-of-stock``) without a ``type:`` override, and
`errorbook.model.naming` maps it to ``_`` for Python. An entry may sit directly in the catalog
folder (its class then lives in the generated package's root).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from errorbook.core.diagnostics import Diagnostic

SEGMENT = re.compile(r"[a-z][a-z0-9_-]*")
#: A whole code: one or more segments joined by ``/`` (the schema's ``$defs/code`` pattern).
CODE = re.compile(r"[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)*")
#: What a segment may hold, in words: every message about a bad segment says it the same way.
SEGMENT_RULE = "lowercase letters, digits, _ and -, starting with a letter"
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
    for segment in segments:
        if not SEGMENT.fullmatch(segment):
            message = f"'{segment}' in code {code} is not a valid segment"
            hint = f"segments are {SEGMENT_RULE}"
            suggestion = suggest_segment(segment)
            if suggestion is not None:
                hint += f", e.g. '{suggestion}'"
            yield Diagnostic(path, 1, 1, "E014", message, hint)


def suggest_segment(segment: str) -> str | None:
    """The nearest valid segment to ``segment`` (``Key Not Found`` → ``key_not_found``,
    ``Out-Of-Stock`` → ``out-of-stock``), if any.

    Runs of other characters become the separator the segment already uses (``-`` when it has
    hyphens and no underscores, else ``_``).
    """
    lowered = segment.lower()
    separator = "-" if "-" in lowered and "_" not in lowered else "_"
    suggestion = re.sub(r"[^a-z0-9_-]+", separator, lowered).strip("_-")
    return suggestion if SEGMENT.fullmatch(suggestion) else None


def suggest_code(code: str) -> str | None:
    """The nearest valid code to ``code``, segment by segment, or None when a segment has no
    valid neighbour (``Api/Not-Found`` → ``api/not-found``)."""
    segments = [suggest_segment(segment) for segment in code.strip("/").split("/")]
    if not segments or any(segment is None for segment in segments):
        return None
    return "/".join(segment for segment in segments if segment is not None)


def code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid code, as a sentence, or None when it is."""
    segments = code.split("/")
    if len(segments) > MAX_SEGMENTS:
        return (
            f"the code has {len(segments):,} segments; a code may have at most {MAX_SEGMENTS}: "
            "use fewer, broader folders"
        )
    if not all(SEGMENT.fullmatch(segment) for segment in segments):
        suggestion = suggest_code(code)
        tip = f"; did you mean '{suggestion}'?" if suggestion and suggestion != code else ""
        return (
            f"'{code}' is not a valid code: use segments of {SEGMENT_RULE}, joined by /, "
            f"e.g. orders/out-of-stock{tip}"
        )
    return None
