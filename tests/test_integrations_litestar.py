"""The Litestar adapter's own problem response, against Litestar's ``Response``.

The adapter sends a problem without Litestar's general ``Response`` machinery (see
``_runtime/web/litestar_response.py``): these tests hold it to sending exactly what that
machinery sends for the same body, status, headers and media type, byte for byte and header
for header, through a real app's exception handling, and to leaving the rest of that handling
(the user's own handlers, ``after_exception`` hooks) as it was.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from integrations_support import Variant

#: One request's ASGI messages as the app sent them.
Messages = list[dict[str, Any]]


def _messages(app: Any, method: str, path: str, body: bytes = b"") -> Messages:
    """The messages the ASGI app sends for one request, which brings an ``X-Request-Id``."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"test"),
            (b"x-request-id", b"litestar-1"),
            (b"content-type", b"application/json"),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("test", 80),
    }
    sent: Messages = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def _app(variant: Variant, **options: Any) -> Any:
    from dataclasses import dataclass

    from litestar import Controller, Litestar, get, post
    from litestar.exceptions import HTTPException
    from litestar.params import FromPath, JSONBody

    orders, limits, auth = (variant.module(m) for m in ("orders", "limits", "auth"))

    @dataclass
    class Order:
        quantity: int

    @get("/orders/{order_id:str}")
    async def get_order(order_id: FromPath[str]) -> None:
        raise orders.OrderNotFound(order_id=order_id)

    @post("/orders")
    async def create(data: JSONBody[Order]) -> None:
        return None

    @get("/limited", sync_to_thread=False)
    def limited() -> None:
        raise limits.RateLimited(retry_after=30)

    @get("/crash", sync_to_thread=False)
    def crash() -> None:
        raise RuntimeError("no")

    @get("/teapot", sync_to_thread=False)
    def teapot() -> None:
        raise HTTPException(status_code=418, headers={"X-Pot": "tea"})

    class Tokens(Controller):
        path = "/token"

        @get()
        async def token(self) -> None:
            raise auth.TokenExpired()

    return Litestar(
        [get_order, create, limited, crash, teapot, Tokens],
        plugins=[variant.module("integrations.litestar").plugin()],
        signature_namespace={"Order": Order, "FromPath": FromPath, "JSONBody": JSONBody},
        logging_config=None,
        **options,
    )


REQUESTS = [
    ("GET", "/orders/7", b""),
    ("GET", "/limited", b""),
    ("GET", "/token", b""),
    ("GET", "/crash", b""),
    ("GET", "/teapot", b""),
    ("GET", "/nowhere", b""),
    ("PUT", "/orders/7", b""),
    ("POST", "/orders", b'{"quantity": "many"}'),
]


@pytest.mark.parametrize("envelope", ["wrapped", "flat"])
def test_a_problem_is_sent_as_litestars_own_response_would_send_it(
    envelope: str, acme: dict[str, Variant], monkeypatch: pytest.MonkeyPatch
) -> None:
    from litestar import Response

    variant = acme[envelope]
    logging.getLogger(f"{variant.name}.integrations").disabled = True
    app = _app(variant)
    sent = [_messages(app, *request) for request in REQUESTS]

    def litestars(body: bytes, status: int, headers: dict[str, str], media: str) -> Any:
        return Response(body, status_code=status, headers=headers, media_type=media)

    adapter = variant.module("_runtime.web.litestar")
    monkeypatch.setattr(adapter, "ProblemResponse", litestars)
    assert sent == [_messages(app, *request) for request in REQUESTS]
    statuses = [messages[0]["status"] for messages in sent]
    assert statuses == [404, 429, 401, 500, 418, 404, 405, 400]


def _asgi_messages(response: Any) -> Messages:
    sent: Messages = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    asyncio.run(response({"type": "http"}, receive, send))
    return sent


@pytest.mark.parametrize(
    ("status", "headers", "media", "arguments"),
    [
        (404, {"X-Request-Id": "r-1"}, "application/json", {}),
        (404, {}, "application/problem+json", {"headers": {"X-Extra": "1"}}),
        (404, {}, "application/json", {"is_head_response": True}),
        (404, {}, "application/json", {"cookies": "session"}),
        (404, {"Content-Length": "3"}, "application/json", {}),
        (404, {"content-type": "text/plain"}, "application/json", {}),
        (404, {}, "text/plain", {}),
        (304, {}, "application/json", {}),
    ],
)
def test_every_other_response_is_left_to_litestar(
    status: int,
    headers: dict[str, str],
    media: str,
    arguments: dict[str, Any],
    acme: dict[str, Variant],
) -> None:
    """Asked for more than the exception handling asks for, or for a response whose headers
    Litestar would not merely encode, the adapter's response is Litestar's own."""
    from litestar import Litestar, Request, Response
    from litestar.datastructures import Cookie

    ours = acme["wrapped"].module("_runtime.web.litestar_response").ProblemResponse
    if "cookies" in arguments:
        arguments = {**arguments, "cookies": [Cookie(key="session", value="s")]}
    request: Request[Any, Any, Any] = Request({"type": "http", "app": Litestar()})  # type: ignore[typeddict-item]
    body = b'{"status":404}' if status != 304 else b""

    def sent(response: Any) -> Messages | str:
        try:
            return _asgi_messages(response.to_asgi_response(None, request, **arguments))
        except Exception as error:  # both must fail alike
            return repr(error)

    theirs = Response(body, status_code=status, headers=dict(headers), media_type=media)
    assert sent(ours(body, status, dict(headers), media)) == sent(theirs)


def test_the_apps_own_handlers_and_hooks_still_run(acme: dict[str, Variant]) -> None:
    from litestar import Request, Response

    variant = acme["wrapped"]
    seen: list[str] = []

    async def hook(error: Exception, scope: Any) -> None:
        seen.append(type(error).__name__)

    def own(request: Request[Any, Any, Any], error: Exception) -> Response[str]:
        return Response("mine", status_code=410, media_type="text/plain")

    not_found = variant.module("orders").OrderNotFound
    app = _app(variant, exception_handlers={not_found: own}, after_exception=[hook])
    mine = _messages(app, "GET", "/orders/7")
    assert (mine[0]["status"], mine[1]["body"]) == (410, b"mine")
    assert _messages(app, "GET", "/limited")[0]["status"] == 429
    assert seen == ["OrderNotFound", "RateLimited"]
