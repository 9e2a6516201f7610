"""Helpers shared by the tests of the generated package: catalogs, packages and values."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import strategies as st

from errorbook.check.load import load_catalog
from errorbook.model import Catalog, Field
from errorbook.read.config import load_config

ROOT = Path(__file__).parent.parent
#: The line lengths generated code must be formatted for: black's and ruff's default, and
#: this project's (a foreign project runs its own formatter over the generated package).
FORMAT_WIDTHS = (88, 100)
GOLDEN = ROOT / "tests" / "cases" / "shop"
GOLDEN_TREE = GOLDEN / "expected" / "tree"


def golden_catalog() -> Catalog:
    """The shop case's catalog: small, and adversarial to the generated code."""
    catalog = load_catalog(load_config(GOLDEN / "errorbook.toml")).catalog
    assert catalog is not None
    return catalog


@contextlib.contextmanager
def package_from(folder: Path, name: str, tmp_path: Path) -> Iterator[ModuleType]:
    """Import the package ``folder/name`` from a copy, the way an application would."""
    copy = tmp_path / "site"
    shutil.copytree(folder / name, copy / name)
    sys.path.insert(0, str(copy))
    try:
        yield __import__(name)
    finally:
        sys.path.remove(str(copy))
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]


JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3)
    ),
    max_leaves=6,
)
_BY_TYPE: dict[str, st.SearchStrategy[Any]] = {
    "string": st.text(),
    "integer": st.integers(),
    "number": st.floats(allow_nan=False, allow_infinity=False) | st.integers(),
    "boolean": st.booleans(),
    "array": st.lists(JSON_VALUES, max_size=3),
    "object": st.dictionaries(st.text(), JSON_VALUES, max_size=3),
}


def value_of(field: Field) -> st.SearchStrategy[Any]:
    """Any value the field accepts: one of its type, or None when it is optional."""
    values = _BY_TYPE[field.type]
    return values if field.required else st.none() | values


def formatter_changes(*paths: Path) -> list[str]:
    """What ``ruff format`` and ``black`` would change in ``paths`` at each of
    `FORMAT_WIDTHS`, with their other settings at the defaults: nothing, when the layout
    is stable."""
    changes = []
    for width in FORMAT_WIDTHS:
        for tool in (
            ["ruff", "format", "--isolated", "--check", "--diff"],
            ["black", "--check", "--diff", "--quiet"],
        ):
            command = [sys.executable, "-m", *tool, "--line-length", str(width)]
            result = subprocess.run(
                [*command, *map(str, paths)], capture_output=True, text=True, check=False
            )
            if result.returncode != 0:
                changes.append(f"{tool[0]} at {width}:\n{result.stdout}{result.stderr}")
    return changes


def ruff_check(*paths: Path) -> str | None:
    """The findings of ``ruff check`` with this project's settings, or None."""
    settings = str(ROOT / "pyproject.toml")
    command = [sys.executable, "-m", "ruff", "check", "--config", settings, *map(str, paths)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    return None if result.returncode == 0 else result.stdout + result.stderr
