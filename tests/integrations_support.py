"""The acme test project's generated package, and one small app of each framework on it.

Two variants of tests/fixtures/acme are generated once per session: ``acme_errors`` (the
wrapped envelope, with the fixture's problems table) and ``acme_flat_errors`` (rfc9457, no
problems table, so the frameworks' own errors become ``about:blank`` problems). Every app
answers the same routes, so one set of assertions covers every framework.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import re
import shutil
import sys
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conftest import run_cli

ACME = Path(__file__).parent / "fixtures" / "acme"
FRAMEWORKS = ("fastapi", "flask", "django", "drf", "litestar")
#: What the crashing route raises: none of it may reach a response.
SECRET = "hunter2 in the secret_orders table"


@dataclass(frozen=True)
class Variant:
    """One generated acme package: where it is, its module, and its settings."""

    name: str
    folder: Path
    wrapped: bool
    mapped: bool

    @property
    def package(self) -> types.ModuleType:
        return importlib.import_module(self.name)

    def module(self, name: str) -> types.ModuleType:
        return importlib.import_module(f"{self.name}.{name}")


def generate_variant(tmp: Path, name: str, *, wrapped: bool, mapped: bool) -> Variant:
    """Copy the acme project, set its envelope and problems table, and generate it."""
    project = tmp / name
    shutil.copytree(ACME, project)
    config = (project / "errorbook.toml").read_text()
    config = config.replace('python-package = "acme_errors"', f'python-package = "{name}"')
    if not wrapped:
        config = config.replace('envelope = "wrapped"', 'envelope = "rfc9457"')
    if not mapped:
        config = config[: config.index("[problems]")]
    (project / "errorbook.toml").write_text(config)
    result = run_cli(["generate"], project)
    assert result.exit_code == 0, result.stderr
    return Variant(name, project, wrapped, mapped)


@contextlib.contextmanager
def on_path(variants: list[Variant]) -> Iterator[None]:
    for variant in variants:
        sys.path.insert(0, str(variant.folder))
    try:
        yield
    finally:
        for variant in variants:
            sys.path.remove(str(variant.folder))
            for module in [m for m in sys.modules if m.split(".")[0] == variant.name]:
                del sys.modules[module]


@dataclass
class Reply:
    """A response of any framework's test client: status, headers (lower-case), body."""

    status: int
    headers: dict[str, str]
    body: bytes
    raw: Any = field(repr=False, default=None)

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @classmethod
    def of(cls, response: Any) -> Reply:
        body = getattr(response, "content", None)
        if body is None:
            body = response.data
        headers = {name.lower(): value for name, value in response.headers.items()}
        return cls(response.status_code, headers, body, response)


#: ``request(method, path, headers, json)``: one request to an app.
Client = Callable[[str, str, Mapping[str, str], Any], Reply]


def client(framework: str, variant: Variant, **options: Any) -> Client:
    """A client of the framework's app on the variant's package, installed with ``options``."""
    return _FACTORIES[framework](variant, options)


def _fastapi(variant: Variant, options: dict[str, Any]) -> Client:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from pydantic import BaseModel

    adapter = variant.module("integrations.fastapi")
    routes = _Routes(variant)
    app = FastAPI()

    class Order(BaseModel):
        quantity: int

    @app.get("/orders/{order_id}", responses=adapter.responses(routes.order_not_found))
    def get_order(order_id: str) -> dict[str, str]:
        routes.order(order_id)
        return {}

    def create(order: Order) -> dict[str, int]:
        return {"quantity": order.quantity}

    # The annotations are strings (from __future__), and FastAPI resolves them in the
    # module's globals: give it the local model itself.
    create.__annotations__["order"] = Order
    app.post("/orders")(create)

    @app.get("/limited")
    def limited() -> None:
        routes.limited()

    @app.get("/token")
    def token() -> None:
        routes.token()

    adapter.install(app, **options)
    return _httpx_client(app, TestClient(app))


def _httpx_client(app: Any, test: Any) -> Client:
    """A client over an httpx-based test client, which keeps the app and that client."""

    def request(method: str, path: str, headers: Mapping[str, str], body: Any) -> Reply:
        return Reply.of(test.request(method, path, headers=dict(headers), json=body))

    request.app = app  # type: ignore[attr-defined]
    request.test = test  # type: ignore[attr-defined]
    return request


def _flask(variant: Variant, options: dict[str, Any]) -> Client:
    from flask import Flask
    from flask import request as incoming

    adapter = variant.module("integrations.flask")
    routes = _Routes(variant)
    app = Flask(variant.name)

    @app.get("/orders/<order_id>")
    def get_order(order_id: str) -> dict[str, str]:
        routes.order(order_id)
        return {}

    @app.post("/orders")
    def create() -> dict[str, int]:
        return {"quantity": incoming.get_json()["quantity"]}

    app.get("/limited")(routes.limited)
    app.get("/token")(routes.token)
    adapter.install(app, **options)
    test = app.test_client()

    def request(method: str, path: str, headers: Mapping[str, str], body: Any) -> Reply:
        return Reply.of(test.open(path, method=method, headers=dict(headers), json=body))

    return request


def _django(variant: Variant, options: dict[str, Any], *, rest: bool = False) -> Client:
    from django.test import Client as DjangoClient
    from django.test.utils import override_settings

    urls = django_urls(variant, rest)
    overrides = {
        "ROOT_URLCONF": urls,
        "MIDDLEWARE": [f"{variant.name}.integrations.django.ProblemMiddleware"],
        "ERRORBOOK_ADAPTER": options,
        "REST_FRAMEWORK": django_rest_settings(variant.name),
    }

    def request(method: str, path: str, headers: Mapping[str, str], body: Any) -> Reply:
        with override_settings(**overrides):
            test = DjangoClient()
            data = json.dumps(body) if body is not None else None
            kwargs: dict[str, Any] = {"headers": dict(headers)}
            if data is not None:
                kwargs.update(data=data, content_type="application/json")
            prefix = "/api" if rest and path.startswith(("/orders", "/limited", "/token")) else ""
            return Reply.of(getattr(test, method.lower())(prefix + path, **kwargs))

    return request


