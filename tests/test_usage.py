"""The "Use it in Python" snippets run against the generated package exactly as printed."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conftest import Project, repository_project
from errorbook.docs.usage import python_literal, python_usage
from errorbook.model import Catalog
from errorbook.python.examples import example_responses
from errorbook.python.export import export_package

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "unkey_errors"


@pytest.fixture(scope="module")
def catalog(repository: Project) -> Catalog:
    return repository.catalog


@pytest.fixture(scope="module")
def package(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The generated package, written to a folder of its own and importable by its name."""
    folder = tmp_path_factory.mktemp("package")
    for relative, text in export_package(catalog, PACKAGE).items():
        path = folder / PACKAGE / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


@pytest.mark.usefixtures("package")
def test_every_snippet_raises_the_documented_error(catalog: Catalog) -> None:
    examples = example_responses(catalog, repository_project().config)
    for entry in catalog.entries:
        usage = python_usage(entry, PACKAGE)
        with pytest.raises(Exception) as raised:
            exec(usage.raise_code, {})
        error: Any = raised.value
        assert type(error).__name__ == usage.class_name
        request_id = examples[entry.code].body["meta"]["requestId"]
        assert error.body(request_id=request_id) == examples[entry.code].body, entry.code

        response = SimpleNamespace(content=json.dumps(examples[entry.code].body).encode())
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(usage.parse_code, {"response": response})
        assert printed.getvalue(), f"{entry.code}: parse did not recognise its own body"


@pytest.mark.parametrize(
    "value",
    [
        'it\'s "quoted"',
        [1, 2.5, True, None],
        {"nested": [{"deep": "x" * 120}], "flag": False},
    ],
)
def test_literals_are_python_that_evaluates_to_the_value(value: object) -> None:
    assert eval(python_literal(value, 1)) == value
