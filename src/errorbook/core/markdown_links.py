"""Links and images in catalog Markdown: where they end, and which URLs they may have.

`errorbook.core.markdown_scan` keeps a link or image only when `parse_link` finds all of it on
one line and `allowed_url` accepts its URL; it then writes the URL in a form that has one
reading, so a Markdown reader links to exactly the URL that was checked.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

#: Characters Python-Markdown reads ``\\X`` as a literal X for (with the tables extension: ``|``).
ESCAPABLE = frozenset("\\`*_{}[]()#+-.!>|")
#: What a link or image may point to; anything else is shown as the text the author wrote.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
IMAGE_SCHEMES = frozenset({"http", "https"})
BACKTICK_RUN = re.compile(r"`+")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_URL_SAFE = "/:?#@!$&'*+,;=%-._~"  # kept as written; quote() percent-encodes everything else
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_TITLE_AND_END = re.compile(r"""[ \t]*(?:"[^"]*"|'[^']*'|\([^()]*\))?[ \t]*\)""")


def closing_run(text: str, run: re.Match[str]) -> re.Match[str] | None:
    """The backtick run that closes the code span ``run`` opens: the next one of its length."""
    size = len(run[0])
    return next((m for m in BACKTICK_RUN.finditer(text, run.end()) if len(m[0]) == size), None)


def parse_link(text: str, start: int) -> tuple[str, str, int] | None:
    """``(label, destination, end)`` of ``[label](destination "title")`` at ``start``."""
    close = _label_end(text, start)
    if close is None or not text.startswith("(", close + 1):
        return None
    i = close + 2
    while i < len(text) and text[i] in " \t":
        i += 1
    destination, i = _destination(text, i)
    if destination is None:
        return None
    ending = _TITLE_AND_END.match(text, i)
    if ending is None:
        return None
    return text[start + 1 : close], destination, ending.end()


def _label_end(text: str, start: int) -> int | None:
    depth, i = 0, start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "`":
            run = BACKTICK_RUN.match(text, i)
            assert run is not None
            close = closing_run(text, run)
            i = close.end() if close else run.end()
            continue
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth == 0:
            return i
        i += 1
    return None


def _destination(text: str, i: int) -> tuple[str | None, int]:
    if text.startswith("<", i):
        end = text.find(">", i)
        inner = text[i + 1 : end] if end != -1 else ""
        return (inner, end + 1) if end != -1 and "<" not in inner else (None, i)
    depth, start = 0, i
    while i < len(text) and text[i] not in " \t":
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            i += 2
            continue
        if char == ")" and depth == 0:
            break
        depth += {"(": 1, ")": -1}.get(char, 0)
        i += 1
    return (text[start:i], i) if depth == 0 and i > start else (None, i)


def allowed_url(url: str, schemes: frozenset[str]) -> str | None:
    """``url`` as Markdown can carry it, or None when its scheme is not one of ``schemes``.

    The URL is read as a browser would read the ``href`` Python-Markdown writes: backslash
    escapes undone, character references decoded, tabs and line breaks removed, leading
    control characters and spaces dropped. A URL without a scheme is relative and allowed; so
    is ``//host/path``, which takes the page's (https) scheme. The result is percent-encoded
    where Markdown or HTML could read a character as syntax, and ``&`` is written ``&amp;``.
    """
    unescaped = re.sub(r"\\([" + re.escape("".join(ESCAPABLE)) + "])", r"\1", url)
    decoded = html.unescape(unescaped)
    browser = re.sub(r"[\t\n\r]", "", decoded).lstrip(_C0_OR_SPACE)
    scheme = _SCHEME.match(browser)
    if scheme and scheme[1].lower() not in schemes:
        return None
    if (not scheme and ":" in browser.split("/", 1)[0]) or browser.startswith("\\"):
        return None  # "java\0script:", "\\host": not plainly relative
    return quote(browser, safe=_URL_SAFE).replace("&", "&amp;")
