"""``ratelimit.*``: namespaces of limits and their per-identifier overrides."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from unkey_errors.unkey import data

from ..auth import Caller, authorize
from ..responses import ok
from ..store import STORE

router = APIRouter()


class LimitRequest(BaseModel):
    namespace: str
    identifier: str


@router.post("/ratelimit.limit")
def limit(body: LimitRequest, request: Request, key: Caller) -> Any:
    authorize(key, "ratelimit.*.limit")
    if STORE.namespaces.setdefault(body.namespace, False):  # created on first use
        raise data.RatelimitNamespaceGone(namespace=body.namespace)
    return ok(request, {"success": True})


@router.post("/ratelimit.getOverride")
def get_override(body: LimitRequest, request: Request, key: Caller) -> Any:
    authorize(key, "ratelimit.*.read_override")
    if STORE.namespaces.get(body.namespace, True):  # unknown, or deleted
        raise data.RatelimitNamespaceNotFound(namespace=body.namespace)
    if (body.namespace, body.identifier) not in STORE.overrides:
        raise data.RatelimitOverrideNotFound(namespace=body.namespace, identifier=body.identifier)
    return ok(request, {"identifier": body.identifier})
