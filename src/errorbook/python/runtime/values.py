"""Member values: their JSON types, and their text in a detail or a header."""

from __future__ import annotations

from .json_text import encode, json_problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection
    from typing import Any, NoReturn

_INFINITY = float("inf")


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
    return isinstance(value, list) and json_problem(value) is None


def _is_object(value: object) -> bool:
    return isinstance(value, dict) and json_problem(value) is None


class _Contents:
    """The "usual class" of arrays and objects: no value has it, so their items are always
    checked."""


#: Each JSON type a catalog member may have: the Python class a value of it usually has
#: (checked first, for speed), a test for any value, and the Python types it takes, as an
#: error message names them.
KINDS: dict[str, tuple[type, Callable[[object], bool], str]] = {
    "string": (str, _is_string, "str"),
    "integer": (int, _is_integer, "int"),
    "number": (int, _is_number, "a finite int or float"),
    "boolean": (bool, _is_boolean, "bool"),
    "array": (_Contents, _is_array, "a list of JSON values"),
    "object": (_Contents, _is_object, "a dict of JSON values"),
}


def is_delay(value: object) -> bool:
    """Whether ``value`` can be a Retry-After header's delay: a whole number of seconds,
    0 or more (RFC 9110 section 10.2.3)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def wrong_type(owner: str, name: str, expected: str, value: object) -> NoReturn:
    """Raise the TypeError of a constructor argument, e.g. ``ApiNotFound: api_id must be str``."""
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    got = f"{type(value).__name__} {shown}"
    raise TypeError(f"{owner}: {name} must be {expected}, got {got}")


def checked_extensions(
    owner: str,
    extensions: object,
    taken: Collection[str],
) -> dict[str, Any]:
    """The extension members of a constructor, once checked: a mapping of JSON values
    whose names are strings and not ``taken`` by a standard or declared member."""
    from collections.abc import Mapping

    if not isinstance(extensions, Mapping):
        wrong_type(owner, "extensions", "a mapping or None", extensions)
    checked = dict(extensions)
    for key, value in checked.items():
        if not isinstance(key, str):
            wrong_type(owner, "an extension member name", "str", key)
        if key in taken:
            message = f"{owner}: extension member {key!r} is a standard or declared"
            raise TypeError(f"{message} member; pass it as its own keyword argument")
        problem = json_problem(value)
        if problem is not None:
            raise TypeError(f"{owner}: extension member {key!r} is not JSON: {problem}")
    return checked


def text(value: object) -> str:
    """A member's value as it reads in a detail or a header: JSON for everything but strings.

    A str subclass reads as its value, as in JSON: a ``(str, Enum)`` member is ``prod``,
    not ``Env.PROD``.
    """
    if isinstance(value, str):
        return value if value.__class__ is str else str.__str__(value)
    return encode(value)


def header_text(value: object) -> str:
    """`text`, as a header can carry it: predictably, and never another header.

    Every character but visible ASCII and spaces is percent-encoded as UTF-8, and so are
    ``%`` and spaces at either end, which HTTP would drop: ``urllib.parse.unquote`` reads
    the member's text back.
    """
    shown = text(value)
    plain = shown.isascii() and shown.isprintable() and "%" not in shown
    if plain and shown[:1] != " " and shown[-1:] != " ":
        return shown
    encoded = "".join(map(_header_character, shown))
    if encoded[:1] == " ":
        encoded = "%20" + encoded[1:]
    if encoded[-1:] == " ":
        encoded = encoded[:-1] + "%20"
    return encoded


def _header_character(char: str) -> str:
    if " " <= char <= "~" and char != "%":
        return char
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


def reason(status: int) -> str:
    """The reason phrase of an HTTP status, or its class's name when HTTP has none."""
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Client Error" if status < 500 else "Server Error"
