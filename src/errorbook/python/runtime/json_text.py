"""JSON text: what counts as a JSON value, and the encoder and decoder, each made once.

They are made on first use, so importing a package stays cheap, and once, so a call costs
no more than ``json.dumps`` or ``json.loads`` with their default options.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn

#: How deep a value may nest: json's encoder and decoder recurse, and the interpreter's
#: default recursion limit is 1,000 frames.
MAX_DEPTH = 500
_INFINITY = float("inf")
_LEAVE = object()  # marks, on the walk's stack, the end of a container's items
_encode: Callable[[Any], str] | None = None
_decode: Callable[[str], Any] | None = None
_raw_decode: Callable[[str], tuple[Any, int]] | None = None


def json_problem(value: object) -> str | None:
    """Why ``value`` is not a JSON value, or None when it is one.

    A JSON value is None, a bool, an int, a finite float or a str, or a list or a dict with
    str keys of JSON values (subclasses included), that contains neither itself nor more
    than `MAX_DEPTH` levels of containers: exactly what `encode` can write.
    """
    stack = [value]
    inside: dict[int, None] = {}  # the containers around the item, innermost last
    while stack:
        item = stack.pop()
        if item is _LEAVE:
            inside.popitem()
            continue
        if item is None or isinstance(item, str | int):
            continue
        if isinstance(item, float):
            if abs(item) < _INFINITY:
                continue
            return f"{item!r} is not a finite number"
        if isinstance(item, dict):
            if not all(isinstance(key, str) for key in item):
                return "an object member's name is not a str"
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            return f"a {type(item).__name__} is not a JSON value"
        if id(item) in inside:
            return "a list or dict contains itself"
        if len(inside) == MAX_DEPTH:
            return f"lists and dicts nest more than {MAX_DEPTH} deep"
        inside[id(item)] = None
        stack.append(_LEAVE)
        stack.extend(children)
    return None


def encode(value: Any) -> str:
    """``value`` as compact JSON text; NaN and infinity are refused (ValueError), as in JSON."""
    global _encode
    if _encode is None:
        import json

        _encode = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode
    return _encode(value)


def decode(data: str | bytes | bytearray) -> Any:
    """The JSON value in ``data``. NaN, Infinity and numbers too large for a float (1e400)
    are refused: JSON has no such values, and encode() could not write them again.

    Raises:
        ValueError: ``data`` is not JSON, or nests too deeply to read.
    """
    raw_decode = _raw_decode or _decoder()[1]
    try:
        # UTF-8 is the only encoding RFC 8259 allows between systems, and decoding it here
        # is faster than json's detection; the public decode() below handles the rest
        # (whitespace around the value, a BOM, UTF-16 and UTF-32) and words the errors.
        text = data if isinstance(data, str) else data.decode()
        value, end = raw_decode(text)
        if end == len(text):
            return value
    except (ValueError, RecursionError):
        pass
    try:
        if isinstance(data, str):
            return _decoder()[0](data)
        import json

        return json.loads(data, parse_constant=_not_json, parse_float=_finite)
    except (ValueError, RecursionError) as error:
        raise ValueError(f"not JSON ({error})") from None


def _decoder() -> tuple[Callable[[str], Any], Callable[[str], tuple[Any, int]]]:
    global _decode, _raw_decode
    if _decode is None or _raw_decode is None:
        import json

        decoder = json.JSONDecoder(parse_constant=_not_json, parse_float=_finite)
        _decode, _raw_decode = decoder.decode, decoder.raw_decode
    return _decode, _raw_decode


def _not_json(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON value")


def _finite(text: str) -> float:
    value = float(text)
    if abs(value) < _INFINITY:
        return value
    raise ValueError(f"{text} is too large for a number")