def django_rest_settings(package: str) -> dict[str, Any]:
    """REST framework's settings for the test apps: the adapter's exception handler, JSON
    only, and no authentication (which would need Django's auth app)."""
    return {
        "EXCEPTION_HANDLER": f"{package}.integrations.django.exception_handler",
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    }


def _django_ready() -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False,
            ALLOWED_HOSTS=["testserver"],
            SECRET_KEY="acme tests",
            INSTALLED_APPS=[],
            MIDDLEWARE=[],
            ROOT_URLCONF=None,
        )
        django.setup()


def django_urls(variant: Variant, rest: bool) -> str:
    """A URL configuration module of plain Django views, or of REST framework views; Django
    is set up first."""
    _django_ready()
    from django.urls import path

    name = f"{variant.name}_{'rest' if rest else 'plain'}_urls"
    if name in sys.modules:
        return name
    routes = _Routes(variant)
    module = types.ModuleType(name)
    if rest:
        module.urlpatterns = _rest_urls(routes)  # type: ignore[attr-defined]
    else:
        from django.http import HttpRequest, HttpResponse
        from django.views.decorators.http import require_GET, require_POST

        @require_GET
        def get_order(request: HttpRequest, order_id: str) -> HttpResponse:
            routes.order(order_id)
            return HttpResponse()

        @require_POST
        def create(request: HttpRequest) -> HttpResponse:
            return HttpResponse(request.body)

        module.urlpatterns = [  # type: ignore[attr-defined]
            path("orders/<str:order_id>", get_order),
            path("orders", create),
            path("limited", require_GET(lambda request: routes.limited())),
            path("token", require_GET(lambda request: routes.token())),
        ]
    sys.modules[name] = module
    return name


def _rest_urls(routes: _Routes) -> list[Any]:
    from django.urls import path
    from rest_framework import serializers
    from rest_framework.request import Request
    from rest_framework.response import Response
    from rest_framework.views import APIView

    class Order(serializers.Serializer):  # type: ignore[type-arg]
        quantity = serializers.IntegerField()

    class Orders(APIView):
        def post(self, request: Request) -> Response:
            order = Order(data=request.data)
            order.is_valid(raise_exception=True)
            return Response(order.validated_data)

    class OneOrder(APIView):
        def get(self, request: Request, order_id: str) -> Response:
            routes.order(order_id)
            return Response()

    class Raises(APIView):
        raise_it: Callable[[], None] = staticmethod(lambda: None)

        def get(self, request: Request) -> Response:
            self.raise_it()
            return Response()

    return [
        path("api/orders/<str:order_id>", OneOrder.as_view()),
        path("api/orders", Orders.as_view()),
        path("api/limited", Raises.as_view(raise_it=routes.limited)),
        path("api/token", Raises.as_view(raise_it=routes.token)),
    ]


def _litestar(variant: Variant, options: dict[str, Any]) -> Client:
    from dataclasses import dataclass as plain_dataclass

    from litestar import Litestar, get, post
    from litestar.params import FromPath, JSONBody
    from litestar.testing import TestClient

    adapter = variant.module("integrations.litestar")
    routes = _Routes(variant)

    @plain_dataclass
    class Order:
        quantity: int

    @get("/orders/{order_id:str}", responses=adapter.responses(routes.order_not_found))
    async def get_order(order_id: FromPath[str]) -> dict[str, str]:
        routes.order(order_id)
        return {}

    @post("/orders")
    async def create(data: JSONBody[Order]) -> dict[str, int]:
        return {"quantity": data.quantity}

    @get("/limited")
    async def limited() -> None:
        routes.limited()

    @get("/token")
    async def token() -> None:
        routes.token()

    app = Litestar(
        [get_order, create, limited, token],
        plugins=[adapter.plugin(**options)],
        # The annotations are strings (from __future__): name the local ones.
        signature_namespace={"Order": Order, "FromPath": FromPath, "JSONBody": JSONBody},
        logging_config=None,  # Litestar's own replaces the root handlers, pytest's among them
    )
    return _httpx_client(app, TestClient(app))


class _Routes:
    """What every app's routes do, on one variant's classes."""

    def __init__(self, variant: Variant) -> None:
        self.order_not_found = variant.module("orders").OrderNotFound
        self.rate_limited = variant.module("limits").RateLimited
        self.token_expired = variant.module("auth").TokenExpired

    def order(self, order_id: str) -> None:
        if order_id == "boom":
            raise RuntimeError(SECRET)
        raise self.order_not_found(order_id=order_id)

    def limited(self) -> None:
        raise self.rate_limited(retry_after=30)

    def token(self) -> None:
        raise self.token_expired()


_FACTORIES: dict[str, Callable[[Variant, dict[str, Any]], Client]] = {
    "fastapi": _fastapi,
    "flask": _flask,
    "django": _django,
    "drf": lambda variant, options: _django(variant, options, rest=True),
    "litestar": _litestar,
}

_ID = re.compile(r"[0-9a-f]{32}")


def is_new_request_id(value: str) -> bool:
    """Whether a request id is one the adapters made (a UUID's 32 hex digits)."""
    return _ID.fullmatch(value) is not None
