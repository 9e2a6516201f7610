"""Every example response (what the generated package sends, and what the site and the OpenAPI
export show) validates against its type's schema, the combined schema and its OpenAPI response.
"""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from errorbook.machine.catalog_json import MEDIA_TYPES
from errorbook.machine.openapi import openapi_document, response_name
from errorbook.machine.schemas import combined_schema, problem_schema
from errorbook.model import Catalog
from errorbook.python.examples import ExampleResponse, example_responses
from errorbook.read.config import Config
from machine import SHOP, load_project, messages, validator

PROJECTS = {
    "repository": None,
    "shop": SHOP / "errorbook.toml",
}


@pytest.fixture(scope="module", params=sorted(PROJECTS), ids=str)
def project(request: pytest.FixtureRequest) -> tuple[Catalog, Config, dict[str, ExampleResponse]]:
    config_file = PROJECTS[request.param]
    if config_file is None:
        catalog, config, _ = request.getfixturevalue("repository")
    else:
        catalog, config = load_project(config_file)
    return catalog, config, example_responses(catalog, config)


Project = tuple[Catalog, Config, dict[str, ExampleResponse]]


def _problem(catalog: Catalog, body: dict[str, Any]) -> dict[str, Any]:
    return body["error"] if catalog.envelope == "wrapped" else body


def test_every_example_matches_its_type_schema_and_status(project: Project) -> None:
    catalog, _, responses = project
    assert list(responses) == [entry.code for entry in catalog.entries]
    for entry in catalog.entries:
        response = responses[entry.code]
        assert response.status == entry.status, entry.code
        assert response.headers["Content-Type"] == MEDIA_TYPES[catalog.envelope]
        for header in entry.headers:
            if header.value is not None:
                assert header.name in response.headers, (entry.code, header.name)
        check = validator(problem_schema(catalog, entry))
        assert messages(check, _problem(catalog, response.body)) == [], entry.code


def test_every_example_body_matches_the_combined_schema(project: Project) -> None:
    catalog, _, responses = project
    check = validator(combined_schema(catalog, "catalog/"))
    for code, response in responses.items():
        assert messages(check, response.body) == [], code


def test_every_example_in_the_openapi_export_matches_its_response(project: Project) -> None:
    catalog, _, responses = project
    bodies = {code: response.body for code, response in responses.items()}
    document = openapi_document(catalog, "catalog/", examples=bodies)
    registry = Registry().with_resource("urn:doc", Resource(document, DRAFT202012))
    shown: list[str] = []
    for name, response in document["components"]["responses"].items():
        ((media_type, media),) = response["content"].items()
        assert media_type == MEDIA_TYPES[catalog.envelope]
        pointer = f"urn:doc#/components/responses/{name}/content/{media_type.replace('/', '~1')}"
        check = Draft202012Validator(
            {"$ref": pointer + "/schema"}, registry=registry, format_checker=FormatChecker()
        )
        for example in media["examples"].values():
            assert list(check.iter_errors(example["value"])) == [], example["summary"]
            assert name == response_name(_problem(catalog, example["value"])["status"])
            shown.append(example["summary"])
    assert sorted(shown) == sorted(responses)
