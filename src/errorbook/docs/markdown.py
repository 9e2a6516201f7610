"""Small, pure helpers that make catalog text safe to place inside generated Markdown.

Catalog text is Markdown and is printed as authored; these helpers only handle the places where
the surrounding syntax could otherwise swallow or break it: code fences, list continuations,
table cells, YAML front matter and relative links between pages.
"""

from __future__ import annotations

import functools
import json
import re

_BACKTICK_RUN = re.compile(r"`+")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_TRAILING_BLANK_LINES = re.compile(r"(?:\n[ \t]*)+\Z")
_WHITESPACE_LINES = re.compile(r"^[ \t]+$", re.MULTILINE)
_CODE_SPAN_OR_LT = re.compile(r"(`+).+?(?<!`)\1(?!`)|<")


def fence(code: str, lang: str = "") -> str:
    """A fenced code block whose fence is longer than any backtick run inside ``code``.

    A sample that itself contains a Markdown fence (three backticks or more) can therefore
    never close the block early.
    """
    longest = max((len(run) for run in _BACKTICK_RUN.findall(code)), default=0)
    marks = "`" * max(3, longest + 1)
    # Blank lines at either end, and the spaces of a blank line, are invisible, and Markdown
    # keeps or drops them depending on the indentation around the block (inside a content tab
    # it drops them): normalise them here, so every context shows the same text.
    body = _WHITESPACE_LINES.sub("", code)
    body = _TRAILING_BLANK_LINES.sub("", _LEADING_BLANK_LINES.sub("", body)) + "\n"
    return f"{marks}{lang}\n{body}{marks}"


def hang(text: str, width: int = 4) -> str:
    """Indent every line but the first, so multi-line Markdown stays inside a list item."""
    first, _, rest = text.strip("\n").partition("\n")
    if not rest:
        return first
    pad = " " * width
    return first + "\n" + "\n".join(pad + line if line.strip() else "" for line in rest.split("\n"))


def one_line(text: str) -> str:
    """Collapse whitespace (newlines included) to single spaces."""
    return " ".join(text.split())


def inline(text: str) -> str:
    """One line of Markdown in which ``<`` outside code spans is shown, not read as HTML.

    Summaries also appear in front matter and machine outputs as plain text, so an ``<id>``
    an author wrote in one must not vanish into an unknown HTML tag on the page.
    """
    return _CODE_SPAN_OR_LT.sub(
        lambda match: "&lt;" if match.group(0) == "<" else match.group(0), one_line(text)
    )


@functools.lru_cache(maxsize=1 << 16)  # each entry's title and summary, in every table it is in
def table_cell(text: str) -> str:
    """Markdown that fits in one table cell: one line, ``|`` and stray ``<`` escaped."""
    return inline(text).replace("|", "\\|")


def meta_text(text: str) -> str:
    """A summary as plain text for an HTML attribute: Material prints front matter
    ``description`` into ``<meta content="...">`` without escaping it."""
    plain = one_line(text).replace("`", "")
    return (
        plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def yaml_string(text: str) -> str:
    """A double-quoted scalar that every YAML parser reads back as exactly ``text``."""
    return json.dumps(text, ensure_ascii=False)


def link(source_page: str, target_page: str) -> str:
    """The relative link from one docs page to another (both relative to the docs folder).

    Page paths are normalised (no ``.`` or ``..`` segments, which E013 refuses), so this is
    `posixpath.relpath` without its two ``abspath`` calls, which a site's thousands of links feel.
    """
    here = source_page.split("/")[:-1]
    there = target_page.split("/")
    common = 0
    for mine, theirs in zip(here, there, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def code_span(text: str) -> str:
    """Inline code that shows ``text`` verbatim, whatever backticks it contains."""
    longest = max((len(run) for run in _BACKTICK_RUN.findall(text)), default=0)
    marks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{marks}{pad}{text}{pad}{marks}"


def lead_in(text: str, mark: str = ":") -> str:
    """``text`` on one line, ending in ``mark`` unless it already ends in punctuation."""
    line = one_line(text)
    return line if line[-1:] in ".:!?" else line + mark


def bold_lead(title: str | None) -> str:
    """``**Title:** `` before a step's text, or nothing when the step has no title."""
    return f"**{lead_in(title)}** " if title else ""
