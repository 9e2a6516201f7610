"""Small, pure helpers that lay generated Markdown out: fences, list continuations, links.

Escaping catalog text for the spot it lands in is the escaping policy's job
(`errorbook.core.escape`, applied through `errorbook.docs.page_text`); these helpers only place
text that is already safe.
"""

from __future__ import annotations

from collections.abc import Callable

from errorbook.core.markdown_scan import code_span, fence, one_line

__all__ = ["bold_lead", "code_span", "fence", "hang", "lead_in", "link", "one_line"]


def hang(text: str, width: int = 4) -> str:
    """Indent every line but the first, so multi-line Markdown stays inside a list item."""
    first, _, rest = text.strip("\n").partition("\n")
    if not rest:
        return first
    pad = " " * width
    return first + "\n" + "\n".join(pad + line if line.strip() else "" for line in rest.split("\n"))


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


def lead_in(text: str, mark: str = ":") -> str:
    """``text`` on one line, ending in ``mark`` unless it already ends in punctuation."""
    line = one_line(text)
    return line if line[-1:] in ".:!?" else line + mark


def bold_lead(title: str | None, escape: Callable[[str], str]) -> str:
    """``**Title:** `` before a step's text (the title escaped by ``escape``), or nothing when
    the step has no title."""
    return f"**{escape(lead_in(title))}** " if title else ""
