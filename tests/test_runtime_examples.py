"""example_responses: every entry's response, produced by the generated package itself."""

from __future__ import annotations

import sys
from pathlib import Path
from types import CodeType
from typing import Any

import pytest

from conftest import Project
from errorbook.model import Catalog
from errorbook.python.examples import ExampleResponse, example_responses, request_id
from errorbook.read.config import Config
from errorbook.speed import bytecode
from errorbook.speed.bytecode import cache_dir


@pytest.fixture(scope="module")
def project(repository: Project) -> tuple[Catalog, Config]:
    return repository.catalog, repository.config


@pytest.fixture(autouse=True)
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty cache for each test, so the cache test sees its own entries."""
    monkeypatch.setenv("ERRORBOOK_CACHE_DIR", str(tmp_path / "cache"))


def test_every_entry_has_the_response_its_class_sends(project: tuple[Catalog, Config]) -> None:
    catalog, config = project
    examples = example_responses(catalog, config)
    assert list(examples) == [entry.code for entry in catalog.entries]
    for entry in catalog.entries:
        example = examples[entry.code]
        assert isinstance(example, ExampleResponse)
        assert example.status == entry.status == example.body["error"]["status"]
        assert example.headers["Content-Type"] == "application/json"
        assert example.body["meta"] == {"requestId": request_id(entry.code)}
        error = example.body["error"]
        assert (error["type"], error["title"]) == (entry.type_uri, entry.title)
        for field in entry.fields:
            assert error[field.name] == field.example


def test_the_seed_entry(project: tuple[Catalog, Config]) -> None:
    example = example_responses(*project)["unkey/authentication/key_not_found"]
    assert example == ExampleResponse(
        401,
        {"Content-Type": "application/json", "WWW-Authenticate": "Bearer"},
        {
            "meta": {"requestId": "req_c44a2b30ac5860ba"},
            "error": {
                "type": "https://unkey.com/docs/api-reference/errors-v2/unkey/authentication/key_not_found",
                "title": "Unauthorized",
                "status": 401,
                "detail": "The provided API key was not found",
            },
        },
    )


def test_headers_are_filled_from_the_examples(project: tuple[Catalog, Config]) -> None:
    example = example_responses(*project)["frontline/client/rate_limited"]
    assert example.headers == {"Content-Type": "application/json", "Retry-After": "12"}


def test_the_callers_modules_are_untouched(project: tuple[Catalog, Config]) -> None:
    before = dict(sys.modules)
    first = example_responses(*project)
    assert dict(sys.modules) == before
    assert example_responses(*project) == first


def test_the_bytecode_cache_is_used(
    project: tuple[Catalog, Config], monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[str] = []

    def counting_compile(source: str, filename: str, *args: Any, **kwargs: Any) -> CodeType:
        compiled.append(filename)
        return compile(source, filename, *args, **kwargs)

    # compile_cached looks `compile` up in its module's globals before the builtins.
    monkeypatch.setattr(bytecode, "compile", counting_compile, raising=False)
    first = example_responses(*project)
    modules = len(compiled)
    assert modules > 1, "the first run compiles every module of the package"
    folder = cache_dir()
    assert folder is not None and sorted(folder.glob("*/*.code"))
    assert example_responses(*project) == first
    assert len(compiled) == modules, "the second run must take every module from the cache"
