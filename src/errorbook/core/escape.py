"""The escaping policy: one function per sink that catalog text reaches.

Catalog text is untrusted: many people edit it through pull requests, and the site is served
on the API owner's domain. The README ("Escaping") states the policy these functions enforce:

- *Plain-text* fields (titles, detail, codes, names, header values, tags, versions, the titles of
  fixes, mistakes and examples) show exactly their characters in every sink, never markup.
- *Markdown* fields (description, causes, the text of fixes and mistakes, the descriptions of
  fields and headers, a deprecation's reason; a summary as one line) render Markdown without
  raw HTML (unless the project opts in), attribute lists or emoji shortcodes, and with links
  and images only to http, https, mailto (links) and relative URLs.

Every function is pure; the Markdown rewriting itself lives in `errorbook.core.markdown_scan`.
"""

from __future__ import annotations

import functools
import re
from json.encoder import encode_basestring

from errorbook.core.markdown_scan import (
    Inline,
    block,
    code_span,
    inert_code,
    inline,
    one_line,
    plain,
)
from errorbook.core.markdown_scan import is_risky_code as _risky

#: What pymdownx.inlinehilite reads at the start of a code span as its language (``#!python x``,
#: ``:::js x``), hiding it: plain text starting so is written as HTML instead.
_HILITE_LANGUAGE = re.compile(r"(?::{3,}|#!)[\w#.+-]*\s")
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
#: Invisible controls, which Markdown readers drop (Python-Markdown its placeholders' STX and
#: ETX, pymdownx SOH and EOT) after errorbook looked at the text: dropped first.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")
#: What Python's ``str.splitlines``, and so Jinja's ``indent`` filter, takes as a line break,
#: but a Markdown reader does not (NEL, line and paragraph separators, vertical tab, form feed,
#: a lone carriage return): made a line feed first, so errorbook, the templates and the
#: Markdown reader all see the same lines. Else ``x\x85{: onclick=...}`` is one line to
#: errorbook, and an attribute list on a line of its own once a template indents it.
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
#: What starts a block (heading, quote, list, admonition, tabs, details, definition, table,
#: fence, rule) when it opens a paragraph; the first character is written so that it does not.
_BLOCK_START = re.compile(r"(?:[#>=!?:|~+-]|\d+[.)])")
_BLOCK_SUBSTITUTES = {"=": "&#61;", "?": "&#63;", ":": "&#58;", "~": "&#126;", "|": "\\|"}
#: Code points a YAML 1.1 reader refuses (DEL, C1, U+FFFE, U+FFFF), folds into a line break
#: (U+0085, U+2028, U+2029) or strips (a byte order mark), and lone surrogates, which UTF-8
#: cannot encode: written as ``\\uXXXX`` escapes, which JSON and YAML read alike.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
#: What a terminal obeys instead of showing: C0 controls but tab and line feed, DEL, C1
#: controls (OSC 52 writes the clipboard), and the bidirectional overrides.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_ONE_LINE_UNSAFE = re.compile(_TERMINAL_UNSAFE.pattern.replace("\x0b", "\n\x0b"))


def _without_controls(text: str) -> str:
    if _LINE_BREAKS.search(text):
        text = _LINE_BREAKS.sub("\n", text)
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def html_text(text: str) -> str:
    """HTML element text or a double-quoted attribute value: ``& < > "`` as references."""
    return text.translate(_HTML)


@functools.lru_cache(maxsize=1 << 16)  # titles, in every table and related list they are in
def markdown_text(text: str, *, cell: bool = False, block_start: bool = False) -> str:
    """Plain text, on one line, that any Markdown reader shows as exactly these characters.

    Args:
        text: The plain text.
        cell: It is a table cell: ``|`` is escaped too.
        block_start: It opens a paragraph, where ``#``, ``-``, ``1.``, ``!!!`` ... start blocks.
    """
    escaped = plain(one_line(_without_controls(text)), cell=cell)
    return _unblock(escaped) if block_start else escaped


