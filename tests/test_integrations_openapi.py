"""The adapters' OpenAPI: the app's document holds the export's components, and routes declared
with ``responses(...)`` reference them; the document validates."""

from __future__ import annotations

import json
from typing import Any

import pytest
from openapi_spec_validator import validate

from conftest import run_cli
from integrations_support import Variant, client

PATHS = {"fastapi": "/openapi.json", "litestar": "/schema/openapi.json"}


def _document(framework: str, variant: Variant) -> dict[str, Any]:
    app = client(framework, variant)
    response = app.test.get(PATHS[framework])  # type: ignore[attr-defined]
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _exported(variant: Variant) -> dict[str, Any]:
    result = run_cli(["export", "openapi"], variant.folder)
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.fixture(params=sorted(PATHS))
def framework(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=["wrapped", "flat"])
def variant(request: pytest.FixtureRequest, acme: dict[str, Variant]) -> Variant:
    return acme[str(request.param)]


def test_the_app_document_holds_the_exported_components(framework: str, variant: Variant) -> None:
    document = _document(framework, variant)
    validate(document)
    exported = _exported(variant)["components"]
    for kind in ("schemas", "responses"):
        for name, item in exported[kind].items():
            assert document["components"][kind][name] == item, name


def test_a_route_refers_to_its_problem_types(framework: str, variant: Variant) -> None:
    document = _document(framework, variant)
    response = document["paths"]["/orders/{order_id}"]["get"]["responses"]["404"]
    media = "application/json" if variant.wrapped else "application/problem+json"
    content = response["content"][media]
    union = content["schema"]["properties"]["error"] if variant.wrapped else content["schema"]
    ref = "#/components/schemas/orders.order_not_found"
    assert union["oneOf"] == [{"$ref": ref}]
    assert union["discriminator"] == {
        "propertyName": "type",
        "mapping": {"https://acme.example.com/errors/orders/order_not_found": ref},
    }
    orders = variant.module("orders")
    (example,) = content["examples"].values()
    expected = orders.OrderNotFound(order_id="ord_123").body(request_id=_request_id(example))
    assert example == {"summary": "orders/order_not_found", "value": expected}
    assert "https://acme.example.com/errors/orders/order_not_found" in response["description"]
    assert "Not Found" in response["description"]


def _request_id(example: dict[str, Any]) -> str | None:
    value = example["value"]
    return value["meta"]["requestId"] if "meta" in value else None


def test_responses_groups_classes_by_status_and_lists_their_headers(
    acme: dict[str, Variant],
) -> None:
    variant = acme["wrapped"]
    adapter = variant.module("integrations.fastapi")
    orders, limits, request = (variant.module(m) for m in ("orders", "limits", "request"))
    found = adapter.responses(orders.OrderNotFound, request.RouteNotFound, limits.RateLimited)
    assert sorted(found) == [404, 429]
    union = found[404]["content"]["application/json"]["schema"]["properties"]["error"]
    assert len(union["oneOf"]) == 2
    assert found[404]["description"].startswith("One of 2 problem types")
    assert found[429]["headers"]["Retry-After"]["required"] is True
    with pytest.raises(TypeError, match="problem classes of the catalog"):
        adapter.responses(ValueError)


def test_fastapi_documents_the_validation_problem_instead_of_its_422(
    acme: dict[str, Variant],
) -> None:
    responses = _document("fastapi", acme["wrapped"])["paths"]["/orders"]["post"]["responses"]
    assert "422" not in responses
    schema = responses["400"]["content"]["application/json"]["schema"]["properties"]["error"]
    assert schema["oneOf"] == [{"$ref": "#/components/schemas/request.invalid_body"}]
    # Without a validation entry, FastAPI's own 422 stays documented.
    assert "422" in _document("fastapi", acme["flat"])["paths"]["/orders"]["post"]["responses"]
