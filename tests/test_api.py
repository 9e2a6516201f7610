"""The public API: everything in __all__ exists, is documented, and is exported exactly once."""

from __future__ import annotations

import inspect

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
