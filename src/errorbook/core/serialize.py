"""Deterministic JSON text for machine-readable outputs and reports.

Keys keep the order the builders chose (a readable order, not an alphabetical one); lists are
already sorted by the builders. Strings are written by `errorbook.core.escape.json_string`, so
YAML readers (OpenAPI tools read JSON as YAML) read back the same values as JSON readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from errorbook.core.escape import json_string as _encode_string


@dataclass(frozen=True)
class Encoded:
    """A value `pretty_json` already wrote, placed as it is (indented to fit) in a larger
    document: under a preview server, each entry's part of ``catalog.json`` and of the combined
    schema is written once, not again on every rebuild."""

    text: str


def encoded(data: object) -> Encoded:
    """``data`` written by `pretty_json`, for a larger document to include."""
    return Encoded(pretty_json(data))


def dump_json(data: object) -> str:
    """JSON with two-space indentation, UTF-8 characters kept (but those YAML refuses or
    changes), and a final newline."""
    return pretty_json(data) + "\n"


def pretty_json(data: object) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)``, about twice as fast, with the code
    points YAML refuses or changes (DEL, C1, U+2028/2029, U+FEFF, U+FFFE/FFFF, surrogates) as
    ``\\u`` escapes.

    The standard library encodes with ``indent`` in pure Python, one generator per level, and
    thousands of schemas and examples make that a visible share of a cold generate. Strings
    still go through its C encoder; only the layout is done here.
    """
    parts: list[str] = []
    _encode(data, "\n", parts)
    return "".join(parts)


def _encode(value: object, newline: str, parts: list[str]) -> None:
    kind = type(value)
    if kind is str:
        parts.append(_encode_string(value))  # type: ignore[arg-type]
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            name = _encode_string(key) if type(key) is str else _encode_key(key)
            if type(item) is str:  # most values: one append, no call
                parts.append(f"{separator}{name}: {_encode_string(item)}")
            else:
                parts.append(f"{separator}{name}: ")
                _encode(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            if type(item) is str:
                parts.append(separator + _encode_string(item))
            else:
                parts.append(separator)
                _encode(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    elif kind is Encoded:
        # JSON strings never hold a raw line break, so every one starts a line to indent.
        parts.append(value.text.replace("\n", newline))  # type: ignore[attr-defined]
    else:
        parts.append(_encode_scalar(value))


def _encode_key(key: object) -> str:
    return _encode_string(key if isinstance(key, str) else _encode_scalar(key, as_key=True))


def _encode_scalar(value: object, *, as_key: bool = False) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (math.inf, -math.inf):
            return "Infinity" if value > 0 else "-Infinity"
        text = float.__repr__(value)
        # YAML 1.1 reads 1e+100 as a string: its floats need a dot (PyYAML's writer does this).
        # A key is a string already, which stays as the standard library writes it.
        if as_key or "." in text or "e" not in text:
            return text
        return text.replace("e", ".0e", 1)
    what = "keys must be str, int, float, bool or None" if as_key else "is not JSON serializable"
    raise TypeError(f"Object of type {type(value).__name__} {what}")
