"""Array and object fields that say what they hold: schemas, diff, catalog.json and docs."""

from __future__ import annotations

from dataclasses import replace

import jsonschema

from conftest import Project
from errorbook.diff.entries import compare_entries
from errorbook.model import ErrorDef, Field, Property, Shape
from errorbook.model.body_schema import member_schema, problem_object

ITEM = Shape(
    "object",
    "",
    None,
    (
        Property("location", Shape("string", "Where.")),
        Property("fix", Shape("string", "How."), required=False),
    ),
)
ERRORS = Field("errors", "array", "Each problem.", [{"location": "body.a"}], True, ITEM)


def _entry(*fields: Field) -> ErrorDef:
    return ErrorDef(
        "shop/invalid", "https://e.example/shop/invalid", 400, "Bad Request", "Bad.", "D", "S",
        ("c",), (), "catalog/shop/invalid.yaml", fields=fields,
    )  # fmt: skip


def test_member_schema_types_items_and_properties() -> None:
    schema = member_schema(ERRORS)
    assert schema["items"] == {
        "type": "object",
        "required": ["location"],
        "properties": {
            "location": {"description": "Where.", "type": "string"},
            "fix": {"description": "How.", "type": "string"},
        },
    }
    assert schema["examples"] == [[{"location": "body.a"}]]


def test_the_problem_schema_refuses_an_item_of_the_wrong_shape() -> None:
    schema = problem_object(_entry(ERRORS))
    body = {"type": "https://e.example/shop/invalid", "title": "T", "status": 400, "detail": "d"}
    jsonschema.validate({**body, "errors": [{"location": "x", "extra": 1}]}, schema)
    for wrong in ([{"fix": "no location"}], [{"location": 5}], ["text"]):
        try:
            jsonschema.validate({**body, "errors": wrong}, schema)
        except jsonschema.ValidationError:
            continue
        raise AssertionError(f"{wrong} was accepted")


def _changes(old: Field, new: Field) -> list[tuple[str, str]]:
    return [(c.kind, c.message) for c in compare_entries(_entry(old), _entry(new))]


def test_a_nested_member_change_is_classified_like_a_field() -> None:
    changed = Shape(
        "object",
        "",
        None,
        (
            Property("location", Shape("integer", "Where.")),
            Property("message", Shape("string", "What.")),
        ),
    )
    assert _changes(ERRORS, replace(ERRORS, items=changed)) == [
        ("field-removed", "field errors[].fix removed"),
        ("field-type-changed", "field errors[].location changed type from string to integer"),
        ("field-added-required", "new required field errors[].message (string)"),
    ]
    optional = replace(
        ITEM, properties=(*ITEM.properties, Property("hint", Shape("string"), False))
    )
    assert _changes(ERRORS, replace(ERRORS, items=optional)) == [
        ("field-added", "new optional field errors[].hint (string)")
    ]


def test_declaring_what_an_open_array_holds_is_documentation() -> None:
    open_array = replace(ERRORS, items=None)
    assert _changes(open_array, ERRORS) == [("field-doc-changed", "field errors: items declared")]
    assert _changes(ERRORS, open_array) == [
        ("field-doc-changed", "field errors: items no longer declared")
    ]


def test_the_bundled_validation_errors_are_typed(repository: Project) -> None:
    entry = repository.catalog.get("unkey/application/invalid_input")
    assert entry is not None
    (errors,) = entry.fields
    assert errors.items is not None
    assert [p.name for p in errors.items.properties] == ["location", "message", "fix"]
    assert [p.required for p in errors.items.properties] == [True, True, False]
