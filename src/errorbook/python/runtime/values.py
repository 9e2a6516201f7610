"""Member values: their JSON types, their text in a detail or a header, and JSON itself.

The JSON encoder and decoder are made on first use, so importing a package stays cheap, and
once, so each call costs what ``json.dumps`` and ``json.loads`` cost with default options.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn

_INFINITY = float("inf")
_encode: Callable[[Any], str] | None = None
_decode: Callable[[str], Any] | None = None
_raw_decode: Callable[[str], tuple[Any, int]] | None = None


def _is_string(value: object) -> bool:
    return isinstance(value, str)


def _is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    # JSON has no NaN or infinity, and a bool is not a number here.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return abs(value) < _INFINITY


def _is_boolean(value: object) -> bool:
    return isinstance(value, bool)


def _is_array(value: object) -> bool:
    return isinstance(value, list)


def _is_object(value: object) -> bool:
    return isinstance(value, dict)


#: Each JSON type a catalog member may have: the Python class a value of it usually has
#: (checked first, for speed), a test for any value, and the Python types it takes, as an
#: error message names them.
KINDS: dict[str, tuple[type, Callable[[object], bool], str]] = {
    "string": (str, _is_string, "str"),
    "integer": (int, _is_integer, "int"),
    "number": (int, _is_number, "a finite int or float"),
    "boolean": (bool, _is_boolean, "bool"),
    "array": (list, _is_array, "list"),
    "object": (dict, _is_object, "dict"),
}


def wrong_type(owner: str, name: str, expected: str, value: object) -> NoReturn:
    """Raise the TypeError of a constructor argument, e.g. ``ApiNotFound: api_id must be str``."""
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    got = f"{type(value).__name__} {shown}"
    raise TypeError(f"{owner}: {name} must be {expected}, got {got}")


def text(value: object) -> str:
    """A member's value as it reads in a detail or a header: JSON for everything but strings."""
    if isinstance(value, str):
        return value
    return encode(value)


def header_text(value: object) -> str:
    """`text`, made safe for a header: a member's value can never start another header."""
    return "".join(" " if char in "\r\n\0" else char for char in text(value))


def encode(value: Any) -> str:
    """``value`` as compact JSON text; NaN and infinity are refused (ValueError), as in JSON."""
    global _encode
    if _encode is None:
        import json

        _encode = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode
    return _encode(value)


def decode(data: str | bytes | bytearray) -> Any:
    """The JSON value in ``data``; NaN and Infinity are refused, as JSON has neither.

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

        return json.loads(data, parse_constant=_not_json)
    except (ValueError, RecursionError) as error:
        raise ValueError(f"not JSON ({error})") from None


def _decoder() -> tuple[Callable[[str], Any], Callable[[str], tuple[Any, int]]]:
    global _decode, _raw_decode
    if _decode is None or _raw_decode is None:
        import json

        decoder = json.JSONDecoder(parse_constant=_not_json)
        _decode, _raw_decode = decoder.decode, decoder.raw_decode
    return _decode, _raw_decode


def _not_json(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON value")


def reason(status: int) -> str:
    """The reason phrase of an HTTP status, or its class's name when HTTP has none."""
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Client Error" if status < 500 else "Server Error"
