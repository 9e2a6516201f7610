"""The web-framework adapters, against the real frameworks through their own test clients.

Every framework's app on the acme package (see integrations_support) must answer alike: a
raised problem as documented, request ids, the framework's own errors as catalog problems
(or ``about:blank`` ones when the catalog maps none), and crashes as a 500 problem that
holds nothing of the exception, which is logged with its traceback.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from integrations_support import FRAMEWORKS, SECRET, Reply, Variant, client, is_new_request_id

ENVELOPES = ("wrapped", "flat")


@pytest.fixture(params=FRAMEWORKS)
def framework(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=ENVELOPES)
def variant(request: pytest.FixtureRequest, acme: dict[str, Variant]) -> Variant:
    return acme[str(request.param)]


def _get(framework: str, variant: Variant, path: str, **options: Any) -> Reply:
    headers = options.pop("headers", {})
    return client(framework, variant, **options)("GET", path, headers, None)


def _expected(variant: Variant, problem: Any, reply: Reply) -> None:
    """The reply is exactly what the problem documents: status, headers, body, media type."""
    request_id = reply.headers.get("x-request-id")
    assert reply.status == problem.status
    assert reply.json == problem.body(request_id=request_id)
    for name, value in problem.headers().items():
        assert reply.headers[name.lower()] == value
    media = "application/json" if variant.wrapped else "application/problem+json"
    assert reply.headers["content-type"] == media
    assert variant.package.from_response(reply.raw).to_dict() == problem.to_dict()


def test_a_raised_problem_is_the_documented_response(framework: str, variant: Variant) -> None:
    orders, limits, auth = (variant.module(m) for m in ("orders", "limits", "auth"))
    _expected(variant, orders.OrderNotFound(order_id="7"), _get(framework, variant, "/orders/7"))
    limited = _get(framework, variant, "/limited")
    _expected(variant, limits.RateLimited(retry_after=30), limited)
    assert limited.headers["retry-after"] == "30"
    token = _get(framework, variant, "/token")
    _expected(variant, auth.TokenExpired(), token)
    assert token.headers["www-authenticate"] == 'Bearer error="invalid_token"'


def test_the_request_id_is_taken_from_the_request_or_made(framework: str, acme: Any) -> None:
    variant = acme["wrapped"]
    sent = _get(framework, variant, "/orders/7", headers={"X-Request-Id": "req-abc_1"})
    assert sent.headers["x-request-id"] == "req-abc_1"
    assert sent.json["meta"] == {"requestId": "req-abc_1"}
    made = _get(framework, variant, "/orders/7")
    assert is_new_request_id(made.headers["x-request-id"])
    assert made.json["meta"] == {"requestId": made.headers["x-request-id"]}
    # An id that cannot be echoed safely is replaced, never reflected.
    odd = _get(framework, variant, "/orders/7", headers={"X-Request-Id": "a b" + "x" * 300})
    assert is_new_request_id(odd.headers["x-request-id"])


def test_the_request_id_header_and_maker_are_options(framework: str, acme: Any) -> None:
    variant = acme["wrapped"]
    options = {"request_id_header": "X-Trace", "new_request_id": lambda: "made-1"}
    sent = _get(framework, variant, "/orders/7", headers={"X-Trace": "t-1"}, **options)
    assert (sent.headers["x-trace"], sent.json["meta"]["requestId"]) == ("t-1", "t-1")
    made = _get(framework, variant, "/orders/7", **options)
    assert made.headers["x-trace"] == "made-1" == made.json["meta"]["requestId"]
    assert "x-request-id" not in made.headers


def _framework_problem(variant: Variant, code: str, status: int) -> Any:
    if variant.mapped:
        return variant.package.lookup(code)()
    return variant.package.Problem.generic(status)


def test_an_unknown_route_is_the_404_problem(framework: str, variant: Variant) -> None:
    reply = _get(framework, variant, "/nowhere/at/all")
    _expected(variant, _framework_problem(variant, "request/route_not_found", 404), reply)


def test_a_wrong_method_is_the_405_problem_with_allow(framework: str, variant: Variant) -> None:
    reply = client(framework, variant)("DELETE", "/orders/7", {}, None)
    _expected(variant, _framework_problem(variant, "request/method_not_allowed", 405), reply)
    assert "GET" in reply.headers["allow"]


@pytest.mark.parametrize("framework", ["fastapi", "drf", "litestar"])
def test_a_validation_error_fills_the_validation_problem(framework: str, variant: Variant) -> None:
    reply = client(framework, variant)("POST", "/orders", {}, {"quantity": "many"})
    error = reply.json["error"] if variant.wrapped else reply.json
    (item,) = error["errors"]
    assert item["location"] == "body.quantity"
    assert isinstance(item["message"], str) and item["message"]
    if variant.mapped:
        assert reply.status == 400
        expected = variant.package.lookup("request/invalid_body")(errors=error["errors"])
    else:  # about:blank, with the framework's own status and the problems as an extension
        assert reply.status == {"fastapi": 422}.get(framework, 400)
        expected = variant.package.Problem.generic(reply.status, extensions={"errors": [item]})
    _expected(variant, expected, reply)


def test_a_crash_is_the_500_problem_and_is_logged(
    framework: str, variant: Variant, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger=f"{variant.name}.integrations"):
        reply = _get(framework, variant, "/orders/boom")
    _expected(variant, _framework_problem(variant, "server/internal", 500), reply)
    text = reply.body.decode()
    for leak in ("hunter2", "secret_orders", "RuntimeError", "Traceback", "integrations"):
        assert leak not in text
    (record,) = [r for r in caplog.records if r.name == f"{variant.name}.integrations"]
    assert record.exc_info is not None and SECRET in str(record.exc_info[1])
    assert reply.headers["x-request-id"] in record.getMessage()


def test_a_response_that_holds_no_problem_gives_none(framework: str, acme: Any) -> None:
    variant = acme["flat"]
    created = client(framework, variant)("POST", "/orders", {}, {"quantity": 2})
    assert created.status in (200, 201)
    assert variant.package.from_response(created.raw) is None
    with pytest.raises(variant.module("orders").OrderNotFound):
        variant.package.raise_for_problem(_get(framework, variant, "/orders/7").raw)
    assert variant.package.raise_for_problem(created.raw) is None
