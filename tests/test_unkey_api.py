"""The example API (examples/unkey_api) runs, and sends every error of its catalog as documented.

Each row of `CASES` is a request and the generated class its response must parse back into:
one row at least for every entry the API raises itself (``errorbook check-source`` reads this
file as the tests and reports an entry no test refers to, S006). The route map that
check-source computes statically must list each of these errors for the route that sent it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import Project
from errorbook import check_source
from examples.unkey_api import store
from examples.unkey_api.app import app
from examples.unkey_api.settings import SETTINGS
from unkey_errors import Problem, parse
from unkey_errors.unkey import application, authentication, authorization, data
from unkey_errors.unkey.limits import CustomDomainLimitExceeded
from unkey_errors.user import bad_request, too_many_requests, unprocessable_entity

ROOT = {"Authorization": "Bearer unkey_root"}
QUERY = "/v2/analytics.getVerifications"
SMALL = "key_verifications_per_day_v1"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def sql(query: str) -> dict[str, str]:
    return {"query": query}


@dataclass(frozen=True)
class Case:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    expected: type[Problem]
    prepare: Callable[[], None] | None = None


def _vault_down() -> None:
    store.STORE.vault_up = False


def _store_broken() -> None:
    store.STORE.apis = None  # type: ignore[assignment]


def _no_time() -> None:
    SETTINGS.deadline_seconds = 0


API, KEY = {"apiId": "api_main"}, {"key": "sk_main"}
CASES = [
    Case("/v2/apis.getApi", API, {}, authentication.Missing),
    Case("/v2/apis.getApi", API, {"Authorization": "Basic abc"}, authentication.Malformed),
    Case("/v2/apis.getApi", API, bearer("unkey_nope"), authentication.KeyNotFound),
    Case("/v2/apis.getApi", API, bearer("unkey_disabled"), authorization.KeyDisabled),
    Case("/v2/apis.getApi", API, bearer("unkey_expired"), authorization.Forbidden),
    Case("/v2/apis.getApi", API, bearer("unkey_orphan"), data.WorkspaceNotFound),
    Case("/v2/apis.getApi", API, bearer("unkey_off"), authorization.WorkspaceDisabled),
    Case("/v2/apis.getApi", API, bearer("unkey_busy"), too_many_requests.WorkspaceRateLimited),
    Case("/v2/apis.deleteApi", API, bearer("unkey_reader"), authorization.InsufficientPermissions),
    Case("/v2/apis.getApi", {"api": "api_main"}, ROOT, application.InvalidInput),
    Case("/v2/apis.getApi", {"apiId": "api_nope"}, ROOT, data.ApiNotFound),
    Case("/v2/apis.getApi", API, ROOT, application.UnexpectedError, _store_broken),
    Case("/v2/apis.getApi", API, ROOT, bad_request.RequestTimeout, _no_time),
    Case("/v2/apis.getApi", {"apiId": "x" * 70_000}, ROOT, bad_request.RequestBodyTooLarge),
    Case("/v2/apis.deleteApi", API, ROOT, application.ProtectedResource),
    Case("/v2/keys.createKey", {"apiId": "api_orphan"}, ROOT, data.KeyAuthNotFound),
    Case("/v2/keys.createKey", {**API, "recoverable": True}, ROOT, application.PreconditionFailed),
    Case("/v2/keys.getKey", {"keyId": "key_nope"}, ROOT, data.KeyNotFound),
    Case(
        "/v2/keys.getKey",
        {"keyId": "key_secret", "decrypt": True},
        ROOT,
        application.ServiceUnavailable,
        _vault_down,
    ),
    Case("/v2/keys.verifyKey", {"key": "sk_broken"}, ROOT, application.AssertionFailed),
    Case(
        "/v2/keys.verifyKey",
        {**KEY, "permissions": "documents.read AND ("},
        ROOT,
        bad_request.PermissionsQuerySyntaxError,
    ),
    Case("/v2/keys.migrateKeys", {**API, "migrationId": "mig_nope"}, ROOT, data.MigrationNotFound),
    Case(
        "/v2/identities.createIdentity", {"externalId": "user_1"}, ROOT, data.IdentityAlreadyExists
    ),
    Case("/v2/identities.getIdentity", {"externalId": "user_9"}, ROOT, data.IdentityNotFound),
    Case(
        "/v2/permissions.createPermission",
        {"slug": "documents.read"},
        ROOT,
        data.PermissionAlreadyExists,
    ),
    Case("/v2/permissions.getPermission", {"slug": "nope"}, ROOT, data.PermissionNotFound),
    Case("/v2/permissions.createRole", {"name": "admin"}, ROOT, data.RoleAlreadyExists),
    Case("/v2/permissions.getRole", {"name": "nope"}, ROOT, data.RoleNotFound),
    Case(
        "/v2/ratelimit.limit",
        {"namespace": "sms.send", "identifier": "user_1"},
        ROOT,
        data.RatelimitNamespaceGone,
    ),
    Case(
        "/v2/ratelimit.getOverride",
        {"namespace": "push.send", "identifier": "user_1"},
        ROOT,
        data.RatelimitNamespaceNotFound,
    ),
    Case(
        "/v2/ratelimit.getOverride",
        {"namespace": "email.send", "identifier": "user_2"},
        ROOT,
        data.RatelimitOverrideNotFound,
    ),
    Case(
        QUERY,
        sql(f"SELECT count(*) FROM {SMALL}"),
        bearer("unkey_plain"),
        data.AnalyticsNotConfigured,
    ),
    Case(
        QUERY,
        sql(f"SELECT count(*) FROM {SMALL}"),
        bearer("unkey_flaky"),
        data.AnalyticsConnectionFailed,
    ),
    Case(
        QUERY,
        sql(f"SELECT count(*) FROM {SMALL}"),
        bearer("unkey_spent"),
        too_many_requests.QueryQuotaExceeded,
    ),
    Case(QUERY, sql(f"DELETE FROM {SMALL}"), ROOT, bad_request.InvalidAnalyticsQueryType),
    Case(QUERY, sql(f"SELECT count(( FROM {SMALL}"), ROOT, bad_request.InvalidAnalyticsQuery),
    Case(QUERY, sql("SELECT count(*) FROM system.tables"), ROOT, bad_request.InvalidAnalyticsTable),
    Case(QUERY, sql(f"SELECT file('x') FROM {SMALL}"), ROOT, bad_request.InvalidAnalyticsFunction),
    Case(
        QUERY,
        sql(f"SELECT count(*) FROM {SMALL} WHERE time >= '2000-01-01'"),
        ROOT,
        bad_request.QueryRangeExceedsRetention,
    ),
    Case(
        QUERY,
        sql("SELECT count(*) FROM key_verifications_v1"),
        ROOT,
        unprocessable_entity.QueryRowsLimitExceeded,
    ),
    Case(
        QUERY,
        sql("SELECT * FROM key_verifications_per_minute_v1 WHERE outcome = 'VALID' ORDER BY time"),
        ROOT,
        unprocessable_entity.QueryMemoryLimitExceeded,
    ),
    Case(
        QUERY,
        sql(f"SELECT count(*) FROM {SMALL} WHERE identity LIKE '%bot'"),
        ROOT,
        unprocessable_entity.QueryExecutionTimeout,
    ),
    Case("/v2/projects.createProject", {"slug": "shop"}, ROOT, data.ProjectAlreadyExists),
    Case("/v2/apps.createApp", {"project": "nope", "app": "web"}, ROOT, data.ProjectNotFound),
    Case("/v2/apps.createApp", {"project": "shop", "app": "web"}, ROOT, data.AppAlreadyExists),
    Case("/v2/apps.deleteApp", {"project": "shop", "app": "nope"}, ROOT, data.AppNotFound),
    Case(
        "/v2/deployments.createDeployment",
        {"project": "shop", "app": "web", "environment": "staging"},
        ROOT,
        data.EnvironmentNotFound,
    ),
    Case(
        "/v2/deployments.createDeployment",
        {"project": "shop", "app": "web", "environment": "preview", "settings": {"port": 0}},
        ROOT,
        application.InvalidEnvironmentSettings,
    ),
    Case("/v2/deployments.promote", {"deploymentId": "dep_nope"}, ROOT, data.DeploymentNotFound),
    Case(
        "/v2/deployments.promote",
        {"deploymentId": "dep_preview"},
        ROOT,
        application.DeploymentNotProduction,
    ),
    Case(
        "/v2/deployments.promote",
        {"deploymentId": "dep_build"},
        ROOT,
        application.DeploymentNotReady,
    ),
    Case(
        "/v2/deployments.promote",
        {"deploymentId": "dep_first"},
        ROOT,
        application.DeploymentNoCurrent,
    ),
    Case(
        "/v2/deployments.rollback",
        {"deploymentId": "dep_live"},
        ROOT,
        application.DeploymentIsCurrent,
    ),
    Case(
        "/v2/deployments.stopDeployment",
        {"deploymentId": "dep_live"},
        ROOT,
        application.DeploymentIsProduction,
    ),
    Case(
        "/v2/deployments.stopDeployment",
        {"deploymentId": "dep_stopping"},
        ROOT,
        application.DeploymentIsStopping,
    ),
    Case(
        "/v2/deployments.stopDeployment",
        {"deploymentId": "dep_failed"},
        ROOT,
        application.DeploymentNotRunning,
    ),
    Case(
        "/v2/deployments.startDeployment",
        {"deploymentId": "dep_preview"},
        ROOT,
        application.DeploymentNotStopped,
    ),
    Case("/v2/policies.setKeyAuth", {"policyId": "pol_nope"}, ROOT, data.PolicyNotFound),
    Case(
        "/v2/policies.setKeyAuth",
        {"policyId": "pol_main", "keySpaceId": "ks_nope"},
        ROOT,
        data.KeySpaceNotFound,
    ),
    Case(
        "/v2/domains.createDomain", {"domain": "shop.example.com"}, ROOT, data.DomainAlreadyExists
    ),
    Case(
        "/v2/domains.createDomain",
        {"domain": "api.example.org"},
        bearer("unkey_plain"),
        CustomDomainLimitExceeded,
    ),
    Case("/v2/domains.getDomain", {"domain": "nope.example.com"}, ROOT, data.DomainNotFound),
    Case("/v2/portal.getPortal", {"portal": "portal_main"}, {}, authentication.PortalTokenMissing),
    Case(
        "/v2/portal.getPortal",
        {"portal": "portal_main"},
        {"X-Portal-Session": "ps_nope"},
        authentication.PortalSessionNotFound,
    ),
    Case(
        "/v2/portal.getPortal",
        {"portal": "nope"},
        {"X-Portal-Session": "ps_main"},
        data.PortalNotFound,
    ),
    Case("/v2/auditLogs.getEntry", {"auditLogId": "log_nope"}, ROOT, data.AuditLogNotFound),
]


@pytest.fixture(autouse=True)
def fresh_store() -> Iterator[None]:
    store.reset()
    deadline = SETTINGS.deadline_seconds
    yield
    SETTINGS.deadline_seconds = deadline
    store.reset()


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    # The catch-all 500 handler is a response, not an exception for the test to see.
    with TestClient(app, raise_server_exceptions=False) as started:
        yield started


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.expected.code or "")
def test_each_error_is_sent_as_the_catalog_documents_it(client: TestClient, case: Case) -> None:
    if case.prepare is not None:
        case.prepare()

    response = client.post(case.path, json=case.body, headers=case.headers)

    problem = parse(response.content, status=response.status_code)
    assert type(problem) is case.expected, response.text
    assert response.status_code == case.expected.status
    assert response.headers["content-type"] == "application/json"
    assert problem.request_id is not None and problem.request_id.startswith("req_")


def test_a_request_that_succeeds_gets_data(client: TestClient) -> None:
    response = client.post("/v2/apis.getApi", json=API, headers=ROOT)

    assert response.status_code == 200
    assert response.json()["data"] == {"id": "api_main"}


def _send(receive: Callable[[], Any]) -> tuple[int, bytes]:
    """One request straight through the ASGI interface, whose ``receive`` the test controls."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v2/apis.getApi",
        "raw_path": b"/v2/apis.getApi",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"authorization", b"Bearer x")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(message for message in sent if message["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body


def test_a_client_that_hangs_up_gets_client_closed_request() -> None:
    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    status, body = _send(receive)

    assert status == 499
    assert type(parse(body)) is bad_request.ClientClosedRequest


def test_a_body_that_cannot_be_read_gets_request_body_unreadable() -> None:
    async def receive() -> dict[str, Any]:
        raise ConnectionResetError("connection reset by peer")

    status, body = _send(receive)

    assert status == 400
    assert type(parse(body)) is bad_request.RequestBodyUnreadable


def test_the_route_map_lists_every_error_a_route_was_seen_to_send(repository: Project) -> None:
    report = check_source(repository.catalog, repository.config, routes=True)
    found = {(op.path, op.method): {error.code for error in op.errors} for op in report.operations}
    for case in CASES:
        assert case.expected.code in found[(case.path, "post")], case.path
