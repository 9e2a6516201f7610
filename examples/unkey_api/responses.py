"""Unkey's response envelope: ``{"meta": {"requestId": ...}, "data": ...}``, and problems."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from unkey_errors import Problem


def request_id(request: Request) -> str:
    """The id the middleware gave this request."""
    return str(getattr(request.state, "request_id", "req_unknown"))


def ok(request: Request, payload: Any = None) -> dict[str, Any]:
    """A successful response body."""
    return {"meta": {"requestId": request_id(request)}, "data": payload or {}}


def problem_response(request: Request, problem: Problem) -> JSONResponse:
    """The response the catalog documents for ``problem``: its status, headers and body."""
    return JSONResponse(
        problem.body(request_id=request_id(request)),
        status_code=problem.status,
        headers=problem.headers(),
    )
