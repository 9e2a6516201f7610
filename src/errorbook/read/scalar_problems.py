"""What to tell an author whose YAML scalar has a type YAML 1.1 cannot build a value of.

A plain ``2021-02-29`` or ``0x_`` matches YAML 1.1's pattern for a date or an integer, so the
scalar gets that type, but no such date or integer exists; an explicit tag (``!!int abc``)
demands a type its text cannot have. The YAML library raises from deep inside its constructor
for these; `source` catches that and reports the scalar with the message made here.
"""

from __future__ import annotations

#: Python refuses to convert integers longer than this to or from text (``int_max_str_digits``),
#: so a longer one would crash every later message and the generated code that prints it.
MAX_INT_DIGITS = 4300
INT_LIMIT = 10**MAX_INT_DIGITS

_NOUNS = {
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "timestamp": "date",
    "null": "null",
}
_SHOWN = 40


def unreadable(kind: str, raw: str, reason: str, *, tagged: str | None) -> tuple[str, str, str]:
    """The code, message and hint for a scalar whose text is not a value of its YAML type.

    Args:
        kind: The YAML type's short name: ``int``, ``float``, ``bool`` or ``timestamp``.
        raw: The scalar's text.
        reason: What the constructor said (only dates explain themselves well).
        tagged: The explicit tag as written (``!!int``), or None when YAML 1.1 chose the type.
    """
    noun = _NOUNS.get(kind, kind)
    if kind == "timestamp" and any(sep in raw for sep in " tT"):
        noun = "date and time"
    shown = shorten(raw)
    a_noun = ("an " if noun[0] in "aeiou" else "a ") + noun
    if tagged is not None:
        message = f"'{shown}' is not {a_noun}, as the YAML tag '{tagged}' requires"
        return "E004", message, "entries need no tags: remove it (a value in quotes stays text)"
    message = f"{shown} is not a valid {noun}"
    if kind == "timestamp":
        message += f": {_date_reason(reason)}"
    hint = f'YAML 1.1 reads it as {a_noun}; quote it to keep it as text: "{shown}"'
    return "E012", message, hint


def too_long() -> tuple[str, str, str]:
    """The code, message and hint for an integer past `MAX_INT_DIGITS`."""
    message = f"the integer is longer than {MAX_INT_DIGITS:,} digits, the most errorbook reads"
    return "E013", message, "no error catalog needs such a number; shorten it"


def _date_reason(reason: str) -> str:
    # datetime's own words ("day is out of range for month") are clear, except the offset one,
    # which spells out timedelta reprs.
    return "the time zone offset must be under 24 hours" if "offset" in reason else reason


def shorten(raw: str) -> str:
    """``raw``, cut to a length a one-line message can quote."""
    return raw if len(raw) <= _SHOWN else raw[: _SHOWN - 1] + "…"
