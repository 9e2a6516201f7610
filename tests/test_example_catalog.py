"""The bundled Unkey catalog: all 89 codes, the runtime's status and title, and no stubs."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import Project, repository_project
from errorbook import Catalog, ErrorDef

ROOT = Path(__file__).parent.parent
TABLE = ROOT / "tests" / "data" / "unkey-errors-v2.csv"


def _reference() -> dict[str, tuple[int, str]]:
    with TABLE.open(encoding="utf-8") as stream:
        rows = csv.DictReader(line for line in stream if not line.startswith("#"))
        return {row["code"]: (int(row["status"]), row["title"]) for row in rows}


@pytest.fixture(scope="module")
def catalog(repository: Project) -> Catalog:
    assert list(repository.loaded.diagnostics) == [], "the example catalog must be clean (--strict)"
    return repository.catalog


def test_every_reference_code_is_present_with_runtime_status_and_title(catalog: Catalog) -> None:
    reference = _reference()
    assert len(reference) == 89
    actual = {entry.code: (entry.status, entry.title) for entry in catalog.entries}
    assert actual == reference


def test_systems_have_the_reference_sizes(catalog: Catalog) -> None:
    sizes = dict.fromkeys(("unkey", "user", "frontline"), 0)
    for entry in catalog.entries:
        sizes[entry.segments[0]] += 1
    assert sizes == {"unkey": 53, "user": 16, "frontline": 20}


@pytest.mark.parametrize("entry", repository_project().catalog.entries, ids=lambda e: e.code)
def test_entry_is_complete(entry: ErrorDef) -> None:
    assert entry.type_uri == "https://unkey.com/docs/api-reference/errors-v2/" + entry.code
    assert len(entry.causes) >= 2
    assert len(entry.fixes) >= 2 and all(step.title for step in entry.fixes)
    assert len(entry.mistakes) >= 2
    assert entry.related
    if entry.status < 500:
        kinds = {example.kind for example in entry.examples}
        assert {"request", "fix"} <= kinds
    if entry.status == 401:
        assert any(header.name == "WWW-Authenticate" for header in entry.headers)


def test_seed_entry_carries_the_seed_page_facts(catalog: Catalog) -> None:
    entry = catalog.get("unkey/authentication/key_not_found")
    assert entry is not None
    assert (entry.status, entry.title) == (401, "Unauthorized")
    assert entry.detail == "The provided API key was not found"
    text = " ".join([*entry.causes, *(s.text for s in entry.fixes + entry.mistakes)]).lower()
    for fact in ("deleted", "workspace", "environment", "revoked", "expir", "dashboard", "copy"):
        assert fact in text, fact
