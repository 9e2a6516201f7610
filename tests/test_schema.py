"""The shipped JSON Schema: valid 2020-12, documented for editors, and satisfied by real entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from errorbook.check.schema import entry_schema

ROOT = Path(__file__).parent.parent
POSITIVE = sorted((ROOT / "catalog").rglob("*.yaml")) + sorted(
    (ROOT / "tests" / "cases" / "valid-minimal" / "catalog").rglob("*.yaml")
)


def test_schema_is_a_valid_2020_12_schema() -> None:
    schema = entry_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def _properties(node: Any, where: str = "$") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        # A schema's "properties" maps names to schemas: a property may itself be named
        # "properties" (a field's nested members), so that mapping is never read as a schema.
        for name, sub in node.get("properties", {}).items():
            found.append((f"{where}.{name}", sub))
            found += _properties(sub, f"{where}.{name}")
        for key, sub in node.items():
            if key != "properties":
                found += _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            found += _properties(sub, f"{where}[{index}]")
    return found


def test_every_property_has_a_description_for_editors() -> None:
    undocumented = [
        where for where, sub in _properties(entry_schema()) if not sub.get("description")
    ]
    assert undocumented == []


def test_required_keys_are_documented_properties() -> None:
    schema = entry_schema()
    assert set(schema["required"]) <= set(schema["properties"])


@pytest.mark.parametrize("path", POSITIVE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_positive_entry_satisfies_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [error.message for error in Draft202012Validator(entry_schema()).iter_errors(data)]
    assert errors == []


def test_the_repository_catalog_is_all_here() -> None:
    assert len(list((ROOT / "catalog").rglob("*.yaml"))) >= 1
