"""``domains.*``, the customer portal and the audit log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from unkey_errors.unkey import data
from unkey_errors.unkey.limits import CustomDomainLimitExceeded

from ..auth import Caller, PortalSession, authorize, workspace_of
from ..responses import ok
from ..store import STORE

router = APIRouter()


class DomainRequest(BaseModel):
    domain: str


class PortalRequest(BaseModel):
    portal: str


class AuditLogRequest(BaseModel):
    auditLogId: str


@router.post("/domains.createDomain")
def create_domain(body: DomainRequest, request: Request, key: Caller) -> Any:
    authorize(key, "project.*.create_domain")
    if body.domain in STORE.domains:
        raise data.DomainAlreadyExists(domain=body.domain)
    workspace = workspace_of(key)
    used = sum(1 for owner in STORE.domains.values() if owner == workspace.id)
    if used >= workspace.domain_limit:
        raise CustomDomainLimitExceeded(domain=body.domain)
    STORE.domains[body.domain] = workspace.id
    return ok(request, {"domain": body.domain})


@router.post("/domains.getDomain")
def get_domain(body: DomainRequest, request: Request, key: Caller) -> Any:
    authorize(key, "project.*.read_domain")
    if STORE.domains.get(body.domain) != key.workspace_id:
        raise data.DomainNotFound(domain=body.domain)
    return ok(request, {"domain": body.domain})


@router.post("/portal.getPortal")
def get_portal(body: PortalRequest, request: Request, session: PortalSession) -> Any:
    if body.portal not in STORE.portals:
        raise data.PortalNotFound(portal=body.portal)
    return ok(request, {"portal": body.portal, "session": session})


@router.post("/auditLogs.getEntry")
def get_audit_log(body: AuditLogRequest, request: Request, key: Caller) -> Any:
    authorize(key, "audit.*.read_log")
    if body.auditLogId not in STORE.audit_logs:
        raise data.AuditLogNotFound(audit_log_id=body.auditLogId)
    return ok(request, {"auditLogId": body.auditLogId})
