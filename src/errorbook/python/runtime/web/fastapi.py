"""FastAPI and Starlette: every error the app raises, or the framework makes, as a problem.

``install(app)`` adds an ASGI middleware (the request id, and unhandled exceptions as the
500 problem) and exception handlers for `Problem`, Starlette's ``HTTPException`` (unknown
routes, wrong methods with their ``Allow`` header) and FastAPI's ``RequestValidationError``;
on a FastAPI app it also adds the catalog's components to ``/openapi.json``.

While no middleware is added after it, the adapter's middleware takes the place of
Starlette's ``ServerErrorMiddleware``, which would only ever see the exceptions the adapter's
middleware does not catch: that layer cost a raised problem about 2% of its request
(``python -m benchmarks --only adapters``). A middleware added after `install` stays outside
the adapter's, with ``ServerErrorMiddleware`` outermost as usual, so that a CORS middleware,
for example, still adds its headers to the 500 problem.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.requests import Request
from starlette.responses import Response

from ..problem import Problem
from ..registry import lookup
from . import core, openapi

TYPE_CHECKING = False
if TYPE_CHECKING:
    import logging
    from collections.abc import Callable
    from typing import Any

    from starlette.applications import Starlette
    from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["install", "responses"]


def install(
    app: Starlette,
    *,
    request_id_header: str = core.REQUEST_ID_HEADER,
    new_request_id: Callable[[], str] | None = None,
    logger: logging.Logger | None = None,
    openapi: bool = True,
) -> None:
    """Make ``app`` answer every error with the problem the catalog documents.

    Call it once, before the app serves its first request. Each request's id (its
    ``request_id_header``, or a new one) is ``request.state.request_id``, the wrapped
    envelope's ``meta.requestId``, and echoed in the same header of a problem response.

    Args:
        app: A FastAPI or Starlette application.
        request_id_header: The header a request id is read from and echoed in.
        new_request_id: Makes an id for a request that brings none.
        logger: Where unhandled exceptions are logged (default ``<package>.integrations``).
        openapi: Add the catalog's schemas and responses to a FastAPI app's ``/openapi.json``.
    """
    settings = core.Settings(
        request_id_header=request_id_header,
        new_request_id=new_request_id,
        logger=logger,
    )
    app.add_middleware(ProblemMiddleware, settings=settings)
    _outermost(app, settings)

    async def problem(request: Request, error: Exception) -> Response:
        assert isinstance(error, Problem)
        return _response(error, request, settings)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        found = core.for_status(error.status_code, error.detail)
        return _response(found, request, settings, error.headers)

    app.add_exception_handler(Problem, problem)
    app.add_exception_handler(HTTPException, http_error)
    _install_fastapi(app, settings, openapi)


def _outermost(app: Starlette, settings: core.Settings) -> None:
    """Build the app's middleware stack with `ProblemMiddleware` in the place of
    ``ServerErrorMiddleware`` while it is the outermost middleware the app was given."""
    build = app.build_middleware_stack
    ours = app.user_middleware[0]

    def build_stack() -> ASGIApp:
        added = app.user_middleware
        if not added or added[0] is not ours:
            return build()
        app.user_middleware = added[1:]
        try:
            stack = build()
        finally:
            app.user_middleware = added
        if isinstance(stack, ServerErrorMiddleware):
            stack = stack.app
        return ProblemMiddleware(stack, settings)

    app.build_middleware_stack = build_stack  # type: ignore[method-assign]


def _install_fastapi(
    app: Starlette,
    settings: core.Settings,
    with_openapi: bool,
) -> None:
    try:
        from fastapi import FastAPI
        from fastapi.exceptions import RequestValidationError
    except ImportError:  # a Starlette app without FastAPI installed
        return

    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        found = core.for_validation((e["loc"], e["msg"]) for e in error.errors())
        return _response(found, request, settings)

    app.add_exception_handler(RequestValidationError, invalid)
    if with_openapi and isinstance(app, FastAPI):
        _extend_openapi(app)


def _extend_openapi(app: Any) -> None:
    build = app.openapi

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            found = openapi.merge_components(build())
            app.openapi_schema = _validation_responses(found)
        built: dict[str, Any] = app.openapi_schema
        return built

    app.openapi = document


def _validation_responses(document: dict[str, Any]) -> dict[str, Any]:
    """Put the ``validation`` problem where FastAPI documents its own 422 response, which
    the adapter never sends when the catalog maps validation errors to an entry."""
    code = core._problems.get(core.VALIDATION)
    if code is None:
        return document
    status, response = next(iter(openapi.responses([lookup(code)]).items()))
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            answers = operation.get("responses")
            if isinstance(answers, dict) and "422" in answers:
                del answers["422"]
                answers.setdefault(str(status), response)
    return document


def responses(*problem_classes: type[Problem]) -> dict[int | str, dict[str, Any]]:
    """The value of a route's ``responses=``: per status, the classes' schemas as a ``oneOf``
    with a discriminator on ``type``, each class's example body, and its docs link.

    Example: ``@app.get("/orders/{order_id}", responses=responses(OrderNotFound))``.
    """
    found: dict[int | str, dict[str, Any]] = {}
    for status, response in openapi.responses(problem_classes).items():
        found[status] = response
    return found


def _response(
    problem: Problem,
    request: Request,
    settings: core.Settings,
    extra: Any = None,
) -> Response:
    request_id = request.scope.get("state", {}).get("request_id")
    status, headers, body = core.respond(problem, request_id, settings, extra)
    return Response(body, status, headers)


class ProblemMiddleware:
    """Gives each request its id (``request.state.request_id``), and answers an unhandled
    exception with the 500 problem, logging the exception with its traceback.

    It leaves ``send`` alone: wrapping it, to echo the id on every response or to know
    whether one has started, cost every request about 9% (`python -m benchmarks --only
    adapters`). A problem response carries the id already.
    """

    def __init__(self, app: ASGIApp, settings: core.Settings) -> None:
        self.app = app
        self.settings = settings
        self.header = settings.request_id_header.lower().encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = self.header
        sent = next((v for k, v in scope["headers"] if k.lower() == header), None)
        request_id = self.settings.request_id(sent.decode("latin-1") if sent else None)
        scope.setdefault("state", {})["request_id"] = request_id
        try:
            await self.app(scope, receive, send)
        except Exception as error:
            self.settings.log(error, request_id)
            problem = core.for_exception()
            status, headers, body = core.respond(problem, request_id, self.settings)
            try:
                await Response(body, status, headers)(scope, receive, send)
            except RuntimeError:  # the response had started: the server ends it
                raise error from None
