"""Helpers for the machine-readable-output tests: load a project's catalog, build validators."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from errorbook.check.load import load_catalog
from errorbook.model import Catalog
from errorbook.read.config import Config, load_config

TESTS = Path(__file__).parent
SHOP = TESTS / "cases" / "shop"


def load_project(config_file: Path) -> tuple[Catalog, Config]:
    """The catalog and configuration of a project; fails the test when the catalog has errors."""
    config = load_config(config_file)
    result = load_catalog(config)
    assert result.catalog is not None, [d.message for d in result.diagnostics]
    return result.catalog, config


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A 2020-12 validator that also checks formats (uri-reference needs rfc3986-validator)."""
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def messages(validator: Draft202012Validator, instance: object) -> list[str]:
    """Every validation error as ``path: message``, sorted."""
    return sorted(
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(instance)
    )
