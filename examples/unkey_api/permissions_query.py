"""Unkey's permission queries (``a.read AND (b.write OR c.write)``): just enough to find the
first syntax error."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\s*(?:(\()|(\))|(AND|OR)\b|([A-Za-z0-9_.*:-]+))")


def parse_query(query: str) -> int | None:
    """The 0-based position of the first syntax error in ``query``, or None when it parses."""
    depth, expect_term, position = 0, True, 0
    while position < len(query.rstrip()):
        match = _TOKEN.match(query, position)
        if match is None:
            return position
        opening, closing, operator, term = match.groups()
        start = match.start(match.lastindex or 0)
        if opening and expect_term:
            depth += 1
        elif (term and expect_term) or (closing and not expect_term and depth):
            depth -= 1 if closing else 0
            expect_term = False
        elif operator and not expect_term:
            expect_term = True
        else:
            return start
        position = match.end()
    return position if expect_term or depth else None