def _unblock(markdown: str) -> str:
    match = _BLOCK_START.match(markdown)
    if match is None:
        return markdown
    first = match[0]
    if first[-1] in ".)":  # an ordered list item: 1. or 1)
        return first[:-1] + "\\" + first[-1] + markdown[match.end() :]
    return _BLOCK_SUBSTITUTES.get(first, "\\" + first) + markdown[1:]


def admonition_title(text: str) -> str:
    """Plain text inside the quotes of ``!!! kind "title"`` or ``=== "tab"``."""
    return markdown_text(text).replace('"', "&quot;")


def code_text(text: str) -> str:
    """Plain text as inline code: a Markdown code span, whose backtick fence is longer than any
    run inside; ``<code>`` HTML that no reader takes apart if the text starts like a
    highlighting language, or holds a ``|`` (which splits a table row before code spans exist)
    and something that would be markup as text."""
    line = _without_controls(text).replace("\r", " ").replace("\n", " ")
    if not line:
        return ""
    if _HILITE_LANGUAGE.match(line) or (_risky(line) and "|" in line):
        return inert_code(line)
    return code_span(line)


@functools.lru_cache(maxsize=1 << 16)  # a field is escaped for the page and for `entry`
def markdown_block(text: str, *, raw_html: bool = False, top_level: bool = False) -> str:
    """A Markdown field, rewritten so that only the Markdown the policy allows is live.

    Args:
        text: The field as authored.
        raw_html: The project opted in to raw HTML in Markdown fields (``markdown-html``).
        top_level: The field starts at the page's left margin (not in a list or callout),
            where fenced code stays a highlighted fence; elsewhere it becomes plain ``<pre>``.
    """
    return block(_without_controls(text), Inline(raw_html=raw_html), top_level=top_level)


@functools.lru_cache(maxsize=1 << 16)  # each summary, in every table and list it is in
def markdown_inline(
    text: str, *, raw_html: bool = False, cell: bool = False, block_start: bool = False
) -> str:
    """One line of Markdown (a summary): like `markdown_block`, with images shown as their
    alternative text, since a summary appears on every index page.

    Args:
        text: The Markdown, joined onto one line.
        raw_html: The project opted in to raw HTML in Markdown fields.
        cell: It is a table cell (see `markdown_text`).
        block_start: It opens a paragraph (see `markdown_text`).
    """
    context = Inline(raw_html=raw_html, images=False, cell=cell)
    rewritten = inline(one_line(_without_controls(text)), context)
    return _unblock(rewritten) if block_start else rewritten


def front_matter_html(text: str) -> str:
    """A front matter value that Material prints into HTML unescaped (``description`` into a
    ``<meta>`` attribute, ``tags`` into the page and the search results): HTML text on one
    line, written as a YAML string."""
    return yaml_string(html_text(one_line(text)))


def yaml_string(text: str) -> str:
    """A double-quoted scalar that every YAML (and JSON) reader reads back as exactly ``text``."""
    return json_string(text)


def json_string(text: str) -> str:
    """A JSON string literal that JSON readers and YAML 1.1 readers both read as ``text``.

    UTF-8 is kept as it is, except the code points of ``_YAML_UNSAFE``: JSON allows them raw,
    but PyYAML (and so OpenAPI tools that read JSON as YAML) refuses or changes them.
    """
    encoded: str = encode_basestring(text)
    if _YAML_UNSAFE.search(encoded) is None:
        return encoded
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", encoded)


def terminal_text(text: str, *, one_line: bool = False) -> str:
    """Text for a terminal (or a CI log): control characters as ``\\xNN``/``\\uNNNN`` escapes.

    Everything a terminal would obey instead of showing (escape sequences such as OSC 52,
    which writes the clipboard, carriage returns, bidirectional overrides) is shown as an
    escape; tabs stay, and so do line feeds unless ``one_line`` (a diagnostic's message, which
    must not start a line that looks like another diagnostic).
    """
    unsafe = _ONE_LINE_UNSAFE if one_line else _TERMINAL_UNSAFE
    if unsafe.search(text) is None:
        return text
    return unsafe.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)
