"""Deterministic JSON text for machine-readable outputs and reports.

Keys keep the order the builders chose (a readable order, not an alphabetical one); lists are
already sorted by the builders.
"""

from __future__ import annotations

import math
from json.encoder import encode_basestring as _encode_string  # C, where there is one


def dump_json(data: object) -> str:
    """JSON with two-space indentation, UTF-8 characters kept, and a final newline."""
    return pretty_json(data) + "\n"


def pretty_json(data: object) -> str:
    """Exactly ``json.dumps(data, indent=2, ensure_ascii=False)``, about twice as fast.

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
        return float.__repr__(value)
    what = "keys must be str, int, float, bool or None" if as_key else "is not JSON serializable"
    raise TypeError(f"Object of type {type(value).__name__} {what}")
