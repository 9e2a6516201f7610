"""The frameworks' other errors each adapter turns into problems, and a plain Starlette app."""

from __future__ import annotations

import json
import sys
import types
from typing import Any

import pytest

from integrations_support import Reply, Variant, django_rest_settings, django_urls


def _generic(variant: Variant, status: int, reply: Reply) -> None:
    """The reply is the ``about:blank`` problem of ``status`` (the flat package maps none)."""
    assert reply.status == status
    assert reply.json == variant.package.Problem.generic(status).to_dict()
    assert reply.headers["content-type"] == "application/problem+json"


def test_a_plain_starlette_app(acme: dict[str, Variant]) -> None:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.routing import Route
    from starlette.testclient import TestClient

    variant = acme["wrapped"]
    orders = variant.module("orders")

    async def order(request: Request) -> Any:
        raise orders.OrderNotFound(order_id=request.path_params["order_id"])

    app = Starlette(routes=[Route("/orders/{order_id}", order)])
    variant.module("integrations.fastapi").install(app)
    test = TestClient(app)
    reply = Reply.of(test.get("/orders/7", headers={"X-Request-Id": "s-1"}))
    assert reply.json == orders.OrderNotFound(order_id="7").body(request_id="s-1")
    assert Reply.of(test.get("/nowhere")).json["error"]["type"].endswith("/route_not_found")
    wrong = Reply.of(test.post("/orders/7"))
    assert wrong.status == 405
    assert set(wrong.headers["allow"].split(", ")) == {"GET", "HEAD"}  # a set's order


def test_werkzeug_errors_become_problems_of_their_status(acme: dict[str, Variant]) -> None:
    from flask import Flask, abort

    variant = acme["flat"]
    app = Flask("errors")

    @app.get("/forbidden")
    def forbidden() -> None:
        abort(403)

    @app.get("/teapot")
    def teapot() -> None:
        abort(418, "No coffee here.")

    variant.module("integrations.flask").install(app)
    test = app.test_client()
    _generic(variant, 403, Reply.of(test.get("/forbidden")))
    teapot_reply = Reply.of(test.get("/teapot"))
    assert teapot_reply.status == 418
    assert teapot_reply.json["detail"] == "No coffee here."  # the app's own words are kept


def test_django_exceptions_become_problems_of_their_status(acme: dict[str, Variant]) -> None:
    from django.core.exceptions import PermissionDenied, SuspiciousOperation
    from django.http import HttpRequest, HttpResponse
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import path

    variant = acme["flat"]
    django_urls(variant, rest=False)  # Django set up

    def denied(request: HttpRequest) -> HttpResponse:
        raise PermissionDenied

    def suspicious(request: HttpRequest) -> HttpResponse:
        raise SuspiciousOperation("odd host")

    urls = types.ModuleType("acme_flat_django_errors_urls")
    urls.urlpatterns = [path("denied", denied), path("suspicious", suspicious)]  # type: ignore[attr-defined]
    sys.modules[urls.__name__] = urls
    middleware = [f"{variant.name}.integrations.django.ProblemMiddleware"]
    with override_settings(ROOT_URLCONF=urls.__name__, MIDDLEWARE=middleware):
        _generic(variant, 403, Reply.of(Client().get("/denied")))
        _generic(variant, 400, Reply.of(Client().get("/suspicious")))


def test_rest_framework_errors_keep_their_headers(acme: dict[str, Variant]) -> None:
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import path
    from rest_framework import exceptions
    from rest_framework.request import Request
    from rest_framework.response import Response
    from rest_framework.views import APIView

    variant = acme["flat"]
    django_urls(variant, rest=True)  # Django set up

    class Throttled(APIView):
        def get(self, request: Request) -> Response:
            raise exceptions.Throttled(wait=12)

    class Unauthenticated(APIView):
        def get(self, request: Request) -> Response:
            raise exceptions.NotAuthenticated

        def get_authenticate_header(self, request: Request) -> str:
            return 'Bearer realm="api"'

    urls = types.ModuleType("acme_flat_rest_errors_urls")
    urls.urlpatterns = [  # type: ignore[attr-defined]
        path("throttled", Throttled.as_view()),
        path("unauthenticated", Unauthenticated.as_view()),
    ]
    sys.modules[urls.__name__] = urls
    rest = django_rest_settings(variant.name)
    middleware = [f"{variant.name}.integrations.django.ProblemMiddleware"]
    with override_settings(ROOT_URLCONF=urls.__name__, MIDDLEWARE=middleware, REST_FRAMEWORK=rest):
        throttled = Reply.of(Client().get("/throttled"))
        unauthenticated = Reply.of(Client().get("/unauthenticated"))
    assert throttled.status == 429 and throttled.headers["retry-after"] == "12"
    assert json.loads(throttled.body)["type"] == "about:blank"
    assert unauthenticated.status == 401
    assert unauthenticated.headers["www-authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize("status", [403, 409])
def test_litestar_http_exceptions_become_problems_of_their_status(
    status: int, acme: dict[str, Variant]
) -> None:
    from litestar import Litestar, get
    from litestar.exceptions import HTTPException
    from litestar.testing import TestClient

    variant = acme["flat"]

    @get("/fails", sync_to_thread=False)
    def fails() -> None:
        raise HTTPException(status_code=status)

    app = Litestar([fails], plugins=[variant.module("integrations.litestar").plugin()])
    _generic(variant, status, Reply.of(TestClient(app).get("/fails")))


@pytest.mark.parametrize("cors_after_install", [False, True])
def test_starlette_middleware_keeps_its_place_around_the_500_problem(
    acme: dict[str, Variant], cors_after_install: bool
) -> None:
    """The adapter's middleware stands in for ServerErrorMiddleware only while it is the
    outermost: a CORS middleware added after `install` still puts its headers on the 500
    problem, and one added before still sees the request id and a crash as a problem."""
    from starlette.applications import Starlette
    from starlette.middleware.cors import CORSMiddleware
    from starlette.middleware.errors import ServerErrorMiddleware
    from starlette.requests import Request
    from starlette.routing import Route
    from starlette.testclient import TestClient

    variant = acme["wrapped"]
    seen: list[str] = []

    async def crash(request: Request) -> Any:
        seen.append(request.state.request_id)
        raise RuntimeError("secret internals")

    app = Starlette(routes=[Route("/crash", crash)])
    cors = {"allow_origins": ["https://app.example"]}
    if not cors_after_install:
        app.add_middleware(CORSMiddleware, **cors)
    variant.module("integrations.fastapi").install(app)
    if cors_after_install:
        app.add_middleware(CORSMiddleware, **cors)
    test = TestClient(app, raise_server_exceptions=True)
    headers = {"Origin": "https://app.example", "X-Request-Id": "c-1"}
    reply = Reply.of(test.get("/crash", headers=headers))
    assert reply.status == 500
    assert reply.json["meta"] == {"requestId": "c-1"}
    assert "secret" not in json.dumps(reply.json)
    assert seen == ["c-1"]
    with_cors = reply.headers.get("access-control-allow-origin") == "https://app.example"
    assert with_cors is cors_after_install
    outermost = app.middleware_stack
    assert isinstance(outermost, ServerErrorMiddleware) is cors_after_install
