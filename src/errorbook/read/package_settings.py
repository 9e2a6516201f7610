"""The settings of the generated package beyond its folder: adapters, their error map, wheel.

``integrations`` names the web frameworks to write adapters for; ``problems`` maps the
frameworks' own errors (``validation``, or an HTTP status such as ``"404"``) to catalog codes;
``python-distribution`` makes the package a distribution of its own. The codes are checked
against the catalog later (E037), where the catalog is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from errorbook.core.errors import ConfigError

#: The frameworks errorbook writes adapters for; ``fastapi`` covers Starlette.
FRAMEWORKS = ("fastapi", "flask", "django", "litestar")
#: The key of ``problems`` for request validation errors; the others are HTTP statuses.
VALIDATION = "validation"
_STATUS = re.compile(r"[45][0-9][0-9]")
# PEP 508 names, and PEP 440 versions in their usual (public, normalised) spelling.
_NAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?")
_VERSION = re.compile(
    r"(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*((a|b|rc)(0|[1-9][0-9]*))?"
    r"(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?"
)


@dataclass(frozen=True, slots=True)
class Distribution:
    """The generated package as a distribution: its name on an index and its version."""

    name: str
    version: str


def parse_integrations(table: dict[str, Any], where: str) -> tuple[str, ...]:
    """The frameworks of ``integrations``, in the order given."""
    value = table.get("integrations", [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: integrations must be a list of framework names, got {value!r}")
    for name in value:
        if name not in FRAMEWORKS:
            hint = " (the fastapi adapter covers Starlette)" if name == "starlette" else ""
            raise ConfigError(
                f"{where}: integrations lists {name!r}; errorbook writes adapters for "
                f"{', '.join(FRAMEWORKS)}{hint}"
            )
    if len(set(value)) != len(value):
        raise ConfigError(f"{where}: integrations lists a framework twice: {value!r}")
    return tuple(value)


def parse_problems(table: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    """The ``problems`` table: ``(key, code)`` pairs in the order given."""
    value = table.get("problems", {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: problems must be a table of codes, got {value!r}")
    pairs = []
    for key, code in value.items():
        if key != VALIDATION and not _STATUS.fullmatch(key):
            raise ConfigError(
                f"{where}: problems has the key {key!r}; the keys are 'validation' (request "
                'validation errors) and HTTP statuses such as "404" (the framework\'s own '
                'errors of that status; "500" also stands for unhandled exceptions)'
            )
        if not isinstance(code, str) or not code:
            raise ConfigError(f"{where}: problems.{key} must be a catalog code, got {code!r}")
        pairs.append((key, code))
    return tuple(pairs)


def parse_distribution(table: dict[str, Any], where: str) -> Distribution | None:
    """``python-distribution = {name = "acme-errors", version = "1.4.0"}``, or None."""
    value = table.get("python-distribution")
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"name", "version"}:
        raise ConfigError(
            f"{where}: python-distribution must be a table with exactly name and version, "
            f'e.g. {{name = "acme-errors", version = "1.4.0"}}, got {value!r}'
        )
    name, version = value["name"], value["version"]
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ConfigError(
            f"{where}: python-distribution.name must be a distribution name (letters, digits, "
            f"and . _ - inside), got {name!r}"
        )
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        raise ConfigError(
            f"{where}: python-distribution.version must be a version such as 1.4.0 or 2.0rc1 "
            f"(PEP 440), got {version!r}"
        )
    return Distribution(name, version)
