"""Python source text for generated code: safe literals laid out exactly as ``ruff format`` would.

Catalog text reaches generated code only through these functions, never pasted into a template:
every string becomes an escaped literal (ASCII only, so no bidi control, line separator or
look-alike character can hide in the source), and the layout (quotes, line breaks, trailing
commas) is the one ``ruff format`` produces, so the output is already formatted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

#: The line length generated code is laid out for (this project's ``[tool.ruff] line-length``).
LINE_LENGTH = 100
_INDENT = "    "
_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)}
_SPECIAL = {**_CONTROL, ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
_TABLES = {quote: {**_SPECIAL, ord(quote): "\\" + quote} for quote in "'\""} | {"": _SPECIAL}
#: One source character of an escaped string: an escape sequence or a plain character.
_UNIT = re.compile(r"\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|.)|.", re.DOTALL)
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


def _chunks(text: str, width: int) -> list[str]:
    """Split ``text`` into pieces whose literals fit in ``width``, preferably after spaces."""
    if len(string_literal(text)) <= width:
        return [text]  # ruff format would join any split of a literal that fits
    chunks: list[str] = []
    current, size = "", 2
    for piece in _pieces(text, width - 2):
        # An upper bound of the piece's literal length, whatever quote its chunk gets.
        cost = len(_escape(piece, "")) + piece.count('"') + piece.count("'")
        if current and size + cost > width:
            chunks.append(current)
            current, size = "", 2
        current += piece
        size += cost
    return [*chunks, current] if current else chunks


def _pieces(text: str, width: int) -> list[str]:
    """Words with their trailing spaces; a word too long for ``width`` is cut into parts."""
    pieces: list[str] = []
    for word in re.findall(r"[^ ]+ *| +", text):
        part, size = "", 0
        for char in word:
            cost = len(_escape(char, "")) + (char in "'\"")
            if part and size + cost > width:
                pieces.append(part)
                part, size = "", 0
            part += char
            size += cost
        pieces.append(part)
    return pieces


def literal_lines(text: str, indent: int) -> list[str]:
    """``text`` as consecutive literals, one per line, for inside parentheses."""
    pad = _INDENT * indent
    return [pad + string_literal(piece) for piece in _chunks(text, LINE_LENGTH - len(pad))]


def assignment(target: str, text: str, indent: int = 0) -> list[str]:
    """``target = "text"`` on one line, or as a parenthesized concatenation when too long."""
    pad = _INDENT * indent
    line = f"{pad}{target} = {string_literal(text)}"
    if len(line) <= LINE_LENGTH:
        return [line]
    return [f"{pad}{target} = (", *literal_lines(text, indent + 1), f"{pad})"]


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
    width = LINE_LENGTH - len(pad) - 3
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
    if len(lines) == 1 and len(pad) + 6 + len(lines[0]) <= LINE_LENGTH:
        return [f'{pad}"""{lines[0]}"""']
    first, *rest = lines
    return [f'{pad}"""{first}', *(f"{pad}{line}" if line else "" for line in rest), f'{pad}"""']


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
    """Greedy word wrap of escaped words; a word longer than a line is cut between escapes.

    The first line may be ``width`` long, the others ``rest_width`` (for hanging indents).
    """
    limit = min(width, rest_width)
    lines: list[str] = []
    for word in words:
        for part in _cut(word, limit):
            room = width if len(lines) == 1 else rest_width
            if lines and len(lines[-1]) + 1 + len(part) <= room:
                lines[-1] += " " + part
            else:
                lines.append(part)
    return lines


def _cut(word: str, limit: int) -> list[str]:
    if len(word) <= limit:
        return [word]
    parts, part = [], ""
    for unit in _UNIT.findall(word):
        if len(part) + len(unit) > limit:
            parts.append(part)
            part = ""
        part += unit
    return [*parts, part]


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
