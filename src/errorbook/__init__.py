"""errorbook: describe each API error once, in YAML; validate it; generate docs and code from it.

A tour of the library (the ``errorbook`` command is a thin shell over exactly these calls):

1. `load_config` finds the project's configuration (``[tool.errorbook]`` in pyproject.toml, or
   errorbook.toml) and returns a `Config`.
2. `load_catalog` reads every entry of the catalog folder, validates it against the JSON Schema
   and the semantic rules, and returns a `LoadResult`: the `Catalog` (None when anything is an
   error) and every `Diagnostic`, sorted by file and line.
3. The model is plain frozen data: a `Catalog` of `ErrorDef` entries, each with its `Step` fixes
   and mistakes, `Field` extension members, `Header` headers, `Example` samples and optional
   `Deprecation`.
4. `generate_outputs` runs every generator over a catalog and returns ``{path: text}``;
   `write_outputs` writes what changed (replacing files atomically), and `check_outputs`
   returns a unified diff of what is stale instead.
5. `export_package` turns a catalog into the generated Python package, ``{relative path: text}``;
   `example_responses` imports that package and returns each entry's `ExampleResponse` (status,
   headers, body), which is what the documentation shows.
6. `openapi_document` returns the catalog's OpenAPI 3.1 components (a schema per type, a
   response per status); `diff_catalogs` compares two catalogs and returns a `CatalogDiff`:
   every `CatalogChange`, classified breaking, warning, minor or patch, and a version bump.

Every error errorbook raises on purpose is a `CatalogError`: a `ConfigError` for a missing or
bad configuration key, a `UsageError` for arguments that cannot work, an `OutputError` when
generated files cannot be written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from errorbook.changes import CatalogChange, CatalogDiff
    from errorbook.config import Config, load_config
    from errorbook.diagnostics import Diagnostic
    from errorbook.diff import diff_catalogs
    from errorbook.errors import CatalogError, ConfigError, OutputError, UsageError
    from errorbook.export_python import export_package
    from errorbook.generate import generate_outputs
    from errorbook.load import LoadResult, load_catalog
    from errorbook.model import Catalog, Deprecation, ErrorDef, Example, Field, Header, Step
    from errorbook.openapi import openapi_document
    from errorbook.output import check_outputs, write_outputs
    from errorbook.runtime_examples import ExampleResponse, example_responses

#: Where each public name lives. They are imported on first use (PEP 562), so a command that
#: needs little (``errorbook generate`` with nothing to do) does not load the whole library.
_HOMES = {
    "CatalogChange": "changes",
    "CatalogDiff": "changes",
    "Config": "config",
    "load_config": "config",
    "Diagnostic": "diagnostics",
    "diff_catalogs": "diff",
    "CatalogError": "errors",
    "ConfigError": "errors",
    "OutputError": "errors",
    "UsageError": "errors",
    "export_package": "export_python",
    "generate_outputs": "generate",
    "LoadResult": "load",
    "load_catalog": "load",
    "Catalog": "model",
    "Deprecation": "model",
    "ErrorDef": "model",
    "Example": "model",
    "Field": "model",
    "Header": "model",
    "Step": "model",
    "openapi_document": "openapi",
    "check_outputs": "output",
    "write_outputs": "output",
    "ExampleResponse": "runtime_examples",
    "example_responses": "runtime_examples",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'errorbook' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"errorbook.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Catalog",
    "CatalogChange",
    "CatalogDiff",
    "CatalogError",
    "Config",
    "ConfigError",
    "Deprecation",
    "Diagnostic",
    "ErrorDef",
    "Example",
    "ExampleResponse",
    "Field",
    "Header",
    "LoadResult",
    "OutputError",
    "Step",
    "UsageError",
    "check_outputs",
    "diff_catalogs",
    "example_responses",
    "export_package",
    "generate_outputs",
    "load_catalog",
    "load_config",
    "openapi_document",
    "write_outputs",
]
