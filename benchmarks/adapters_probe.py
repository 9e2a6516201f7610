"""Runs in a fresh interpreter: raise → response bytes, through each adapter and by hand.

``python -m benchmarks.adapters_probe PACKAGE_PARENT PACKAGE ROUNDS`` prints one JSON object,
``{"contenders": {framework: {"adapter": [µs per request, one per round], "by hand": [...],
"raised, by hand": [...]}}, "missing": {framework: reason}}``. For each framework, apps answer
``GET /orders/7`` with the same 404 body in the wrapped envelope: one whose route raises the
catalog's ``OrderNotFound`` with the adapter installed, one whose route builds the framework's
own JSON response by hand, and (where the framework has per-exception handlers: FastAPI,
Litestar, Flask) one whose route raises an exception of its own that a handler written by hand
turns into the same response: what raising costs in that framework, adapter or not. The
request carries an ``X-Request-Id`` that every app echoes. Requests go straight to the ASGI or
WSGI callable (no HTTP client, no server), so the framework and the adapter are all that is
timed; rounds interleave the contenders, each timed over about 0.1 s.
"""

# No `from __future__ import annotations`: FastAPI and Litestar read the routes' annotations,
# which name classes imported inside the functions below.
import asyncio
import importlib
import io
import json
import sys
import time
import types
from collections.abc import Callable
from typing import Any

#: One request through an app: its status and body bytes.
Call = Callable[[], tuple[int, bytes]]
REQUEST_ID = "bench-1"
ORDER = "7"


def _body(package: Any) -> dict[str, Any]:
    orders = importlib.import_module(f"{package.__name__}.orders")
    return dict(orders.OrderNotFound(order_id=ORDER).body(request_id=REQUEST_ID))


def _by_hand_body(order_id: str, request_id: str) -> dict[str, Any]:
    """What a hand-written handler builds: the same members, written out."""
    return {
        "meta": {"requestId": request_id},
        "error": {
            "type": "https://acme.example.com/errors/orders/order_not_found",
            "title": "Not Found",
            "status": 404,
            "detail": f"There is no order {order_id}.",
            "orderId": order_id,
        },
    }


def _asgi(app: Any, loop: asyncio.AbstractEventLoop) -> Call:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": f"/orders/{ORDER}",
        "raw_path": f"/orders/{ORDER}".encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"bench"), (b"x-request-id", REQUEST_ID.encode())],
        "client": ("127.0.0.1", 1),
        "server": ("bench", 80),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def one() -> tuple[int, bytes]:
        sent: list[dict[str, Any]] = []

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await app(dict(scope), receive, send)
        status = next(m["status"] for m in sent if m["type"] == "http.response.start")
        parts = [m.get("body", b"") for m in sent if m["type"] == "http.response.body"]
        return status, b"".join(parts)

    return lambda: loop.run_until_complete(one())


def _wsgi(app: Any, prefix: str = "") -> Call:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": f"{prefix}/orders/{ORDER}",
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "bench",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "bench",
        "HTTP_X_REQUEST_ID": REQUEST_ID,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }

    def one() -> tuple[int, bytes]:
        status: list[str] = []
        request = {**environ, "wsgi.input": io.BytesIO(b"")}
        result = app(request, lambda line, headers, exc_info=None: status.append(line))
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return int(status[0].split()[0]), body

    return one


class Raised(Exception):
    """What a route raises when its error is handled by hand, without the adapter."""

    def __init__(self, order_id: str) -> None:
        super().__init__(order_id)
        self.order_id = order_id


