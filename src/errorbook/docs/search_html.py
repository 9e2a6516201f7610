"""Material's search plugin, fed each page's HTML without the highlighter's spans in code blocks.

The plugin parses every page's HTML with the standard library's ``HTMLParser``, whose cost is
per tag, and an error page's examples are code blocks with one ``<span class="...">`` per token:
more than half of the tags it parses (search indexing of the 1,000-entry site, on one core,
2.9 s without them against 1.7 s). Inside a
``<pre>`` those spans change nothing the plugin keeps: it keeps every piece of text there as
it is (white space included), escaped character by character, so the text of adjacent pieces
is the text of their concatenation; a span is neither kept nor skipped, and it cannot close a
section (a heading's container always closes first). `lean_add` removes them before the
plugin parses the page, and only where every one of those holds:

- a ``<pre>`` whose spans are all plain (no attribute but ``class``) and balanced, with no
  comment or CDATA section inside;
- a page with no ``data-search-exclude`` and no ``linenodiv``, the two markers that make the
  plugin skip an element (and, since it compares elements by tag name, a skipped span would
  be matched by any other).

Anything else is parsed as it is. The tests compare the entries of every page of a site with
and without.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from errorbook.docs.search_sections import Parsed, add_in_sections, keep_pieces
from errorbook.speed.memo import Memo

#: A ``<pre>`` right after another tag, as the highlighter writes it (not text in an attribute).
_PRE = re.compile(r"(?<=>)(<pre\b[^<>]*>)(.*?)(</pre>)", re.DOTALL)
_PLAIN_SPAN = re.compile(r'<span(?: class="[^"<>&]*")?>|</span>')
#: The search plugins whose parser the reasoning above is about.
_MATERIAL = "material.plugins.search.plugin"


def without_code_spans(html: str) -> str:
    """``html`` with the plain spans of its ``<pre>`` blocks removed, where that is safe."""
    if "data-search-exclude" in html or "linenodiv" in html or "<pre" not in html:
        return html
    return _PRE.sub(_lean_block, html)


def _lean_block(match: re.Match[str]) -> str:
    inner = match.group(2)
    if "<!--" in inner or "<![" in inner:
        return match.group(0)
    starts, ends = inner.count("<span"), inner.count("</span")
    lean, removed = _PLAIN_SPAN.subn("", inner)
    if starts != ends or removed != starts + ends:
        return match.group(0)
    return match.group(1) + lean + match.group(3)


def lean_add(
    add: Callable[[Any], None], plugin: Any, parsed: Memo[Parsed] | None = None
) -> Callable[[Any], None]:
    """The search index's ``add_entry_from_context``, parsing the leaner HTML when ``plugin``
    is Material's search plugin, and a long page a section at a time when ``parsed`` keeps
    the sections for later builds (`errorbook.docs.search_sections`); ``add`` itself
    otherwise."""
    if type(plugin).__module__ != _MATERIAL:
        return add

    def add_lean(page: Any) -> None:
        content = page.content
        if not isinstance(content, str):
            add(page)
            return
        lean = without_code_spans(content)
        if parsed is not None and add_in_sections(plugin.search_index, page, lean, parsed):
            return
        page.content = lean
        try:
            add(page)
        finally:
            page.content = content

    return add_lean


def keep_sections(plugin: Any, page: Any, parsed: Memo[Parsed]) -> None:
    """Keep, in ``parsed``, the sections of ``page`` that `lean_add` parsed in an earlier
    build, when its entries are reused without parsing."""
    if type(plugin).__module__ == _MATERIAL and isinstance(page.content, str):
        keep_pieces(without_code_spans(page.content), parsed)
