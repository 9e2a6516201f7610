"""A real round trip: uvicorn serves a FastAPI app on a free port, httpx and urllib call it, and
``from_response`` gives back the class the server raised, with the same members."""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from integrations_support import Variant, client


@pytest.fixture
def server(acme: dict[str, Variant]) -> Iterator[str]:
    """The acme FastAPI app, served by uvicorn in a thread on a free port; its base URL."""
    import uvicorn

    app: Any = client("fastapi", acme["wrapped"]).app  # type: ignore[attr-defined]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(10)


def test_a_raised_problem_comes_back_as_its_class(server: str, acme: dict[str, Variant]) -> None:
    variant = acme["wrapped"]
    orders, limits = variant.module("orders"), variant.module("limits")
    with httpx.Client(base_url=server) as http:
        reply = http.get("/orders/ord_9", headers={"X-Request-Id": "trip-1"})
        problem = variant.package.from_response(reply)
        assert isinstance(problem, orders.OrderNotFound)
        assert problem.to_dict() == orders.OrderNotFound(order_id="ord_9").to_dict()
        assert (problem.order_id, problem.request_id) == ("ord_9", "trip-1")
        limited = variant.package.from_response(http.get("/limited"))
        assert isinstance(limited, limits.RateLimited) and limited.retry_after == 30
        with pytest.raises(variant.module("request").RouteNotFound):
            variant.package.raise_for_problem(http.get("/nowhere"))
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{server}/orders/ord_10")
    found = variant.package.from_response(caught.value)
    caught.value.close()
    assert isinstance(found, orders.OrderNotFound) and found.order_id == "ord_10"
