"""The README's web-framework section, run as written against the acme package."""

from __future__ import annotations

import re
import sys
import tomllib
import types
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

from integrations_support import ACME, Reply, Variant, django_rest_settings, django_urls

README = Path(__file__).parent.parent / "README.md"
_BLOCK = re.compile(r"<!-- README test: (\w+) -->\n```python\n(.*?)```", re.DOTALL)


def _blocks() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Web frameworks") : text.index("## Documentation site")]
    return dict(_BLOCK.findall(section))


def _run(name: str) -> dict[str, Any]:
    """Run a block as the module ``readme_<name>`` would run (frameworks look it up)."""
    module = types.ModuleType(f"readme_{name}")
    sys.modules[module.__name__] = module
    exec(compile(_blocks()[name], f"README.md ({name})", "exec"), module.__dict__)
    return module.__dict__


def _is_order_not_found(variant: Variant, reply: Reply) -> None:
    assert reply.status == 404
    expected = variant.module("orders").OrderNotFound(order_id="7")
    assert reply.json == expected.body(request_id=reply.headers["x-request-id"])


def test_every_framework_has_a_tested_block() -> None:
    assert sorted(_blocks()) == ["client", "django", "fastapi", "flask", "litestar"]


def test_the_configuration_shown_is_the_acme_projects() -> None:
    text = README.read_text(encoding="utf-8")
    shown = text[text.index("```toml\npython-package") + 8 :]
    shown = tomllib.loads(shown[: shown.index("```")])
    actual = tomllib.loads((ACME / "errorbook.toml").read_text())
    assert {key: actual[key] for key in shown} == shown


def test_fastapi_block(acme: dict[str, Variant]) -> None:
    from fastapi.testclient import TestClient

    app = _run("fastapi")["app"]
    test = TestClient(app)
    _is_order_not_found(acme["wrapped"], Reply.of(test.get("/orders/7")))
    document = test.get("/openapi.json").json()
    validate(document)
    assert "orders.order_not_found" in document["components"]["schemas"]


def test_flask_block(acme: dict[str, Variant]) -> None:
    app = _run("flask")["app"]
    _is_order_not_found(acme["wrapped"], Reply.of(app.test_client().get("/orders/7")))


def test_django_block(acme: dict[str, Variant]) -> None:
    from django.test import Client
    from django.test.utils import override_settings

    settings = _run("django")
    rest = {**django_rest_settings("acme_errors"), **settings["REST_FRAMEWORK"]}
    urls = django_urls(acme["wrapped"], rest=True)
    with override_settings(
        MIDDLEWARE=settings["MIDDLEWARE"], REST_FRAMEWORK=rest, ROOT_URLCONF=urls
    ):
        _is_order_not_found(acme["wrapped"], Reply.of(Client().get("/api/orders/7")))
        unknown = Reply.of(Client().get("/nowhere"))
    assert unknown.json["error"]["type"].endswith("/request/route_not_found")


def test_litestar_block(acme: dict[str, Variant]) -> None:
    from litestar.testing import TestClient

    app = _run("litestar")["app"]
    with TestClient(app) as test:
        _is_order_not_found(acme["wrapped"], Reply.of(test.get("/orders/7")))
        document = test.get("/schema/openapi.json").json()
    validate(document)
    assert "orders.order_not_found" in document["components"]["schemas"]


@pytest.mark.usefixtures("acme")
def test_client_block() -> None:
    from fastapi.testclient import TestClient

    order_status = _run("client")["order_status"]
    with TestClient(_run("fastapi")["app"]) as test:
        found = order_status(test, "7")
    assert re.fullmatch(r"no order 7 \(request [0-9a-f]{32}\)", found), found
