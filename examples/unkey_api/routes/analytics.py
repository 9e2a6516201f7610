"""``analytics.getVerifications``: SQL over the key-verification tables."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from ..analytics import run_query
from ..auth import Caller, authorize, workspace_of
from ..responses import ok

router = APIRouter()


class QueryRequest(BaseModel):
    query: str


@router.post("/analytics.getVerifications")
def get_verifications(body: QueryRequest, request: Request, key: Caller) -> Any:
    authorize(key, "api.*.read_analytics")
    return ok(request, {"verifications": run_query(workspace_of(key), body.query)})
