"""The compiled schema check: sound (it never vouches for data jsonschema rejects) and useful."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_catalog
from errorbook.check.schema import entry_schema
from errorbook.check.strict_validator import strict_validator
from errorbook.read.yaml_source import parse_document, read_document
from errorbook.speed.compiled_schema import compile_schema

ROOT = Path(__file__).parent.parent
CHECK = compile_schema(entry_schema())
VALIDATOR = strict_validator(entry_schema())


def _real_entries() -> list[dict[str, Any]]:
    documents = [read_document(path)[0] for path in sorted((ROOT / "catalog").rglob("*.yaml"))]
    return [document.data for document in documents if document is not None]


def _synthetic_entries() -> list[dict[str, Any]]:
    files = synthetic_catalog(40, seed=11)
    parsed = [parse_document(Path(name), text.encode()) for name, text in files.items()]
    return [document.data for document, _ in parsed if document is not None]


ENTRIES = _real_entries() + _synthetic_entries()


def test_the_entry_schema_compiles() -> None:
    assert CHECK is not None


@pytest.mark.parametrize("index", range(len(ENTRIES)))
def test_vouches_for_every_valid_entry(index: int) -> None:
    assert CHECK is not None
    assert CHECK(ENTRIES[index])


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-1, max_value=700),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2030, 1, 1)),
    st.text(max_size=6),
    st.sampled_from(
        [
            *("", " ", "a\nb", "line\n", "x", "TODO", "request", "fix", "bash", "json!"),
            *("string", "unkey/data/x", "Unkey/x", "nofolder", "https://e.com/x", "ftp://e.com"),
            *(400, 599, 600, 399, 404.0, 1.5, True, 0),
        ]
    ),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["title", "text", "type", "x", "a b", ""]), children)
    ),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _mutate(data: Any, draw: st.DrawFn) -> Any:
    data = copy.deepcopy(data)
    path = draw(st.sampled_from(_paths(data)))
    if not path:
        return draw(_VALUES) if draw(st.booleans()) else data
    parent = data
    for item in path[:-1]:
        parent = parent[item]
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "replace":
        parent[path[-1]] = draw(_VALUES)
    elif action == "delete":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(st.sampled_from([*parent, "since", "extra", "kind", "Bad Name"]))] = draw(
            _VALUES
        )
    else:
        parent.append(draw(_VALUES))
    return data


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_never_vouches_for_what_jsonschema_rejects(data: st.DataObject) -> None:
    assert CHECK is not None
    entry = data.draw(st.sampled_from(ENTRIES))
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        entry = _mutate(entry, data.draw)
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
