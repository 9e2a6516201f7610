"""What every adapter shares: the catalog's error map, request ids, and problem responses.

A framework adapter only translates: it catches the framework's errors and its requests, asks
this module for the `Problem` that stands for each (`for_status`, `for_validation`,
`for_exception`) and for the response that carries it (`respond`), and hands that back to its
framework. The generated ``integrations`` package calls `configure` once with the catalog's
``problems`` table, so every framework's adapter answers alike.
"""

from __future__ import annotations

from ..json_text import encode
from ..problem import Problem
from ..registry import lookup

TYPE_CHECKING = False
if TYPE_CHECKING:
    import logging
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from typing import Any

    #: One request validation problem: where (``("body", "quantity")``) and what failed.
    Invalid = tuple[Sequence[object], str]

#: The request header a request id is read from and echoed in, unless `install` says another.
REQUEST_ID_HEADER = "X-Request-Id"
#: The key of ``problems`` for request validation errors.
VALIDATION = "validation"
_MAX_REQUEST_ID = 200
_package = ""
_problems: Mapping[str, str] = {}
#: How validation problems fill the mapped entry: the attribute of its array member, the
#: item form (``object`` or ``string``), and the item members for the location and message.
_items: tuple[str, str, str | None, str | None] | None = None


def configure(
    package: str,
    *,
    problems: Mapping[str, str],
    items: tuple[str, str, str | None, str | None] | None,
) -> None:
    """Set the catalog's error map; the package's ``integrations`` module calls it once.

    Args:
        package: The package's import name, for the logger of unhandled exceptions.
        problems: The catalog code for ``validation`` and for HTTP statuses (``"404"``).
        items: How validation problems fill the validation entry's array member, or None.
    """
    global _package, _problems, _items
    _package, _problems, _items = package, dict(problems), items


class Settings:
    """The options of `install`, the same for every framework.

    Args:
        request_id_header: The request header a request id is taken from and the response
            header it is echoed in.
        new_request_id: Makes the id of a request that brings none (or an unusable one).
        logger: Where unhandled exceptions are logged, with their traceback; by default the
            logger named ``<package>.integrations``.
    """

    __slots__ = ("logger", "new_request_id", "request_id_header")

    def __init__(
        self,
        *,
        request_id_header: str = REQUEST_ID_HEADER,
        new_request_id: Callable[[], str] | None = None,
        logger: logging.Logger | None = None,
    ) -> None:
        if not _is_visible(request_id_header) or ":" in request_id_header:
            message = f"request_id_header is not a header name: {request_id_header!r}"
            raise ValueError(message)
        self.request_id_header = request_id_header
        self.new_request_id = new_request_id or _new_request_id
        if logger is None:
            import logging

            logger = logging.getLogger(f"{_package or __name__}.integrations")
        self.logger = logger

    def request_id(self, sent: str | None) -> str:
        """The request's id: the one it sent, when it is one line of visible ASCII of at
        most 200 characters (it is echoed in a header and logged), else a new one."""
        if sent and len(sent) <= _MAX_REQUEST_ID and _is_visible(sent):
            return sent
        return self.new_request_id()

    def log(self, error: BaseException, request_id: str) -> None:
        """Log an unhandled exception with its traceback, and the request id that the
        problem response sends, so a report from a client leads to it."""
        self.logger.error(
            "unhandled %s while handling request %s",
            type(error).__name__,
            request_id,
            exc_info=(type(error), error, error.__traceback__),
        )


def _new_request_id() -> str:
    import uuid

    return uuid.uuid4().hex


def _is_visible(text: str) -> bool:
    return text.isascii() and text.isprintable() and " " not in text and bool(text)


def for_status(status: int, detail: str | None = None) -> Problem:
    """The problem for a framework error of this HTTP status: the entry ``problems`` maps
    the status to, else the ``about:blank`` problem of the status.

    Args:
        status: The framework error's status.
        detail: The framework error's own message, kept when it says more than the status's
            reason phrase (an application's ``HTTPException(404, "No order 7")``).
    """
    own = detail if detail and detail != _reason(status) else None
    code = _problems.get(str(status))
    if code is not None:
        return lookup(code)(detail=own)
    return Problem.generic(status, detail=own)


def for_validation(invalid: Iterable[Invalid], status: int = 422) -> Problem:
    """The problem for a request validation error: the ``validation`` entry with its array
    member filled, else the ``about:blank`` problem of ``status``, with the problems in an
    ``errors`` extension member."""
    found = [(_location(where), message) for where, message in invalid]
    code = _problems.get(VALIDATION)
    if code is None:
        errors = [{"location": where, "message": message} for where, message in found]
        extensions = {"errors": errors} if errors else None
        return Problem.generic(status, extensions=extensions)
    cls = lookup(code)
    if _items is None:
        return cls()
    attribute, form, location, message = _items
    items = [_item(form, location, message, *problem) for problem in found]
    members: dict[str, Any] = {attribute: items}
    return cls(**members)


def _item(
    form: str,
    location_key: str | None,
    message_key: str | None,
    location: str,
    message: str,
) -> object:
    if form == "string":
        return f"{location}: {message}" if location else message
    item = {}
    if location_key is not None:
        item[location_key] = location
    if message_key is not None:
        where = f"{location}: " if location_key is None else ""  # else it has its own
        item[message_key] = where + message
    return item


def _location(where: Sequence[object]) -> str:
    return ".".join(str(part) for part in where)


def for_exception() -> Problem:
    """The problem for an unhandled exception: the entry ``problems`` maps ``500`` to, else
    the ``about:blank`` 500. It holds nothing of the exception (RFC 9457 section 5)."""
    return for_status(500)


def respond(
    problem: Problem,
    request_id: str | None,
    settings: Settings,
    extra: Mapping[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """The response for a problem: its status, headers and body bytes.

    The headers are the problem's own (Content-Type for the envelope, and the headers its
    type documents), those of the framework error (``Allow`` on a 405) where the problem has
    none of that name, and the request id. The body is ``problem.body(request_id)`` as
    compact JSON.
    """
    headers = problem.headers()
    if extra:
        taken = {name.lower() for name in headers}
        headers.update((k, v) for k, v in extra.items() if k.lower() not in taken)
    if request_id is not None:
        headers[settings.request_id_header] = request_id
    return problem.status, headers, body_bytes(problem, request_id)


def body_bytes(problem: Problem, request_id: str | None) -> bytes:
    """``problem.body(request_id)`` as compact JSON bytes, without building the dict."""
    if not problem._wrapped:
        return problem.to_json()
    if request_id is None:
        request_id = problem.request_id
    meta = b"{}"
    if request_id is not None:
        meta = b'{"requestId":' + encode(request_id).encode() + b"}"
    return b'{"meta":' + meta + b',"error":' + problem.to_json() + b"}"


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
