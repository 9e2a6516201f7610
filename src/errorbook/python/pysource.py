"""Python source text for generated code: safe literals, laid out as black and ruff format would.

Catalog text reaches generated code only through these functions, never pasted into a template:
every string becomes an escaped literal (ASCII only, so no bidi control, line separator or
look-alike character can hide in the source), and the layout (quotes, line breaks, trailing
commas) is one that ``ruff format`` and ``black`` leave as it is, at their default line length
and at this project's, so the output is already formatted for any project that runs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: The longest line ruff's E501 accepts in generated code (this project's ``line-length``).
LINE_LENGTH = 100
#: The width generated code is laid out for: the default of black and ruff format. Brackets
#: that fit stay on one line; the others get a "magic trailing comma", which keeps them
#: exploded at any longer line length too.
LAYOUT_WIDTH = 88
_INDENT = "    "
_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)}
_SPECIAL = {**_CONTROL, ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
_TABLES = {quote: {**_SPECIAL, ord(quote): "\\" + quote} for quote in "'\""} | {"": _SPECIAL}
_DOCSTRING_QUOTE = re.compile(r'"(?="|$)')
_DIGITS = re.compile(r"(\d+)")


def _escape(text: str, quote: str) -> str:
    """``text`` as the inside of a literal delimited by ``quote``; the result is pure ASCII."""
    if (
        text.isascii()
        and text.isprintable()
        and "\\" not in text
        and (not quote or quote not in text)
    ):
        return text  # the common case: nothing to escape
    escaped = text.translate(_TABLES[quote])
    if not escaped.isascii():
        escaped = escaped.encode("ascii", "backslashreplace").decode("ascii")
    return escaped


def _quote_for(text: str) -> str:
    # ruff format prefers double quotes unless single quotes need fewer escapes.
    return "'" if text.count('"') > text.count("'") else '"'


def string_literal(text: str) -> str:
    """``text`` as one Python string literal whose value is exactly ``text``."""
    quote = _quote_for(text)
    return quote + _escape(text, quote) + quote


def fits_line_limit(line: str) -> bool:
    """Whether ruff's line-length rule (E501) accepts ``line`` at `LINE_LENGTH`.

    Like ruff, it accepts a longer line that holds a single word, or that ends with a URL
    starting before the limit: a long URI is never split to make a line shorter.
    """
    if len(line) <= LINE_LENGTH:
        return True
    chunks = line.split()
    if len(chunks) < 2:
        return True
    return "://" in chunks[-1] and len(line) - len(chunks[-1]) <= LINE_LENGTH


def _chunks(text: str, width: int) -> list[str]:
    """Split ``text`` into pieces whose literals fit in ``width``, at spaces.

    Each piece after the first starts with its spaces, so a URL in the text is always the
    last word of its line, where E501 allows it to run past the limit; a URL is never cut,
    other words only when they cannot fit on a line of their own.
    """
    chunks: list[str] = []
    current = ""
    for token in re.findall(r" *[^ ]+| +$", text):
        if current and len(string_literal(current + token)) > width:
            chunks.append(current)
            current = ""
        if len(string_literal(token)) > width and "://" not in token:
            *parts, current = _cut(token, width)
            chunks += parts
        else:
            current += token
    return [*chunks, current] if current else chunks


def _cut(word: str, width: int) -> list[str]:
    """``word`` in parts whose literals fit in ``width``, never inside an escape sequence."""
    parts, part = [], ""
    for char in word:
        if part and len(string_literal(part + char)) > width:
            parts.append(part)
            part = ""
        part += char
    return [*parts, part]


@dataclass(frozen=True, slots=True)
class Text:
    """A string literal in generated code, split over lines only when E501 requires it."""

    value: str


@dataclass(frozen=True, slots=True)
class Brackets:
    """Source in brackets: ``open``, the items separated by commas, ``close``.

    An item is source text, a `Text`, nested `Brackets`, or ``(prefix, item)`` for a keyword
    argument (``"name="``) or a dict entry (``'"key": '``). ``tuple_`` marks a tuple
    (``(`` and ``)``): one item gets the comma it needs, and a list stands for it when that
    item is too long for a line (so use it only where a list does as well). ``explode`` puts
    one item per line even when they would fit on one.
    """

    open: str
    items: Sequence[Item]
    close: str
    tuple_: bool = False
    explode: bool = False


Node = str | Text | Brackets
Item = Node | tuple[str, Node]


def flat(node: Item) -> str:
    """``node`` as source on one line."""
    if isinstance(node, tuple):
        return node[0] + flat(node[1])
    if isinstance(node, str):
        return node
    if isinstance(node, Text):
        return string_literal(node.value)
    items = ", ".join(flat(item) for item in node.items)
    comma = "," if node.tuple_ and len(node.items) == 1 else ""
    return f"{node.open}{items}{comma}{node.close}"


def layout(node: Item, indent: int = 0, suffix: str = "") -> list[str]:
    """``node`` as lines of source, laid out as black and ruff format lay it out.

    Brackets stay on one line when that fits `LAYOUT_WIDTH`; otherwise each item gets a line
    of its own and a trailing comma, which both formatters keep ("magic trailing comma"), so
    the layout is the same at any line length from `LAYOUT_WIDTH` up. A string literal too
    long for E501 becomes a parenthesized concatenation of pieces, one per line.
    """
    prefix, node = node if isinstance(node, tuple) else ("", node)
    pad = _INDENT * indent
    line = f"{pad}{prefix}{flat(node)}{suffix}"
    if isinstance(node, str) or (isinstance(node, Text) and fits_line_limit(line)):
        return [line]
    if isinstance(node, Text):
        inner = pad + _INDENT
        # ruff format joins a concatenation back whenever the joined literal fits its line,
        # so a literal is split only when it cannot fit on a line of its own.
        pieces = [node.value]
        if not fits_line_limit(inner + string_literal(node.value)):
            pieces = _chunks(node.value, LAYOUT_WIDTH - len(inner))
        return [f"{pad}{prefix}(", *(inner + string_literal(p) for p in pieces), f"{pad}){suffix}"]
    if not node.explode and len(line) <= LAYOUT_WIDTH:
        return [line]
    opening, closing = node.open, node.close
    if node.tuple_ and len(node.items) == 1:
        # A one-item tuple's comma is not "magic": a formatter joins it again whenever it
        # fits, so one too long for a line is written as a list, which they keep exploded.
        opening, closing = "[", "]"
    lines = [f"{pad}{prefix}{opening}"]
    for item in node.items:
        lines += layout(item, indent + 1, ",")
    return [*lines, f"{pad}{closing}{suffix}"]


def sequence(
    head: str, items: Sequence[str], tail: str, indent: int = 0, *, tuple_: bool = False
) -> list[str]:
    """``head item, item tail`` on one line when it fits, else one item per line.

    The exploded form ends every item with a comma; ruff format keeps such a "magic trailing
    comma" exploded, so the layout does not depend on the formatter's choices. ``tuple_``
    adds the comma a one-element tuple needs. Items are source text already.
    """
    pad = _INDENT * indent
    joined = ", ".join(items) + ("," if tuple_ and len(items) == 1 else "")
    line = f"{pad}{head}{joined}{tail}"
    if len(line) <= LINE_LENGTH:
        return [line]
    inner = pad + _INDENT
    return [f"{pad}{head}", *(f"{inner}{item}," for item in items), f"{pad}{tail}"]


#: A docstring section: a heading such as ``Attributes:`` and its items, each indented under it.
Section = tuple[str, Sequence[str]]


def docstring(paragraphs: Iterable[str | Section], indent: int = 0) -> list[str]:
    """A triple-quoted docstring: paragraphs wrapped to the line length, ASCII-escaped.

    Whitespace inside each paragraph is collapsed, so Markdown line breaks and indentation
    never reach the source; a paragraph that is empty after that is left out. A `Section`
    becomes a Google-style block: the heading, then each item with hanging indentation.
    """
    pad = _INDENT * indent
    # Three characters less than the line allows, so the first line fits after the quotes.
    width = LAYOUT_WIDTH - len(pad) - 3
    lines: list[str] = []
    for paragraph in paragraphs:
        block = (
            _wrap_text(paragraph, width)
            if isinstance(paragraph, str)
            else _section(paragraph, width)
        )
        if block:
            lines += [""] * bool(lines) + block
    if not lines:
        return []
    lines[0] = _opening(lines[0])
    if len(lines) == 1 and len(pad) + 6 + len(lines[0]) <= LAYOUT_WIDTH:
        return [f'{pad}"""{lines[0]}"""']
    first, *rest = lines
    return [f'{pad}"""{first}', *(f"{pad}{line}" if line else "" for line in rest), f'{pad}"""']


def _opening(text: str) -> str:
    """A docstring's first line, with a leading quote escaped: the formatters would put a
    space between it and the opening quotes."""
    return "\\" + text if text.startswith('"') else text


def _wrap_text(text: str, width: int, rest_width: int | None = None) -> list[str]:
    escaped = _DOCSTRING_QUOTE.sub('\\\\"', _escape(" ".join(text.split()), ""))
    return _wrap(escaped.split(" ") if escaped else [], width, rest_width or width)


def _section(section: Section, width: int) -> list[str]:
    heading, items = section
    lines = _wrap_text(heading, width)
    for item in items:
        first, *rest = _wrap_text(item, width - 4, width - 8) or [""]
        lines += [_INDENT + first, *(_INDENT * 2 + line for line in rest)]
    return lines


def _wrap(words: list[str], width: int, rest_width: int) -> list[str]:
    """Greedy word wrap of escaped words, never cutting one: a word longer than a line gets
    a line of its own, which E501 accepts (a URI in a docstring stays whole, and findable).

    The first line may be ``width`` long, the others ``rest_width`` (for hanging indents).
    """
    lines: list[str] = []
    for word in words:
        room = width if len(lines) == 1 else rest_width
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def natural_sort_key(name: str) -> tuple[int, list[tuple[str, int]]]:
    """The order ruff's RUF022 wants in ``__all__``: CONSTANTS, then Classes, then the rest,
    each in natural order (digit runs compare as numbers)."""
    if name.upper() == name and any(c.isalpha() for c in name):
        group = 0
    elif name[:1].isupper():
        group = 1
    else:
        group = 2
    parts: list[tuple[str, int]] = []
    for piece in _DIGITS.split(name):
        if piece.isdigit():
            parts.append(("0", int(piece)))
        else:
            parts.extend((char, 0) for char in piece)
    return group, parts
