"""Every ``pattern`` of the entry schema matches whole values, on both validation paths.

Python's ``$`` also matches before a trailing newline, and jsonschema applies patterns with
``re.search``: a pattern ending in ``$`` let ``"apiId\\n"`` through, and generating then failed.
The patterns are taken from the schema, so a pattern added later is covered without a new test.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from errorbook.check.schema import entry_schema, validate_document
from errorbook.check.strict_validator import strict_validator
from errorbook.read.yaml_source import locate, parse_document
from errorbook.speed.compiled_schema import compile_schema

#: In an instance path: the value is a key of the mapping, not one of its values.
KEY = "<key>"
#: In an instance path: any value of the mapping (``additionalProperties``).
ANY = "<any>"

#: An entry with every optional part, so that every pattern has a value to spoil.
FULL_ENTRY: dict[str, Any] = {
    "title": "Not Found",
    "status": 404,
    "detail": "The API {apiId} does not exist.",
    "description": "The request named an API that does not exist.",
    "causes": ["The id was mistyped."],
    "fixes": [{"title": "Check the id", "text": "Copy it from the dashboard."}],
    "mistakes": ["Using the key id."],
    "fields": {
        "apiId": {"type": "string", "description": "The id.", "example": "api_1"},
        "errors": {
            "type": "array",
            "description": "Each problem.",
            "example": [{"location": "body.apiId"}],
            "items": {
                "type": "object",
                "properties": {"location": {"type": "string", "description": "Where."}},
            },
        },
        "limits": {
            "type": "object",
            "description": "The limits.",
            "example": {"perMinute": 10},
            "properties": {"perMinute": {"type": "integer", "description": "Per minute."}},
        },
    },
    "headers": {"Retry-After": {"description": "Seconds to wait.", "value": "30"}},
    "examples": [{"title": "Failing", "kind": "request", "lang": "bash", "code": "curl x"}],
    "related": ["shop/other"],
    "since": "2.0",
    "deprecated": {"since": "2.1", "reason": "Replaced.", "replaced_by": "shop/newer"},
    "aliases": ["https://errors.example.com/old/api_not_found"],
    "type": "https://errors.example.com/shop/api_not_found",
    "tags": ["data"],
}


def _resolve(schema: dict[str, Any], pointer: str) -> Any:
    node: Any = schema
    for part in pointer.removeprefix("#/").split("/"):
        node = node[part]
    return node


def schema_patterns(
    schema: dict[str, Any],
    node: Any = None,
    path: tuple[Any, ...] = (),
    followed: frozenset[str] = frozenset(),
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every pattern of ``schema`` with the instance path it applies to (``KEY``: a key).

    A ``$ref`` is followed once per path, so recursive definitions (a field's ``items``
    and ``properties``) are walked to their first repetition.
    """
    node = schema if node is None else node
    if not isinstance(node, dict):
        return

    def walk(sub: Any, at: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
        return schema_patterns(schema, sub, at, followed)

    ref = node.get("$ref")
    if ref is not None and ref not in followed:
        yield from schema_patterns(schema, _resolve(schema, ref), path, followed | {ref})
    if isinstance(node.get("pattern"), str):
        yield path, node["pattern"]
    for name, sub in node.get("properties", {}).items():
        yield from walk(sub, (*path, name))
    if isinstance(node.get("additionalProperties"), dict):
        yield from walk(node["additionalProperties"], (*path, ANY))
    if "propertyNames" in node:
        yield from walk(node["propertyNames"], (*path, KEY))
    if "items" in node:
        yield from walk(node["items"], (*path, 0))
    for branch in node.get("oneOf", []) + node.get("anyOf", []):
        yield from walk(branch, path)


PATTERNS = sorted(set(schema_patterns(entry_schema())), key=repr)
VALIDATOR = strict_validator(entry_schema())
CHECK = compile_schema(entry_schema())


def _id(item: tuple[tuple[Any, ...], str]) -> str:
    return "/".join(map(str, item[0]))


def test_the_schema_has_patterns_to_test() -> None:
    # The walk must reach keys (propertyNames), $ref'd definitions and list items.
    paths = {path for path, _ in PATTERNS}
    assert {("title",), ("fields", KEY), ("aliases", 0), ("examples", 0, "lang")} <= paths


@pytest.mark.parametrize("pattern", sorted({p for _, p in PATTERNS}))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_trailing_newline_never_matches(pattern: str, data: st.DataObject) -> None:
    value = data.draw(st.from_regex(pattern))
    alone = {"type": "string", "pattern": pattern}
    check = compile_schema(alone)
    assert check is not None
    validator = strict_validator(alone)
    for spoiled in (value + "\n", value + "\r\n", "\n" + value):
        assert re.search(pattern, spoiled) is None
        # The compiled fast path and jsonschema give one verdict.
        assert not check(spoiled)
        assert not validator.is_valid(spoiled)
    assert check(value)
    assert validator.is_valid(value)


def _spoil(entry: dict[str, Any], path: tuple[Any, ...]) -> tuple[dict[str, Any], list[Any], str]:
    """The entry with a newline appended to the value (or key) at ``path``, that value's data
    path, and the value itself."""
    spoiled = copy.deepcopy(entry)
    parent: Any = spoiled
    where: list[Any] = []
    for index, item in enumerate(path[:-1]):
        if item == ANY:  # the first member that has what the path goes on to
            following = path[index + 1]
            item = next(
                key for key in parent if following in (ANY, KEY) or following in parent[key]
            )
        where.append(item)
        parent = parent[item]
    if path[-1] == KEY:
        name = next(iter(parent))
        parent[name + "\n"] = parent.pop(name)
        return spoiled, [*where, name + "\n"], name + "\n"
    parent[path[-1]] += "\n"
    return spoiled, [*where, path[-1]], parent[path[-1]]


@pytest.mark.parametrize("item", PATTERNS, ids=_id)
def test_every_patterned_value_with_a_newline_is_reported_where_it_is(
    item: tuple[tuple[Any, ...], str],
) -> None:
    path, _ = item
    assert CHECK is not None and CHECK(FULL_ENTRY), "FULL_ENTRY must be valid"
    entry, where, value = _spoil(FULL_ENTRY, path)
    assert not CHECK(entry)
    document, problems = parse_document(Path("e.yaml"), yaml.safe_dump(entry).encode())
    assert document is not None and not problems
    found = validate_document(document)
    assert [d.code for d in found] == ["E013"], found
    # The value is shown escaped, so the message stays on one line, at the value (or key).
    assert repr(value) in found[0].message
    located = locate(document, where, key=path[-1] == KEY)
    assert (found[0].line, found[0].column) == (located.line, located.column)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node for ECMA-262 regexes")
def test_editors_read_every_pattern_as_errorbook_does() -> None:
    """Editors apply the schema with ECMA-262 regexes (with the u flag): same verdicts."""
    patterns = sorted({p for _, p in PATTERNS})
    probes = [
        *("abc", "abc\n", "abc\r\n", "\nabc", "a b", "x/y", "Retry-After", "\u00a0", "a\u0085"),
        *("x\x1c", "\ufeff", "Ti\u2028tle", "https://e.com/x", "HTTPS://E.com/caf%C3%A9"),
        *("https://e.com/café", "https://e.com/%zz", "https://e.com/a\ufeffb", "https://e.com/a b"),
    ]
    script = (
        f"const patterns = {json.dumps(patterns)}, probes = {json.dumps(probes)};"
        "console.log(JSON.stringify(patterns.map("
        "p => probes.map(s => new RegExp(p, 'u').test(s)))));"
    )
    node = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    ecma = json.loads(node.stdout)
    python = [[re.search(p, s) is not None for s in probes] for p in patterns]
    assert python == ecma
