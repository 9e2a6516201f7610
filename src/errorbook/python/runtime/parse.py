"""``parse``: a response body back into the problem it holds, keeping what it was sent."""

from __future__ import annotations

from .problem import Problem
from .registry import type_class
from .tables import STANDARD
from .values import KINDS, decode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

_NOT_A_PROBLEM = "not a problem details object: "


def parse(
    data: Mapping[str, Any] | str | bytes | bytearray, *, status: int | None = None
) -> Problem:
    """The problem in a response body, as an instance of its class.

    ``data`` is the body as text, bytes or decoded JSON, in either envelope. Members the class
    does not declare are kept in ``extensions``. An unknown type gives a plain `Problem`, and
    so does a known type whose declared members are missing or of the wrong type, so nothing
    is lost. Every member of a problem object is optional: for one of an unknown type without
    a valid ``status`` member, the plain `Problem` takes ``status`` (pass the response's HTTP
    status), or 500 when that is not given either.

    Raises:
        ValueError: ``data`` is not a problem details object at all.
    """
    if isinstance(data, str | bytes | bytearray):
        try:
            decoded = decode(data)
        except ValueError as error:
            raise ValueError(f"{_NOT_A_PROBLEM}{error}") from None
        members = decoded if decoded.__class__ is dict else _as_dict(decoded)
    else:
        members = _as_dict(data)
    request_id = None
    wrapped = "type" not in members and "status" not in members
    if wrapped and isinstance(members.get("error"), dict):
        members, request_id = _unwrap(members)
    type_uri = members.get("type")
    if isinstance(type_uri, str):
        cls = type_class(type_uri)
    elif _is_status(members.get("status")):
        cls = None
    else:
        raise ValueError(_NOT_A_PROBLEM + "it has neither a type nor a status")
    problem = build(cls, members) if cls is not None else None
    if problem is None:
        problem = _plain(cls, members, status)
    if request_id is not None:
        problem.request_id = request_id
    return problem


def _as_dict(data: object) -> dict[str, Any]:
    from collections.abc import Mapping

    if not isinstance(data, Mapping):
        kind = "null" if data is None else type(data).__name__
        raise ValueError(f"{_NOT_A_PROBLEM}expected a JSON object, got {kind}")
    if not all(isinstance(key, str) for key in data):
        raise ValueError(_NOT_A_PROBLEM + "a member name is not a string")
    return dict(data)


def _unwrap(data: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The problem object and request id of a ``{"meta": ..., "error": ...}`` body."""
    meta = data.get("meta")
    found = meta.get("requestId") if isinstance(meta, dict) else None
    return _as_dict(data["error"]), found if isinstance(found, str) else None


def _plain(
    cls: type[Problem] | None,
    data: dict[str, Any],
    fallback: int | None,
) -> Problem:
    title: str | None
    if cls is not None:
        type_uri, title, status = cls.type, cls.title, cls.status
    else:
        type_uri = data["type"] if isinstance(data.get("type"), str) else "about:blank"
        # RFC 9457 3.1: a member of the wrong type is ignored, like a missing one.
        default = Problem.status if fallback is None else fallback
        status = data["status"] if _is_status(data.get("status")) else default
        title = data["title"] if isinstance(data.get("title"), str) else None
    detail = data.get("detail")
    instance = data.get("instance")
    extensions = {key: value for key, value in data.items() if key not in STANDARD}
    return Problem.generic(
        status,
        type=type_uri,
        title=title,
        detail=detail if isinstance(detail, str) else None,
        instance=instance if isinstance(instance, str) else None,
        extensions=extensions or None,
    )


def _is_status(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int):
        return False
    return 100 <= value <= 599


def build(cls: type[Problem], members: Mapping[str, Any]) -> Problem | None:
    """An instance of ``cls`` from a problem object's members, without warnings, or None
    when a declared member is missing or of the wrong type."""
    tables = cls._tables
    values = tuple(map(members.get, tables.names))
    if tuple(map(type, values)) != tables.usual:
        for (_, _, kind, required), value in zip(cls._members, values, strict=True):
            if (value is not None or required) and not KINDS[kind][1](value):
                return None
    problem = cls.__new__(cls)
    for attribute, value in zip(tables.attributes, values, strict=True):
        setattr(problem, attribute, value)
    detail = members.get("detail")
    if not isinstance(detail, str):
        try:
            detail = problem._fill(values)
        except TypeError:
            return None
    instance = members.get("instance")
    problem.detail = detail
    problem.instance = instance if isinstance(instance, str) else None
    known = tables.known
    problem.extensions = (
        {}
        if known.issuperset(members)
        else {key: value for key, value in members.items() if key not in known}
    )
    return problem
