"""Client helpers: the problem in an HTTP response, from any client library's response object.

They read a response by duck typing, so they serve httpx, requests, urllib3, the test clients
of Starlette, Flask, Django and Litestar, and urllib's ``HTTPError`` alike, without importing
any of them: the status from ``status_code`` (or ``status``, or ``code``), the headers from a
mapping-like ``headers``, and the body from ``content`` (or ``data``, ``body``, or ``read()``).
"""

from __future__ import annotations

from .parse import parse
from .problem import Problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The media type of any RFC 9457 problem object, whatever the package's envelope.
PROBLEM_JSON = "application/problem+json"


def from_response(response: Any) -> Problem | None:
    """The problem a response holds, as an instance of its class; None when it holds none.

    A response holds a problem when its status is an error (400-599), its Content-Type is
    ``application/problem+json`` or the package's own (``application/json`` for the wrapped
    envelope), and its body parses as a problem details object (see `parse`). A type the
    package does not know comes back as a plain `Problem` with the response's status.

    Args:
        response: A response of httpx, requests, urllib3, a framework's test client, or
            urllib's ``HTTPError``.
    """
    status = _status(response)
    if status is None or not 400 <= status <= 599:
        return None
    if _media_type(response) not in (PROBLEM_JSON, Problem._content_type):
        return None
    body = _body(response)
    if body is None:
        return None
    try:
        return parse(body, status=status)
    except ValueError:
        return None


def raise_for_problem(response: Any) -> None:
    """Raise the problem a response holds (see `from_response`); do nothing when it holds
    none, so a successful response, or an error without a problem body, passes through.

    Raises:
        Problem: The response's problem, as an instance of its class.
    """
    problem = from_response(response)
    if problem is not None:
        raise problem


def _status(response: Any) -> int | None:
    for name in ("status_code", "status", "code"):
        value = getattr(response, name, None)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def _media_type(response: Any) -> str:
    headers = getattr(response, "headers", None)
    value = None
    if headers is not None:
        try:
            value = headers.get("content-type") or headers.get("Content-Type")
        except (AttributeError, TypeError):
            value = None
    if not isinstance(value, str):
        return ""
    return value.partition(";")[0].strip().lower()


def _body(response: Any) -> bytes | str | None:
    for name in ("content", "data", "body"):
        try:
            value = getattr(response, name, None)
        except Exception:  # e.g. httpx's ResponseNotRead: a stream that was not read
            continue
        if isinstance(value, bytes | bytearray | str):
            return bytes(value) if isinstance(value, bytearray) else value
    read = getattr(response, "read", None)
    if not callable(read):
        return None
    try:
        value = read()
    except Exception:  # a closed or consumed stream: there is no body to read
        return None
    if hasattr(value, "__await__") and hasattr(value, "close"):
        value.close()  # an async client's read(): await it and pass the response's bytes
        return None
    return value if isinstance(value, bytes | str) else None
