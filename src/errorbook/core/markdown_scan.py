"""The scanner behind `errorbook.core.escape`'s Markdown sinks: code spans, fences, links.

It rewrites catalog Markdown so that its output holds no raw ``<``, no ``](``, ``]:`` or ``][``
(so no link or reference definition), no ``{`` where an attribute list could start and no emoji
shortcode, except in what it wrote itself: links and images whose URL it checked, written in
a form with one reading; inert ``<code>``/``<pre>`` HTML whose content is character
references; and code spans. A code span is kept only where its backticks are paired as every
Python-Markdown pairs them (an opening run and the next run of its length, with every other
backtick escaped); where a ``|`` could split the line into table cells first, one whose content
would be markup as text is written as ``<code>`` instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from errorbook.core.emoji import has_shortcode, neutralise
from errorbook.core.markdown_links import (
    BACKTICK_RUN,
    ESCAPABLE,
    IMAGE_SCHEMES,
    LINK_SCHEMES,
    allowed_url,
    closing_run,
    parse_link,
)

#: Content that would be live markup if a reader did not see the code span around it (and an
#: emoji shortcode, `has_shortcode`).
_RISKY_CODE = re.compile(r"[<\[\]{]")
_INERT = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]{}:|!~^=+$#"} | {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord("\n"): "&#10;",
}
#: Characters Markdown reads as syntax inside a line, which plain text escapes: a backslash
#: always (what it escapes depends on the extensions, e.g. ``\:`` with pymdownx.emoji), ``_``
#: only where it could open emphasis (not inside a word), ``&`` only where it would start a
#: character reference, ``|`` only in table cells; emoji shortcodes: `neutralise`.
_PLAIN = re.compile(r"[\\`*\[\]{<]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)|(?P<pipe>\|)")
_PLAIN_SUBSTITUTES = {"<": "&lt;", "&": "&amp;"}
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_TRAILING_BLANK_LINES = re.compile(r"(?:\n[ \t]*)+\Z")
_WHITESPACE_LINES = re.compile(r"^[ \t]+$", re.MULTILINE)
_LANG_WORD = re.compile(r"[\w#.+-]+")
_FENCE = re.compile(r"(?P<indent>[ \t>]*)(?P<marks>`{3,}|~{3,})(?P<info>.*)")
_LANG = re.compile(r"\.?(?P<lang>[\w#.+-]+)")
_AUTOLINK = re.compile(r"<(?:https?://[^\s<>\"'`\\\[\]{}|^]+|[\w.%+-]+@[\w.-]+\.\w+)>", re.ASCII)


@dataclass(frozen=True, slots=True)
class Inline:
    """Where a run of inline Markdown lands.

    Attributes:
        raw_html: The project lets Markdown fields hold raw HTML (``markdown-html = true``).
        links: Links are kept (False inside a link's own label).
        images: Images are kept; otherwise they become their alternative text (summaries).
        cell: The text is a table cell errorbook writes: ``|`` is escaped, and code that
            holds one is written as HTML, so the row keeps its cells.
        row: The line has a ``|``, so a reader may split it into cells before it sees code
            spans: code that would be live markup outside a code span is written as HTML.
    """

    raw_html: bool = False
    links: bool = True
    images: bool = True
    cell: bool = False
    row: bool = False


def plain(text: str, *, cell: bool = False) -> str:
    """Plain text that any Markdown reader shows as exactly these characters (see
    `errorbook.core.escape.markdown_text`, which also collapses it onto one line)."""
    return neutralise(_PLAIN.sub(lambda m: _plain_substitute(m, cell), text))


def _plain_substitute(match: re.Match[str], cell: bool) -> str:
    char = match[0]
    if match["pipe"]:
        return "\\|" if cell else char
    return _PLAIN_SUBSTITUTES.get(char, "\\" + char)


def one_line(text: str) -> str:
    """Collapse whitespace (newlines included) to single spaces."""
    return " ".join(text.split())


def fence(code: str, lang: str = "") -> str:
    """A fenced code block whose fence is longer than any backtick run inside ``code``.

    A sample that itself contains a Markdown fence (three backticks or more) can therefore
    never close the block early. ``lang`` is kept only when it is one language word.
    """
    longest = max((len(run) for run in BACKTICK_RUN.findall(code)), default=0)
    marks = "`" * max(3, longest + 1)
    # Blank lines at either end, and the spaces of a blank line, are invisible, and Markdown
    # keeps or drops them depending on the indentation around the block (inside a content tab
    # it drops them): normalise them here, so every context shows the same text.
    body = _WHITESPACE_LINES.sub("", code)
    body = _TRAILING_BLANK_LINES.sub("", _LEADING_BLANK_LINES.sub("", body)) + "\n"
    info = lang if _LANG_WORD.fullmatch(lang) else ""
    return f"{marks}{info}\n{body}{marks}"


def code_span(text: str) -> str:
    """Inline code that shows ``text`` verbatim, whatever backticks it contains."""
    longest = max((len(run) for run in BACKTICK_RUN.findall(text)), default=0)
    marks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{marks}{pad}{text}{pad}{marks}"


def inert(text: str) -> str:
    """``text`` as character references wherever Markdown or HTML could read it as syntax."""
    return text.translate(_INERT)


def inert_code(text: str) -> str:
    """Inline code written as HTML that no Markdown reader can take apart."""
    return f"<code>{inert(text)}</code>"


def is_risky_code(text: str) -> bool:
    """True when ``text`` would be live markup if a reader did not see it as code."""
    return _RISKY_CODE.search(text) is not None or has_shortcode(text)


def block(text: str, context: Inline, *, top_level: bool) -> str:
    """Markdown lines made safe; fenced code stays a fence only at the page's left margin.

    Python-Markdown's own fenced_code sees fences at the left margin only; elsewhere (lists,
    callouts) only pymdownx.superfences does, and a fence no reader sees is read as text. So
    any other fence becomes inert ``<pre>`` HTML, and every line outside a fence is inline text
    (an indented code block is shown as text, escapes included).
    """
    if _SPECIAL.search(text) is None and "~~~" not in text and "\r" not in text:
        return neutralise(text)  # prose without code, links, HTML or braces
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _FENCE.fullmatch(lines[i])
        end = _fence_end(lines, i, match) if match else None
        if match is None or end is None:
            out.append(_line(lines[i], context))
            i += 1
            continue
        indent = match["indent"]
        body = "\n".join(line.removeprefix(indent) for line in lines[i + 1 : end])
        lang = _LANG.match(match["info"].strip())
        word = lang["lang"] if lang else ""
        if top_level and not indent:
            out.append(fence(body, word))
        else:
            out.append(f"{indent}<pre>{inert_code(body)}</pre>")
        i = end + 1
    return "\n".join(out)


def _fence_end(lines: list[str], start: int, match: re.Match[str]) -> int | None:
    indent, marks = match["indent"], match["marks"]
    closing = re.compile(re.escape(marks[0]) + "{" + str(len(marks)) + ",}[ \t]*")
    for i in range(start + 1, len(lines)):
        if closing.fullmatch(lines[i].removeprefix(indent)):
            return i
    return None


def _line(line: str, context: Inline) -> str:
    """One line outside any fence; a line that looks like a fence is kept from being one."""
    if "|" in line:
        context = replace(context, row=True)
    match = _FENCE.fullmatch(line)
    if match is None:
        return inline(line, context)
    at = len(match["indent"])
    mark = "\\`" if match["marks"][0] == "`" else "&#126;"
    return line[:at] + mark + inline(line[at + 1 :], context)


def inline(text: str, context: Inline) -> str:
    """A run of inline Markdown rewritten so that only the syntax errorbook checked is live."""
    special = _SPECIAL.search(text)
    if special is None:  # most prose: only emoji shortcodes to look for
        return neutralise(text)
    out = _Output(raw_html=context.raw_html)
    i = 0
    while special is not None:
        out.text(text[i : special.start()])
        i = _special(text, special.start(), context, out)
        special = _SPECIAL.search(text, i)
    out.text(text[i:])
    return out.result()


#: The characters `inline` looks at; runs of any others are copied as they are.
_SPECIAL = re.compile(r"[\\`\[\]!<{|]")


def _special(text: str, i: int, context: Inline, out: _Output) -> int:
    """Rewrite the syntax starting with the character at ``i``; where the scan goes on."""
    char = text[i]
    if char == "\\":
        escaped = text[i + 1 : i + 2] in ESCAPABLE  # "" (the end) is not
        out.text(text[i : i + 2] if escaped else "\\")
        return i + (2 if escaped else 1)
    if char == "`":
        return _code(text, i, context, out)
    if char == "[" or (char == "!" and text.startswith("[", i + 1)):
        return _link(text, i, context, out)
    if char == "<" and context.links and (autolink := _AUTOLINK.match(text, i)):
        out.markup(autolink[0])
        return autolink.end()
    if char == "{":
        out.text("\\{" if _attribute_list(text, i) else "{")
    elif char == "]" and text.startswith(("(", ":", "["), i + 1):
        out.text("\\]")  # it would end a link label or a reference definition
    else:
        out.text("\\|" if char == "|" and context.cell else char)
    return i + 1


def _attribute_list(text: str, i: int) -> bool:
    """True when the ``{`` at ``i`` could start an attribute list (the attr_list extension).

    attr_list reads ``{...}`` at the start of the text after an inline element (code,
    emphasis, a link, a line break), on a line of its own, and (in headings, list items and
    table cells) at the end of the text before the element's first child or after its last:
    after a space, ending where the line ends or an inline element starts.
    """
    line_start = text.rfind("\n", 0, i) + 1
    line_end = text.find("\n", i)
    line = text[i : len(text) if line_end == -1 else line_end]
    if "}" not in line:
        return False
    before = text[line_start:i]
    if not before.strip() or before[-1] in _ELEMENT_ENDS:
        return True
    return before[-1] in " \t" and _BRACE_BEFORE_ELEMENT.search(line) is not None


#: A ``}`` where a text run of an element may end: the line's end, or an inline element.
_BRACE_BEFORE_ELEMENT = re.compile(r"\}[ \t]*(?:$|[`*_\[!<~^=+:&\\])")
#: Characters an inline element ends with (code, emphasis, links, autolinks, emoji, and the
#: pymdownx tilde/caret/mark/keys extensions).
_ELEMENT_ENDS = frozenset("`*_)>]:~^=+")


class _Output:
    """Rewritten pieces: text, whose ``<`` and emoji shortcodes are neutralised once joined
    (a shortcode can form across pieces, e.g. around an image shown as its text), and markup
    errorbook wrote, which is kept as it is."""

    def __init__(self, *, raw_html: bool) -> None:
        self._pieces: list[str] = []
        self._text: list[str] = []
        self._raw_html = raw_html

    def text(self, piece: str) -> None:
        self._text.append(piece)

    def markup(self, piece: str) -> None:
        self._flush()
        self._pieces.append(piece)

    def result(self) -> str:
        self._flush()
        return "".join(self._pieces)

    def _flush(self) -> None:
        if self._text:
            joined = neutralise("".join(self._text))
            self._pieces.append(joined if self._raw_html else joined.replace("<", "&lt;"))
            self._text.clear()


def _code(text: str, i: int, context: Inline, out: _Output) -> int:
    """A code span from the backtick run at ``i``, or escaped backticks when it has no end."""
    run = BACKTICK_RUN.match(text, i)
    assert run is not None
    close = closing_run(text, run)
    if close is None:
        out.text("\\`" * len(run[0]))
        return run.end()
    content = text[run.end() : close.start()]
    risky = is_risky_code(content) and (context.cell or context.row)
    out.markup(
        inert_code(content.strip())
        if risky or (context.cell and "|" in content)
        else text[i : close.end()]
    )
    return close.end()


def _link(text: str, i: int, context: Inline, out: _Output) -> int:
    """An inline link or image whose URL is allowed, or the text the author wrote."""
    image = text[i] == "!"
    parsed = parse_link(text, i + 1 if image else i)
    if parsed is None:
        return _refused(image, i, out)
    label, url, end = parsed
    if image and not context.images:
        out.text(plain(one_line(label), cell=context.cell))  # as Python-Markdown's alt text
        return end
    kept = context.images if image else context.links
    target = allowed_url(url, IMAGE_SCHEMES if image else LINK_SCHEMES) if kept else None
    if target is None:
        return _refused(image, i, out)
    shown = inline(label, replace(context, links=False, images=False))
    out.markup(f"{'!' if image else ''}[{shown}]({target})")
    return end


def _refused(image: bool, i: int, out: _Output) -> int:
    # Shown as written: its "](" is escaped when the scan gets there. A "!" is escaped here,
    # so that it cannot turn a link written after it into an image.
    out.text("\\!" if image else "[")
    return i + 1
