"""Where a key of the configuration is written, for diagnostics about its value.

``tomllib`` keeps no positions, so this reads the text itself: it finds a key's line below a
``[table]`` header (``[tool.errorbook.problems]``, ``[problems]``) or in an inline table
(``problems = {validation = "..."}``), enough for the short, flat tables a configuration holds.
"""

from __future__ import annotations

import re
from pathlib import Path

_HEADER = re.compile(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?")


def key_position(path: Path, table: tuple[str, ...], key: str) -> tuple[int, int]:
    """The 1-based line and column of the value of ``key`` in ``table``, or of the table,
    or (1, 1) when neither is found.

    Args:
        path: The configuration file.
        table: The table's dotted path: ``("tool", "errorbook", "problems")``.
        key: The key, as it reads once parsed (``404`` for ``"404"``).
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1, 1
    spelled = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
    assignment = re.compile(rf"(?:^|[{{,])\s*{spelled}\s*=\s*")
    parent, name = table[:-1], table[-1]
    inline = re.compile(rf"\s*{re.escape(name)}\s*=\s*\{{")
    current: tuple[str, ...] = ()
    found = (1, 1)
    for number, line in enumerate(lines, 1):
        header = _HEADER.fullmatch(line)
        if header is not None:
            current = tuple(part.strip().strip("\"'") for part in header.group(1).split("."))
            if current == table:
                found = (number, 1)
            continue
        in_table = current == table or (current == parent and inline.match(line))
        match = assignment.search(line) if in_table else None
        if match is not None:
            return number, match.end() + 1
    return found
