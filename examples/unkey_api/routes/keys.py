"""``apis.*`` and ``keys.*``: APIs, their keyspaces, and the keys in them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from unkey_errors.unkey import application, data
from unkey_errors.user.bad_request import PermissionsQuerySyntaxError

from ..auth import Caller, authorize
from ..permissions_query import parse_query
from ..responses import ok
from ..store import STORE, Api

router = APIRouter()


class ApiRequest(BaseModel):
    apiId: str


class KeyRequest(BaseModel):
    keyId: str
    decrypt: bool = False


class CreateKeyRequest(BaseModel):
    apiId: str
    recoverable: bool = False


class VerifyKeyRequest(BaseModel):
    key: str
    permissions: str | None = None


class MigrateKeysRequest(BaseModel):
    migrationId: str
    apiId: str


def find_api(api_id: str) -> Api:
    api = STORE.apis.get(api_id)
    if api is None:
        raise data.ApiNotFound(api_id=api_id)
    return api


@router.post("/apis.getApi")
def get_api(body: ApiRequest, request: Request, key: Caller) -> Any:
    authorize(key, "api.*.read_api")
    return ok(request, {"id": find_api(body.apiId).id})


@router.post("/apis.deleteApi")
def delete_api(body: ApiRequest, request: Request, key: Caller) -> Any:
    authorize(key, "api.*.delete_api")
    api = find_api(body.apiId)
    if api.delete_protection:
        raise application.ProtectedResource(resource_type="api", resource_id=api.id)
    del STORE.apis[api.id]
    return ok(request)


@router.post("/keys.createKey")
def create_key(body: CreateKeyRequest, request: Request, key: Caller) -> Any:
    authorize(key, "api.*.create_key")
    api = find_api(body.apiId)
    if api.keyspace_id not in STORE.keyspaces:
        raise data.KeyAuthNotFound(keyspace_id=api.keyspace_id)
    if body.recoverable and not api.encrypted:
        raise application.PreconditionFailed()
    return ok(request, {"keyId": f"key_{len(STORE.keys) + 1}"})


@router.post("/keys.getKey")
def get_key(body: KeyRequest, request: Request, key: Caller) -> Any:
    authorize(key, "api.*.read_key")
    found = STORE.keys.get(body.keyId)
    if found is None:
        raise data.KeyNotFound(key_id=body.keyId)
    payload = {"keyId": found.id, "apiId": found.api_id}
    if body.decrypt:
        payload["plaintext"] = _decrypt(found.secret)
    return ok(request, payload)


def _decrypt(secret: str) -> str:
    if not STORE.vault_up:
        raise application.ServiceUnavailable()
    return secret


@router.post("/keys.verifyKey")
def verify_key(body: VerifyKeyRequest, request: Request, key: Caller) -> Any:
    authorize(key, "api.*.verify_key")
    found = next((k for k in STORE.keys.values() if k.secret == body.key), None)
    if found is None:
        raise data.KeyNotFound()
    if found.api_id not in STORE.apis:
        # A key always belongs to an API: one without is a bug in the store, not the request.
        raise application.AssertionFailed()
    if body.permissions is not None:
        position = parse_query(body.permissions)
        if position is not None:
            raise PermissionsQuerySyntaxError(position=position)
    return ok(request, {"valid": True, "keyId": found.id})


@router.post("/keys.migrateKeys")
def migrate_keys(body: MigrateKeysRequest, request: Request, key: Caller) -> Any:
    authorize(key, "api.*.create_key")
    find_api(body.apiId)
    if body.migrationId not in STORE.migrations:
        raise data.MigrationNotFound(migration_id=body.migrationId)
    return ok(request, {"migrated": 0})
