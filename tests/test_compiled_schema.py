"""The compiled schema check: sound (it never vouches for data jsonschema rejects) and useful."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entry_mutations import ENTRIES, mutate
from errorbook.check.schema import entry_schema
from errorbook.check.strict_validator import strict_validator
from errorbook.speed.compiled_schema import compile_schema

CHECK = compile_schema(entry_schema())
VALIDATOR = strict_validator(entry_schema())


def test_the_entry_schema_compiles() -> None:
    assert CHECK is not None


@pytest.mark.parametrize("index", range(len(ENTRIES)))
def test_vouches_for_every_valid_entry(index: int) -> None:
    assert CHECK is not None
    assert CHECK(ENTRIES[index])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_never_vouches_for_what_jsonschema_rejects(data: st.DataObject) -> None:
    assert CHECK is not None
    entry = data.draw(st.sampled_from(ENTRIES))
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        entry = mutate(entry, data.draw)
    if CHECK(entry):
        assert not list(VALIDATOR.iter_errors(entry))


@pytest.mark.parametrize("status", [404.0, True, "404"])
def test_an_integer_is_a_python_int_on_both_paths(status: object) -> None:
    assert CHECK is not None
    entry = {**ENTRIES[0], "status": status}
    assert not CHECK(entry)
    assert [error.validator for error in VALIDATOR.iter_errors(entry)] == ["type"]


def test_unknown_keywords_leave_the_work_to_jsonschema() -> None:
    assert compile_schema({"type": "object", "dependentRequired": {"a": ["b"]}}) is None
    assert compile_schema({"$ref": "https://elsewhere.example/schema.json"}) is None


def test_recursive_references_compile() -> None:
    schema = {
        "$defs": {"tree": {"type": "array", "items": {"$ref": "#/$defs/tree"}}},
        "$ref": "#/$defs/tree",
    }
    check = compile_schema(schema)
    assert check is not None
    assert check([[], [[]]])
    assert not check([[], [1]])


def test_one_of_needs_exactly_one_branch() -> None:
    check = compile_schema({"oneOf": [{"type": "string"}, {"minLength": 2}]})
    assert check is not None
    assert not check("abc")  # both branches may match: jsonschema decides
    assert check(1.5)  # the string branch fails for certain, minLength ignores numbers
