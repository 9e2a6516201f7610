"""The valid parts of an entry that fails the schema, so its other rules still run.

The format promises every problem in one run, but the rules read a built entry, and an entry is
built only from valid data. `salvage` repairs a copy of the data: each jsonschema error names
an instance path, and the smallest part around it that the rules read on its own (a top-level
key, one field or header, one list item) is removed, or replaced by a neutral stub where the
schema requires it. The data is validated again until it passes. Each repaired part is a
*broken unit*; a rule that reads a broken unit is skipped (see `intact`), so a stub never
produces a finding, and a field whose ``example`` is missing still has its name checked.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from errorbook.check.schema import entry_validator
from errorbook.read.yaml_source import PathItem

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

#: A part of an entry the rules read on its own: ``("status",)``, ``("fields", "apiId")``.
Unit = tuple[PathItem, ...]

#: Neutral values for the required keys, of the right type; never reported on (see `intact`).
_REQUIRED: dict[str, Any] = {
    "title": "-",
    "status": 500,
    "detail": "-",
    "description": "-",
    "causes": ["-"],
    "fixes": ["-"],
}
#: Neutral values for one item of each list or mapping whose items are units.
_ITEMS: dict[str, Callable[[], Any]] = {
    "fields": lambda: {"type": "string", "description": "-", "example": "-"},
    "headers": lambda: {"description": "-"},
    "examples": lambda: {"kind": "response", "lang": "text", "code": "-"},
    "causes": lambda: "-",
    "fixes": lambda: "-",
    "mistakes": lambda: "-",
    "tags": lambda: "-",
    "related": lambda: "broken/item",
    "aliases": lambda: "https://errorbook.invalid/broken",
}
_ROUNDS = 4


@dataclass(frozen=True)
class Salvage:
    """Schema-valid data made from an invalid entry, and the units repaired to make it."""

    data: dict[str, Any]
    broken: frozenset[Unit]


def salvage(data: dict[str, Any]) -> Salvage | None:
    """The valid parts of ``data``, or None when no repair makes it valid.

    Args:
        data: An entry's data as read (left unchanged).
    """
    validator = entry_validator()
    repaired = copy.deepcopy(data)
    broken: set[Unit] = set()
    for _ in range(_ROUNDS):
        errors = list(validator.iter_errors(repaired))
        if not errors:
            return Salvage(repaired, frozenset(broken))
        # A unit to delete (a bad name) is deleted, even when another error asks for a stub.
        repairs: dict[Unit, bool] = {}
        for error in errors:
            for unit, delete in _repairs(error):
                repairs[unit] = repairs.get(unit, False) or delete
        if not repairs:
            return None  # nothing to repair at the root, e.g. a file that is not a mapping
        # Outer units first: a unit inside one repaired already is gone with it.
        for unit in sorted(repairs, key=len):
            if not any(unit[: len(done)] == done for done in broken):
                _repair(repaired, unit, delete=repairs[unit])
                broken.add(unit)
    return None


def intact(broken: frozenset[Unit], *path: PathItem) -> bool:
    """True when nothing at ``path``, above it or below it was repaired."""
    return not any(unit[: len(path)] == path or path[: len(unit)] == unit for unit in broken)


def _repairs(error: ValidationError) -> Iterator[tuple[Unit, bool]]:
    """The units to repair for one error, each with whether to delete it (or stub it)."""
    path = tuple(error.absolute_path)
    if "propertyNames" in error.relative_schema_path:
        yield (*path[:1], str(error.instance)), True  # a name no stub can mend
    elif path:
        yield (path[:2] if path[0] in _ITEMS and len(path) > 1 else path[:1]), False
    elif error.validator == "required" and isinstance(error.instance, dict):
        required: list[str] = (
            list(error.schema.get("required", ())) if isinstance(error.schema, dict) else []
        )
        yield from (((key,), False) for key in required if key not in error.instance)
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        yield from (((key,), True) for key in error.instance if key not in known)


def _repair(data: dict[str, Any], unit: Unit, *, delete: bool) -> None:
    key = unit[0]
    if len(unit) == 1:
        if key in _REQUIRED and not delete:
            data[key] = copy.deepcopy(_REQUIRED[str(key)])
        else:
            data.pop(str(key), None)
        return
    container = data.get(str(key))
    item = unit[1]
    if isinstance(container, dict) and item in container:
        if delete:
            del container[item]
        else:
            container[item] = _ITEMS[str(key)]()
    elif isinstance(container, list) and isinstance(item, int) and item < len(container):
        container[item] = _ITEMS[str(key)]()
