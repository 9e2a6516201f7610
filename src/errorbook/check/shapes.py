"""Rules for what a field holds: ``items`` and ``properties``, and examples of nested types.

A field's ``items`` (for an array) and ``properties`` (for an object) nest to any depth; the
field's one ``example`` must then match all of it, so the example response the docs show, the
JSON Schemas and the Python types agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from errorbook.check.reporter import Reporter
from errorbook.model import Field, Shape
from errorbook.read.yaml_source import PathItem
from errorbook.speed.compiled_schema import JSON_TYPES

#: A mismatch in an example: where below the example, and what is wrong there.
Mismatch = tuple[list[PathItem], str]


def check_shape(report: Reporter, field: Field) -> None:
    """E013 for ``items`` or ``properties`` on a type that has none; E022 for an example
    that does not match the field's type, items and properties."""
    path: list[PathItem] = ["fields", field.name]
    for where, message in _misplaced(field.shape, path):
        report(where, "E013", message, "remove it, or change the type", key=True)
    mismatch = next(_mismatches(field.shape, field.example, []), None)
    if mismatch is None:
        return
    below, problem = mismatch
    at = f" at {_shown(below)}" if below else ""
    message = f"example of '{field.name}'{at} {problem}"
    hint = (
        "quote dates and times, and use finite numbers (no .nan or .inf)"
        if "JSON" in problem
        else "make the example match the type"
    )
    report([*path, "example", *below], "E022", message, hint)


def _misplaced(shape: Shape, path: list[PathItem]) -> Iterator[tuple[list[PathItem], str]]:
    if shape.items is not None:
        if shape.type != "array":
            yield [*path, "items"], f"'items' is for type array, not {shape.type}"
        yield from _misplaced(shape.items, [*path, "items"])
    if shape.properties and shape.type != "object":
        yield [*path, "properties"], f"'properties' is for type object, not {shape.type}"
    for member in shape.properties:
        yield from _misplaced(member.shape, [*path, "properties", member.name])


def _mismatches(shape: Shape, value: object, below: list[PathItem]) -> Iterator[Mismatch]:
    """Every place where ``value`` does not match ``shape``, outermost first."""
    accepted = JSON_TYPES[shape.type]
    if (isinstance(value, bool) and shape.type != "boolean") or not isinstance(value, accepted):
        yield below, f"is not of its declared type {shape.type}"
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            if shape.items is not None:
                yield from _mismatches(shape.items, item, [*below, index])
            elif not _is_json(item):
                yield [*below, index], "holds a value JSON cannot carry"
    elif isinstance(value, dict):
        yield from _members(shape, value, below)
    elif not _is_json(value):
        yield below, "holds a value JSON cannot carry"


def _members(
    shape: Shape, value: dict[object, object], below: list[PathItem]
) -> Iterator[Mismatch]:
    declared = {member.name: member for member in shape.properties}
    for member in shape.properties:
        if member.required and member.name not in value:
            yield below, f"lacks the required member {member.name}"
    for key, item in value.items():
        if not isinstance(key, str):
            yield below, "holds a value JSON cannot carry (a member name that is not a string)"
        elif key in declared:
            yield from _mismatches(declared[key].shape, item, [*below, key])
        elif not _is_json(item):
            yield [*below, key], "holds a value JSON cannot carry"


def _is_json(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_is_json(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_json(v) for k, v in value.items())
    return value is None or isinstance(value, str | int | bool)


def _shown(path: list[PathItem]) -> str:
    return "".join(f"[{item}]" if isinstance(item, int) else f".{item}" for item in path)
