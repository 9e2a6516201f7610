"""Who is calling: the root key of ``Authorization: Bearer <key>``, and what it may do."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header

from unkey_errors.unkey import authentication, authorization, data
from unkey_errors.user.too_many_requests import WorkspaceRateLimited

from .store import STORE, RootKey, Workspace

#: Seconds until a rate-limited workspace may call again.
RATE_LIMIT_WINDOW = 60


def root_key(
    authorization_header: Annotated[str | None, Header(alias="Authorization")] = None,
) -> RootKey:
    """The caller's root key, checked: a FastAPI dependency of every route."""
    if authorization_header is None:
        raise authentication.Missing()
    scheme, _, token = authorization_header.partition(" ")
    if scheme != "Bearer" or not token.strip():
        raise authentication.Malformed(errors=["expected 'Bearer <root key>'"])
    key = STORE.root_keys.get(token.strip())
    if key is None:
        raise authentication.KeyNotFound()
    if key.disabled:
        raise authorization.KeyDisabled()
    if key.expired:
        raise authorization.Forbidden(detail="The root key has expired.")
    _spend_request(workspace_of(key))
    return key


def workspace_of(key: RootKey) -> Workspace:
    """The workspace a root key belongs to, if it still exists and is enabled."""
    workspace = STORE.workspaces.get(key.workspace_id)
    if workspace is None:
        raise data.WorkspaceNotFound(workspace_id=key.workspace_id)
    if workspace.disabled:
        raise authorization.WorkspaceDisabled()
    return workspace


def _spend_request(workspace: Workspace) -> None:
    if workspace.requests_left <= 0:
        raise WorkspaceRateLimited(retry_after=RATE_LIMIT_WINDOW)
    workspace.requests_left -= 1


def authorize(key: RootKey, permission: str) -> None:
    """Refuse the request unless the root key has ``permission`` (or ``*``)."""
    if not key.permissions & {"*", permission}:
        raise authorization.InsufficientPermissions(permission=permission)


def portal_session(
    session: Annotated[str | None, Header(alias="X-Portal-Session")] = None,
) -> str:
    """The end user's customer-portal session: a dependency of the portal routes."""
    if session is None:
        raise authentication.PortalTokenMissing(errors=["send the X-Portal-Session header"])
    if session not in STORE.portal_sessions:
        raise authentication.PortalSessionNotFound()
    return session


#: The checked root key of the request, for a route's parameters: ``key: Caller``.
Caller = Annotated[RootKey, Depends(root_key)]
#: The end user's portal session, for the portal routes' parameters.
PortalSession = Annotated[str, Depends(portal_session)]
