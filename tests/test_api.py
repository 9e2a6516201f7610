"""The public API: everything in __all__ exists, is documented, and is exported exactly once."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import errorbook


def test_all_names_exist_once_and_are_sorted() -> None:
    assert len(set(errorbook.__all__)) == len(errorbook.__all__)
    assert errorbook.__all__ == sorted(errorbook.__all__)
    for name in errorbook.__all__:
        assert hasattr(errorbook, name), name


def test_every_public_name_is_documented() -> None:
    undocumented = [
        name for name in errorbook.__all__ if not inspect.getdoc(getattr(errorbook, name))
    ]
    assert undocumented == []


def test_every_public_name_appears_in_the_tour() -> None:
    tour = errorbook.__doc__ or ""
    missing = [name for name in errorbook.__all__ if f"`{name}`" not in tour]
    assert missing == []


def test_errors_share_one_root() -> None:
    for name in ("ConfigError", "OutputError", "UsageError"):
        assert issubclass(getattr(errorbook, name), errorbook.CatalogError)


def test_the_command_line_uses_only_the_public_api() -> None:
    # A verb that reaches into a stage module makes that module's names part of the API in all
    # but name: the CLI is a shell over what every library user may call.
    cli = Path(errorbook.__file__).parent / "cli"
    inside = [
        f"{path.name}:{node.lineno}: {node.module}"
        for path in sorted(cli.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        and node.level == 0
        and (node.module or "").startswith("errorbook.")
        and not (node.module or "").startswith("errorbook.cli")
    ]
    assert inside == []
