"""Every JSON and YAML output reads back as the same values in the strictest common readers.

Hostile catalogs (`hostile_catalog`: every string field of the format, with DEL, C1, U+0085,
U+2028, U+FFFE, byte order marks, quotes, backslashes ...) are generated into catalog.json, the
per-type and combined schemas and the OpenAPI document as JSON and as YAML. Each is read back
with ``json``, PyYAML's pure and libyaml loaders (OpenAPI tools read JSON as YAML), and the
OpenAPI documents with openapi-spec-validator; all must agree, and hold the catalog's text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate

from errorbook.check.load import load_catalog
from errorbook.machine.openapi_file import openapi_text
from errorbook.pipeline import generate_outputs
from errorbook.read.config import load_config
from hostile_catalog import hostile_catalog

BASE_URI = "https://errors.example/"


def _read_everywhere(text: str, where: str) -> Any:
    """The value ``text`` holds, after checking that every reader reads the same."""
    value = json.loads(text)
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        assert yaml.load(text, Loader=loader) == value, f"{where}: {loader.__name__} differs"
    return value


def _project(root: Path, files: dict[str, str]) -> Path:
    (root / "errorbook.toml").write_text(f'base-uri = "{BASE_URI}"\n', encoding="utf-8")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _check_catalog_text(index: dict[str, Any], files: dict[str, str]) -> None:
    types = {item["code"]: item for item in index["types"]}
    for name, source in files.items():
        entry = yaml.safe_load(source)
        written = types[name.removeprefix("catalog/").removesuffix(".yaml")]
        for key in ("title", "detail", "since", "tags"):
            assert written[key] == entry.get(key, [] if key == "tags" else None), key
        for field_name, field in entry.get("fields", {}).items():
            assert written["fields"][field_name]["example"] == field["example"]
            assert written["fields"][field_name]["description"] == field["description"].strip()
        for header_name, header in entry.get("headers", {}).items():
            assert written["headers"][header_name]["value"] == header.get("value")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(files=hostile_catalog(BASE_URI, size=3))
def test_every_json_and_yaml_output_reads_back_the_same_values(
    files: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    config = load_config(cwd=_project(tmp_path_factory.mktemp("outputs"), files))
    catalog = load_catalog(config).catalog
    assert catalog is not None, "the generated catalog does not validate"
    outputs = generate_outputs(catalog, config)
    for path, text in outputs.items():
        if path.suffix == ".json":
            value = _read_everywhere(text, path.name)
            if path.name == "catalog.json":
                _check_catalog_text(value, files)
    as_json = _read_everywhere(openapi_text(catalog, config, None), "openapi.json")
    as_yaml_text = openapi_text(catalog, config, Path("errors.yaml"))
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        as_yaml = yaml.load(as_yaml_text, Loader=loader)
        validate(as_yaml)
        # The notice names the command, whose --out differs; everything else is the same.
        as_yaml["info"].pop("description")
        assert as_yaml == {**as_json, "info": _without(as_json["info"], "description")}
    validate(as_json)


def _without(mapping: dict[str, Any], key: str) -> dict[str, Any]:
    return {name: value for name, value in mapping.items() if name != key}
