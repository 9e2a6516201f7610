"""Flask: every error the app raises, or werkzeug makes, as a problem.

``install(app)`` registers error handlers for `Problem`, werkzeug's ``HTTPException``
(unknown routes, wrong methods with their ``Allow`` header, bad requests...) and any other
exception (the 500 problem, logged with its traceback), each with the request's id.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as BaseResponse

from ..problem import Problem
from . import core

TYPE_CHECKING = False
if TYPE_CHECKING:
    import logging
    from collections.abc import Callable

__all__ = ["install", "request_id"]

#: Where the settings are kept in ``app.extensions``, and the request id in the environ.
_EXTENSION = "errorbook.problems"


def install(
    app: Flask,
    *,
    request_id_header: str = core.REQUEST_ID_HEADER,
    new_request_id: Callable[[], str] | None = None,
    logger: logging.Logger | None = None,
) -> None:
    """Make ``app`` answer every error with the problem the catalog documents.

    Each request's id (its ``request_id_header``, or a new one) is `request_id()`, the
    wrapped envelope's ``meta.requestId``, and echoed in the same header of a problem
    response.

    Args:
        app: The Flask application.
        request_id_header: The header a request id is read from and echoed in.
        new_request_id: Makes an id for a request that brings none.
        logger: Where unhandled exceptions are logged (default ``<package>.integrations``).
    """
    settings = core.Settings(
        request_id_header=request_id_header,
        new_request_id=new_request_id,
        logger=logger,
    )

    def problem(error: Problem) -> Response:
        return _response(error, settings)

    def http_error(error: HTTPException) -> BaseResponse:
        if error.code is None:  # a response raised as an exception: send it as it is
            return error.get_response()
        # werkzeug's own description of the status is no detail of this occurrence.
        own = error.description
        if own == type(error).description:
            own = None
        found = core.for_status(error.code, own)
        extra = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        return _response(found, settings, extra)

    def crash(error: Exception) -> Response:
        settings.log(error, request_id())
        return _response(core.for_exception(), settings)

    app.register_error_handler(Problem, problem)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, crash)
    app.extensions[_EXTENSION] = settings


def request_id() -> str:
    """The id of the request being handled (its request id header, or a new one), made when
    first asked for; a problem response echoes it in the same header."""
    environ = request.environ
    found = environ.get(_EXTENSION)
    if found is None:
        settings: core.Settings = current_app.extensions[_EXTENSION]
        sent = request.headers.get(settings.request_id_header)
        found = environ[_EXTENSION] = settings.request_id(sent)
    return str(found)


def _response(
    problem: Problem, settings: core.Settings, extra: dict[str, str] | None = None
) -> Response:
    status, headers, body = core.respond(problem, request_id(), settings, extra)
    return Response(body, status, headers)
