"""``parse``: a response body back into the problem it holds, keeping what it was sent."""

from __future__ import annotations

from .json_text import decode, json_problem
from .problem import Problem
from .registry import type_class
from .tables import STANDARD

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Set
    from typing import Any

_NOT_A_PROBLEM = "not a problem details object: "
_NOTHING: frozenset[str] = frozenset()


def parse(
    data: Mapping[str, Any] | str | bytes | bytearray, *, status: int | None = None
) -> Problem:
    """The problem in a response body, as an instance of its class, with all it was sent.

    ``data`` is the body as text, bytes or decoded JSON, in either envelope. The body's own
    ``status`` and ``title`` are kept even when they differ from the class's. Members the
    class does not declare are kept in ``extensions``, and so is an optional declared member
    of the wrong type, which is otherwise ignored, as RFC 9457 asks. A body of an unknown
    type, or of a known one without a required member, gives a plain `Problem` that keeps
    every member. Every member of a problem object is optional: for one without a valid
    ``status``, the plain `Problem` takes ``status`` (pass the response's HTTP status), or
    500 when that is not given either.

    Raises:
        ValueError: ``data`` is not a problem details object that JSON can carry (it is
            not a JSON object, holds NaN, an infinite number or a value of no JSON type,
            or has neither a type nor a status), or ``status`` is not an HTTP status.
    """
    if status is not None and not _is_status(status):
        message = "status must be an HTTP status (an int from 100 to 599)"
        raise ValueError(f"{message}, got {status!r}")
    if isinstance(data, str | bytes | bytearray):
        try:
            decoded = decode(data)
        except ValueError as error:
            raise ValueError(f"{_NOT_A_PROBLEM}{error}") from None
        members = decoded if decoded.__class__ is dict else _as_dict(decoded)
    else:
        members = _as_dict(data)
        problem = json_problem(members)
        if problem is not None:
            raise ValueError(_NOT_A_PROBLEM + problem)
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
    found = build(cls, members, status) if cls is not None else None
    if found is None:
        found = _plain(cls, members, status)
    if request_id is not None:
        found.request_id = request_id
    return found


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


def build(
    cls: type[Problem],
    members: Mapping[str, Any],
    fallback: int | None = None,
) -> Problem | None:
    """An instance of ``cls`` from a problem object's members, without warnings, or None
    when one of its required members is missing or not of its type. ``fallback`` is the
    status when the members have none."""
    tables = cls._tables
    values = list(map(members.get, tables.names))
    exact = tuple(map(type, values)) == tables.usual
    ignored: Set[str] = _NOTHING
    if not exact or tables.delays:
        for index in cls._invalid(values):
            if cls._members[index][3]:  # the class promises this member
                return None
            values[index] = None
        # RFC 9457 section 3.1: a member of the wrong type is ignored. Its value (null
        # too) stays in the extensions, so that the problem sends what it was sent.
        pairs = zip(tables.names, values, strict=True)
        ignored = {name for name, value in pairs if value is None and name in members}
    problem = cls.__new__(cls)
    for attribute, value in zip(tables.attributes, values):  # noqa: B905 - as in _setup
        setattr(problem, attribute, value)
    sent = members.get("status")
    if sent != cls.status:
        sent = sent if _is_status(sent) else fallback
        if sent is not None and sent != cls.status:
            problem.status = sent
    title = members.get("title")
    if title != cls.title and isinstance(title, str):
        problem.title = title
    detail = members.get("detail")
    if not isinstance(detail, str):
        try:
            detail = problem._fill(values, exact)
        except TypeError:  # it needs a member the body does not hold
            detail = problem.title
    instance = members.get("instance")
    problem.detail = detail
    problem.instance = instance if isinstance(instance, str) else None
    known = tables.known - ignored if ignored else tables.known
    problem.extensions = (
        {}
        if known.issuperset(members)
        else {key: value for key, value in members.items() if key not in known}
    )
    return problem


def _plain(
    cls: type[Problem] | None,
    data: dict[str, Any],
    fallback: int | None,
) -> Problem:
    """A plain Problem with every member of ``data``: the standard ones that are of their
    type (RFC 9457 section 3.1 ignores the others), and all the rest as extensions."""
    if fallback is None:
        fallback = Problem.status if cls is None else cls.status
    status = data["status"] if _is_status(data.get("status")) else fallback
    title = data.get("title")
    if not isinstance(title, str):
        title = None if cls is None else cls.title
    type_uri = data.get("type")
    detail = data.get("detail")
    instance = data.get("instance")
    extensions = {key: value for key, value in data.items() if key not in STANDARD}
    return Problem.generic(
        status,
        type=type_uri if isinstance(type_uri, str) else "about:blank",
        title=title,
        detail=detail if isinstance(detail, str) else None,
        instance=instance if isinstance(instance, str) else None,
        extensions=extensions or None,
    )


def _is_status(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int):
        return False
    return 100 <= value <= 599
