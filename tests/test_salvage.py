"""An entry that fails the schema still gets its other rules, on the parts that are valid."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from entry_mutations import ENTRIES, mutate
from errorbook.check.load import load_catalog
from errorbook.check.salvage import intact, salvage
from errorbook.check.schema import entry_validator
from errorbook.core.diagnostics import Diagnostic
from errorbook.read.config import load_config

#: What the schema reports; every other code comes from a rule that read the salvaged entry.
SCHEMA_CODES = {"E010", "E011", "E012", "E013"}
#: The stubs `salvage` puts in place of broken parts: no finding may ever name one.
STUBS = ("broken/item", "errorbook.invalid")


def _load(*entries: dict[str, Any]) -> list[Diagnostic]:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "errorbook.toml").write_text('base-uri = "https://errors.example.com/"\n')
        catalog = project / "catalog" / "shop"
        catalog.mkdir(parents=True)
        for index, entry in enumerate(entries):
            text = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False)
            (catalog / f"entry_{index}.yaml").write_text(text, encoding="utf-8")
        return list(load_catalog(load_config(cwd=project)).diagnostics)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_every_spoiled_entry_is_salvaged_and_no_stub_is_reported(data: st.DataObject) -> None:
    entry = data.draw(st.sampled_from(ENTRIES))
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        entry = mutate(entry, data.draw)
    assume(isinstance(entry, dict) and all(isinstance(key, str) for key in entry))
    salvaged = salvage(entry)
    assert salvaged is not None
    assert entry_validator().is_valid(salvaged.data)
    found = _load(entry, ENTRIES[0])
    assert not any(stub in d.message for d in found for stub in STUBS), found


def _with_rule_findings(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry with a field named `status` (E020) and an undeclared placeholder (E018)."""
    entry = copy.deepcopy(entry)
    entry["detail"] = entry["detail"] + " {nowhere}"
    entry.setdefault("fields", {})["status"] = {
        "type": "string",
        "description": "A status of our own.",
        "example": "x",
    }
    return entry


_SPOILERS = st.sampled_from([None, 3, "", [], {}, [3], {"x": 1}, "line\n", True])


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_schema_error_elsewhere_hides_no_rule_finding(data: st.DataObject) -> None:
    entry = _with_rule_findings(data.draw(st.sampled_from(ENTRIES)))
    keys = sorted(key for key in entry if key not in ("detail", "fields"))
    key = data.draw(st.sampled_from([*keys, "unknown_key"]))
    spoiled = {**entry, key: data.draw(_SPOILERS)}
    assume(not entry_validator().is_valid(spoiled))
    codes = {d.code for d in _load(spoiled)}
    assert codes & SCHEMA_CODES
    assert {"E018", "E020"} <= codes


def test_a_field_without_an_example_is_still_a_field() -> None:
    entry = _with_rule_findings(ENTRIES[0])
    del entry["fields"]["status"]["example"]
    codes = {d.code for d in _load(entry)}
    assert {"E011", "E018", "E020"} <= codes


def test_intact_looks_above_and_below() -> None:
    broken = frozenset({("fields", "apiId"), ("status",)})
    assert not intact(broken, "fields")
    assert not intact(broken, "fields", "apiId", "example")
    assert not intact(broken, "status")
    assert intact(broken, "fields", "other")
    assert intact(broken, "detail")
