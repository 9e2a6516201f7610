"""``from_response`` and ``raise_for_problem`` on responses of every shape clients have."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from integrations_support import Variant

BODY = {
    "meta": {"requestId": "r1"},
    "error": {
        "type": "https://acme.example.com/errors/orders/order_not_found",
        "title": "Not Found",
        "status": 404,
        "detail": "There is no order o7.",
        "orderId": "o7",
    },
}


@dataclass
class Like:
    """A response object with only the attributes one client library has."""

    attributes: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.attributes[name]
        except KeyError:
            raise AttributeError(name) from None


def _response(**attributes: Any) -> Like:
    defaults = {
        "status_code": 404,
        "headers": {"content-type": "application/json; charset=utf-8"},
        "content": json.dumps(BODY).encode(),
    }
    return Like({**defaults, **attributes})


@pytest.mark.parametrize(
    "attributes",
    [
        {},  # httpx, requests, Django's test client
        {"content": None, "data": json.dumps(BODY).encode()},  # Flask, urllib3
        {"status_code": None, "status": 404},  # urllib3, aiohttp
        {
            "status_code": None,
            "code": 404,
            "content": None,
            "read": lambda: json.dumps(BODY).encode(),
        },  # urllib
        {"headers": {"Content-Type": "application/json"}},
    ],
)
def test_the_problem_of_any_client_response(attributes: dict[str, Any], acme: Any) -> None:
    package = acme["wrapped"].package
    problem = package.from_response(_response(**attributes))
    assert type(problem).__name__ == "OrderNotFound"
    assert (problem.order_id, problem.request_id) == ("o7", "r1")


@pytest.mark.parametrize(
    "attributes",
    [
        {"status_code": 200},
        {"status_code": 302},
        {"headers": {"content-type": "text/html"}},
        {"headers": {}},
        {"content": b"<html>oops</html>"},
        {"content": b'{"detail": "Not Found"}'},  # FastAPI's own error body
        {"status_code": None},
    ],
)
def test_none_when_the_response_holds_no_problem(attributes: dict[str, Any], acme: Any) -> None:
    package = acme["wrapped"].package
    response = _response(**attributes)
    assert package.from_response(response) is None
    assert package.raise_for_problem(response) is None


def test_a_flat_package_reads_problem_json_only(acme: dict[str, Variant]) -> None:
    flat = acme["flat"].package
    body = json.dumps(BODY["error"]).encode()
    assert flat.from_response(_response(content=body)) is None  # application/json
    problem_json = {"content-type": "application/problem+json"}
    found = flat.from_response(_response(content=body, headers=problem_json))
    assert type(found).__name__ == "OrderNotFound"


def test_an_unknown_type_is_a_plain_problem_with_the_response_status(acme: Any) -> None:
    package = acme["wrapped"].package
    body = json.dumps({"type": "https://other.example/x", "title": "Gone"}).encode()
    problem = package.from_response(_response(status_code=410, content=body))
    assert type(problem) is package.Problem
    assert (problem.type, problem.status) == ("https://other.example/x", 410)


def test_an_async_read_is_not_awaited_and_not_left_pending(acme: Any) -> None:
    async def read() -> bytes:
        return json.dumps(BODY).encode()

    package = acme["wrapped"].package
    response = _response(content=None, read=read)
    assert package.from_response(response) is None  # no RuntimeWarning: never awaited