def fastapi_pair(package: Any) -> dict[str, Call]:
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse

    adapter = importlib.import_module(f"{package.__name__}.integrations.fastapi")
    orders = importlib.import_module(f"{package.__name__}.orders")
    raising, by_hand = FastAPI(), FastAPI()

    # Coroutines: a plain function runs in a thread pool, which would time the pool.
    @raising.get("/orders/{order_id}")
    async def get_order(order_id: str) -> None:
        raise orders.OrderNotFound(order_id=order_id)

    adapter.install(raising)

    @by_hand.get("/orders/{order_id}")
    async def get_order_by_hand(order_id: str, request: Request) -> JSONResponse:
        request_id = request.headers.get("x-request-id", "")
        body = _by_hand_body(order_id, request_id)
        return JSONResponse(body, status_code=404, headers={"X-Request-Id": request_id})

    handled = FastAPI()

    @handled.get("/orders/{order_id}")
    async def get_order_raising(order_id: str) -> None:
        raise Raised(order_id)

    async def handle(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, Raised)
        return await get_order_by_hand(error.order_id, request)

    handled.add_exception_handler(Raised, handle)
    loop = asyncio.new_event_loop()
    return {
        "adapter": _asgi(raising, loop),
        "by hand": _asgi(by_hand, loop),
        "raised, by hand": _asgi(handled, loop),
    }


def litestar_pair(package: Any) -> dict[str, Call]:
    from litestar import Litestar, Request, Response, get
    from litestar.params import FromPath

    adapter = importlib.import_module(f"{package.__name__}.integrations.litestar")
    orders = importlib.import_module(f"{package.__name__}.orders")

    @get("/orders/{order_id:str}", sync_to_thread=False)
    def get_order(order_id: FromPath[str]) -> None:
        raise orders.OrderNotFound(order_id=order_id)

    @get("/orders/{order_id:str}", sync_to_thread=False)
    def get_order_by_hand(
        order_id: FromPath[str], request: Request[Any, Any, Any]
    ) -> Response[Any]:
        request_id = request.headers.get("x-request-id", "")
        body = _by_hand_body(order_id, request_id)
        return Response(body, status_code=404, headers={"X-Request-Id": request_id})

    @get("/orders/{order_id:str}", sync_to_thread=False)
    def get_order_raising(order_id: FromPath[str]) -> None:
        raise Raised(order_id)

    def handle(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
        assert isinstance(error, Raised)
        return get_order_by_hand.fn(error.order_id, request)  # type: ignore[no-any-return]

    names = {"FromPath": FromPath, "Request": Request, "Response": Response, "Any": Any}
    raising = Litestar([get_order], plugins=[adapter.plugin()], signature_namespace=names)
    by_hand = Litestar([get_order_by_hand], signature_namespace=names)
    handled = Litestar(
        [get_order_raising], exception_handlers={Raised: handle}, signature_namespace=names
    )
    loop = asyncio.new_event_loop()
    return {
        "adapter": _asgi(raising, loop),
        "by hand": _asgi(by_hand, loop),
        "raised, by hand": _asgi(handled, loop),
    }


def flask_pair(package: Any) -> dict[str, Call]:
    from flask import Flask, request

    adapter = importlib.import_module(f"{package.__name__}.integrations.flask")
    orders = importlib.import_module(f"{package.__name__}.orders")
    raising, by_hand = Flask("raising"), Flask("by_hand")

    @raising.get("/orders/<order_id>")
    def get_order(order_id: str) -> None:
        raise orders.OrderNotFound(order_id=order_id)

    adapter.install(raising)

    @by_hand.get("/orders/<order_id>")
    def get_order_by_hand(order_id: str) -> tuple[dict[str, Any], int, dict[str, str]]:
        request_id = request.headers.get("X-Request-Id", "")
        return _by_hand_body(order_id, request_id), 404, {"X-Request-Id": request_id}

    handled = Flask("handled")

    @handled.get("/orders/<order_id>")
    def get_order_raising(order_id: str) -> None:
        raise Raised(order_id)

    @handled.errorhandler(Raised)
    def handle(error: Raised) -> tuple[dict[str, Any], int, dict[str, str]]:
        return get_order_by_hand(error.order_id)

    return {"adapter": _wsgi(raising), "by hand": _wsgi(by_hand), "raised, by hand": _wsgi(handled)}


def django_pair(package: Any, *, rest: bool = False) -> dict[str, Call]:
    import django
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.utils import override_settings

    adapter = f"{package.__name__}.integrations.django"
    if not settings.configured:
        settings.configure(
            DEBUG=False, ALLOWED_HOSTS=["bench"], SECRET_KEY="bench", INSTALLED_APPS=[]
        )
        django.setup()
    rest_settings = {
        "EXCEPTION_HANDLER": f"{adapter}.exception_handler",
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    }
    # Settings for both handlers while they run; each loads its middleware when made.
    urls = _django_urls(package, rest)
    override_settings(ROOT_URLCONF=urls, REST_FRAMEWORK=rest_settings).enable()
    with override_settings(MIDDLEWARE=[f"{adapter}.ProblemMiddleware"]):
        raising = WSGIHandler()
    with override_settings(MIDDLEWARE=[]):
        by_hand = WSGIHandler()
    return {"adapter": _wsgi(raising), "by hand": _wsgi(by_hand, "/by-hand")}


def _django_urls(package: Any, rest: bool) -> str:
    """One URL configuration: the hand-built route first, so the adapter's route pays for
    the one pattern tried before it."""
    from django.http import HttpRequest, HttpResponse, JsonResponse
    from django.urls import path

    orders = importlib.import_module(f"{package.__name__}.orders")

    def raise_it(order_id: str) -> None:
        raise orders.OrderNotFound(order_id=order_id)

    def by_hand(request: Any, order_id: str) -> Any:
        request_id = request.headers.get("X-Request-Id", "")
        body = _by_hand_body(order_id, request_id)
        if rest:
            from rest_framework.response import Response

            return Response(body, status=404, headers={"X-Request-Id": request_id})
        return JsonResponse(body, status=404, headers={"X-Request-Id": request_id})

    if rest:
        from rest_framework.views import APIView

        class Raising(APIView):
            def get(self, request: Any, order_id: str) -> Any:
                raise_it(order_id)

        class ByHand(APIView):
            def get(self, request: Any, order_id: str) -> Any:
                return by_hand(request, order_id)

        raising, hand = Raising.as_view(), ByHand.as_view()
    else:

        def raising(request: HttpRequest, order_id: str) -> HttpResponse:
            raise_it(order_id)
            return HttpResponse()

        hand = by_hand
    name = f"bench_urls_{'rest' if rest else 'plain'}"
    module = types.ModuleType(name)
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("by-hand/orders/<str:order_id>", hand),
        path("orders/<str:order_id>", raising),
    ]
    sys.modules[name] = module
    return name


