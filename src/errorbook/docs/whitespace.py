"""Collapse the runs of blank space that Material's templates leave in every built page.

Material's Jinja templates indent every tag and leave blank lines around each block, so about
a fifth of an error page's HTML is spaces and newlines that render as nothing. A browser
shows any run of white space in ordinary text as one space, so each run is replaced by one
space (or one newline, when it held one). Tags and comments are kept byte for byte, and so
is everything inside elements where white space shows: ``pre``, ``code`` and ``kbd`` (Material
styles them ``white-space: pre-wrap``), ``textarea``, and the text of ``script`` and ``style``.

One change reaches inside code blocks: Pygments wraps every run of white space in a
``<span class="w">``, which no stylesheet of Material's styles, so the span is dropped and its
text kept (the copy button copies the same text).
"""

from __future__ import annotations

import re

_KEPT = re.compile(
    r"(<(pre|code|kbd|textarea|script|style)\b.*?</\2\s*>|<!--.*?-->|<[^>]*>)",
    re.DOTALL | re.IGNORECASE,
)
_SPACE = re.compile(r"[ \t\r\n\f]{2,}|[\t\r\f]")
_WHITESPACE_TOKEN = re.compile(r'<span class="w">([ \t\r\n\f]*)</span>')


def collapse_whitespace(html: str) -> str:
    """``html`` with each run of white space between tags shortened to one character.

    Args:
        html: A whole page, as MkDocs writes it.

    Returns:
        The same page, rendering identically, usually a fifth smaller.
    """
    html = _WHITESPACE_TOKEN.sub(r"\1", html)
    pieces: list[str] = []
    start = 0
    for match in _KEPT.finditer(html):
        pieces.append(_SPACE.sub(_one, html[start : match.start()]))
        pieces.append(match.group(1))
        start = match.end()
    pieces.append(_SPACE.sub(_one, html[start:]))
    return "".join(pieces)


def _one(run: re.Match[str]) -> str:
    return "\n" if "\n" in run.group() else " "
