"""The application: routes, the request guard, and one response for every failure."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.requests import ClientDisconnect

from unkey_errors import Problem
from unkey_errors.unkey.application import InvalidInput, UnexpectedError
from unkey_errors.user.bad_request import (
    ClientClosedRequest,
    RequestBodyTooLarge,
    RequestBodyUnreadable,
    RequestTimeout,
)

from .responses import problem_response
from .routes import analytics, deploy, domains, identities, keys, ratelimit
from .settings import SETTINGS

app = FastAPI(title="Unkey API v2 (errorbook example)")
app.include_router(keys.router, prefix="/v2")
app.include_router(identities.router, prefix="/v2")
app.include_router(ratelimit.router, prefix="/v2")
app.include_router(analytics.router, prefix="/v2")
app.include_router(deploy.router, prefix="/v2")
app.include_router(domains.router, prefix="/v2")


@app.middleware("http")
async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Name the request, refuse bodies that are too large or cannot be read, and stop
    requests that run past the deadline."""
    request.state.request_id = f"req_{uuid.uuid4().hex[:16]}"
    size = request.headers.get("content-length", "0")
    if size.isdigit() and int(size) > SETTINGS.max_body_bytes:
        return problem_response(request, RequestBodyTooLarge(max_bytes=SETTINGS.max_body_bytes))
    try:
        await request.body()  # read once here; the route gets it from the request's cache
    except ClientDisconnect:
        return problem_response(request, ClientClosedRequest())
    except OSError as error:
        return problem_response(request, RequestBodyUnreadable(errors=[str(error)]))
    try:
        return await asyncio.wait_for(call_next(request), SETTINGS.deadline_seconds)
    except TimeoutError:
        return problem_response(request, RequestTimeout())


@app.exception_handler(Problem)
async def send_problem(request: Request, error: Exception) -> Response:
    """Every catalog error a route raises, as the catalog documents it."""
    assert isinstance(error, Problem)
    return problem_response(request, error)


@app.exception_handler(RequestValidationError)
async def invalid_input(request: Request, error: Exception) -> Response:
    """A body or query that breaks the route's schema: every problem listed in ``errors``."""
    assert isinstance(error, RequestValidationError)
    problems = [
        {"location": ".".join(str(part) for part in item["loc"]), "message": item["msg"]}
        for item in error.errors()
    ]
    return problem_response(request, InvalidInput(errors=problems))


@app.exception_handler(Exception)
async def unexpected(request: Request, error: Exception) -> Response:
    """Anything else: Unkey's catch-all 500, without internals in the body."""
    return problem_response(request, UnexpectedError())
