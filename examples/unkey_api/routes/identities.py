"""``identities.*``, ``permissions.*`` and roles: who the keys belong to, and what they may do."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from unkey_errors.unkey import data

from ..auth import Caller, authorize
from ..responses import ok
from ..store import STORE

router = APIRouter()


class IdentityRequest(BaseModel):
    externalId: str


class PermissionRequest(BaseModel):
    slug: str


class RoleRequest(BaseModel):
    name: str


@router.post("/identities.createIdentity")
def create_identity(body: IdentityRequest, request: Request, key: Caller) -> Any:
    authorize(key, "identity.*.create_identity")
    if body.externalId in STORE.identities:
        raise data.IdentityAlreadyExists(external_id=body.externalId)
    STORE.identities.add(body.externalId)
    return ok(request, {"identityId": f"id_{body.externalId}"})


@router.post("/identities.getIdentity")
def get_identity(body: IdentityRequest, request: Request, key: Caller) -> Any:
    authorize(key, "identity.*.read_identity")
    if body.externalId not in STORE.identities:
        raise data.IdentityNotFound(identity=body.externalId)
    return ok(request, {"externalId": body.externalId})


@router.post("/permissions.createPermission")
def create_permission(body: PermissionRequest, request: Request, key: Caller) -> Any:
    authorize(key, "rbac.*.create_permission")
    if body.slug in STORE.permissions:
        raise data.PermissionAlreadyExists(slug=body.slug)
    STORE.permissions.add(body.slug)
    return ok(request, {"permissionId": f"perm_{body.slug}"})


@router.post("/permissions.getPermission")
def get_permission(body: PermissionRequest, request: Request, key: Caller) -> Any:
    authorize(key, "rbac.*.read_permission")
    if body.slug not in STORE.permissions:
        raise data.PermissionNotFound(permission=body.slug)
    return ok(request, {"slug": body.slug})


@router.post("/permissions.createRole")
def create_role(body: RoleRequest, request: Request, key: Caller) -> Any:
    authorize(key, "rbac.*.create_role")
    if body.name in STORE.roles:
        raise data.RoleAlreadyExists(name=body.name)
    STORE.roles.add(body.name)
    return ok(request, {"roleId": f"role_{body.name}"})


@router.post("/permissions.getRole")
def get_role(body: RoleRequest, request: Request, key: Caller) -> Any:
    authorize(key, "rbac.*.read_role")
    if body.name not in STORE.roles:
        raise data.RoleNotFound(role=body.name)
    return ok(request, {"name": body.name})