PAIRS: dict[str, Callable[[Any], dict[str, Call]]] = {
    "FastAPI": fastapi_pair,
    "Litestar": litestar_pair,
    "Flask": flask_pair,
    "Django": django_pair,
    "Django REST framework": lambda package: django_pair(package, rest=True),
}


def _per_request(call: Call, seconds: float = 0.1) -> float:
    """Microseconds per request over about ``seconds``."""
    done, start = 0, time.perf_counter()
    batch = 50
    while True:
        for _ in range(batch):
            call()
        done += batch
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return elapsed / done * 1e6


def main(argv: list[str]) -> None:
    parent, name, rounds = argv[0], argv[1], int(argv[2])
    sys.path.insert(0, parent)
    package = importlib.import_module(name)
    expected = _body(package)
    import logging

    logging.disable(logging.CRITICAL)  # Django logs every 404 as a warning
    contenders: dict[str, dict[str, list[float]]] = {}
    missing: dict[str, str] = {}
    for framework, make in PAIRS.items():
        try:
            calls = make(package)
        except ImportError as error:
            missing[framework] = f"{error.name} not installed"
            continue
        for call in calls.values():
            status, body = call()
            # An honest race: the same status and body, byte for byte apart from layout.
            assert status == 404 and json.loads(body) == expected, (framework, body)
        times: dict[str, list[float]] = {label: [] for label in calls}
        order = list(calls.items())
        for round_ in range(rounds):
            turn = round_ % len(order)
            for label, call in order[turn:] + order[:turn]:
                times[label].append(_per_request(call))
        contenders[framework] = times
    print(json.dumps({"contenders": contenders, "missing": missing}))


if __name__ == "__main__":
    main(sys.argv[1:])
