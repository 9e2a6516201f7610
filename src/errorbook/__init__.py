"""errorbook: describe each API error once, in YAML; validate it; generate docs and code from it.

A tour of the library. The ``errorbook`` command and the MkDocs plugin are thin shells over
exactly these calls, which return data and never print.

1. `load_config` finds the project's configuration (``[tool.errorbook]`` in pyproject.toml, or
   errorbook.toml) and returns a `Config`.
2. The pipeline (`errorbook.pipeline`) runs the catalog through its stages:
   `validate` reads and checks every entry; `regenerate` brings every generated file up to date
   (doing nothing when nothing changed since the last clean run); `check_generated` diffs them
   against disk instead. Each returns a `RunResult`: every `Diagnostic` (sorted; printable with
   `render_diagnostics`, whose paths `display_path` shortens), the `Catalog`, the `FileChange`
   list and the time of each stage.
3. The model is plain frozen data: a `Catalog` of `ErrorDef` entries, each with its `Step` fixes
   and mistakes, `Field` extension members, `Header` headers, `Example` samples and optional
   `Deprecation`. `load_catalog` builds it from a folder, with its diagnostics (`LoadResult`).
4. The stages are usable on their own: `generate_outputs` returns ``{path: text}`` for every
   generated file, `write_outputs` writes what changed (never leaving a half-written file) and
   `check_outputs` returns a diff; `export_package` returns the generated Python package's files,
   and `example_responses` imports it and returns each entry's `ExampleResponse`.
5. Other outputs: `openapi_document` builds the OpenAPI 3.1 components, and `openapi_text` the
   file ``errorbook export openapi`` writes, after `check_export_target` has vetted its path.
   `compare` loads two catalogs (folders or git revisions) into a `Comparison` of two `Side`
   objects and their `CatalogDiff`, as `diff_catalogs` computes it: every classified
   `CatalogChange` and a version bump, shown by `render_diff`.
6. For the application: `check_source` reads its Python code (statically, with `ast`) and
   checks it against the catalog: every name of the generated package exists, every
   construction would succeed, no deprecated type is raised, every entry is raised somewhere
   and, given tests, tested. Its `SourceReport` holds the diagnostics and, on request, the
   route map: each HTTP `Operation` of a FastAPI, Flask, Litestar or Django app with the
   catalog errors it may raise, as `render_routes` prints it. `start_source_check` starts
   reading the files in worker processes and returns a `SourceCheck`, whose ``finish`` takes
   the catalog once it is loaded: the two overlap.
7. For authors and readers: `init_project` sets up a new project (its `InitResult` lists what
   it wrote and the next commands); `create_entry` writes a skeleton entry; `entry_schema`,
   `entry_schema_text` and `entry_schema_path` give the authoring format's JSON Schema;
   `explain` renders one entry's page for a terminal, where `terminal_text` shows the control
   characters of catalog text as escapes; `build_site` and `serve_site` run MkDocs on the
   configuration `mkdocs_file` finds (`serve_address` checks the preview's address first),
   and `uses_plugin` tells whether that configuration enables errorbook's plugin.

Every error errorbook raises on purpose is a `CatalogError`: a `ConfigError` for a missing or
bad configuration key, a `TemplateError` for a broken template, a `UsageError` for arguments that
cannot work, an `OutputError` when generated files cannot be written, a `SiteError` when MkDocs
fails, a `BusyError` when another run in the project held its lock for too long.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from errorbook.check.load import LoadResult, load_catalog
    from errorbook.check.schema import entry_schema, entry_schema_path, entry_schema_text
    from errorbook.core.diagnostics import Diagnostic, display_path, render_diagnostics
    from errorbook.core.errors import (
        BusyError,
        CatalogError,
        ConfigError,
        OutputError,
        SiteError,
        TemplateError,
        UsageError,
    )
    from errorbook.core.escape import terminal_text
    from errorbook.diff.catalogs import diff_catalogs
    from errorbook.diff.changes import CatalogChange, CatalogDiff
    from errorbook.diff.report import render_diff
    from errorbook.diff.sides import Comparison, Side, compare
    from errorbook.docs.explain import explain
    from errorbook.docs.site import (
        build_site,
        mkdocs_file,
        serve_address,
        serve_site,
        uses_plugin,
    )
    from errorbook.machine.openapi import openapi_document
    from errorbook.machine.openapi_file import check_export_target, openapi_text
    from errorbook.model import (
        Catalog,
        Deprecation,
        ErrorDef,
        Example,
        Field,
        Header,
        Step,
    )
    from errorbook.pipeline import (
        RunResult,
        check_generated,
        generate_outputs,
        regenerate,
        validate,
    )
    from errorbook.python.examples import ExampleResponse, example_responses
    from errorbook.python.export import export_package
    from errorbook.read.config import Config, load_config
    from errorbook.scaffold.entry import create_entry
    from errorbook.scaffold.project import InitResult, init_project
    from errorbook.source_check.routes import Operation, render_routes
    from errorbook.source_check.scan import (
        SourceCheck,
        SourceReport,
        check_source,
        start_source_check,
    )
    from errorbook.write.apply import write_outputs
    from errorbook.write.files import FileChange, check_outputs

#: Where each public name lives. They are imported on first use (PEP 562), so a command that
#: needs little (``errorbook validate``) loads neither MkDocs nor the renderers.
_HOMES = {
    "LoadResult": "check.load",
    "load_catalog": "check.load",
    "entry_schema": "check.schema",
    "entry_schema_path": "check.schema",
    "entry_schema_text": "check.schema",
    "Diagnostic": "core.diagnostics",
    "display_path": "core.diagnostics",
    "render_diagnostics": "core.diagnostics",
    "BusyError": "core.errors",
    "terminal_text": "core.escape",
    "CatalogError": "core.errors",
    "ConfigError": "core.errors",
    "OutputError": "core.errors",
    "SiteError": "core.errors",
    "TemplateError": "core.errors",
    "UsageError": "core.errors",
    "diff_catalogs": "diff.catalogs",
    "CatalogChange": "diff.changes",
    "CatalogDiff": "diff.changes",
    "render_diff": "diff.report",
    "Comparison": "diff.sides",
    "Side": "diff.sides",
    "compare": "diff.sides",
    "explain": "docs.explain",
    "build_site": "docs.site",
    "mkdocs_file": "docs.site",
    "serve_address": "docs.site",
    "serve_site": "docs.site",
    "uses_plugin": "docs.site",
    "openapi_document": "machine.openapi",
    "check_export_target": "machine.openapi_file",
    "openapi_text": "machine.openapi_file",
    "Catalog": "model",
    "Deprecation": "model",
    "ErrorDef": "model",
    "Example": "model",
    "Field": "model",
    "Header": "model",
    "Step": "model",
    "RunResult": "pipeline",
    "check_generated": "pipeline",
    "generate_outputs": "pipeline",
    "regenerate": "pipeline",
    "validate": "pipeline",
    "ExampleResponse": "python.examples",
    "example_responses": "python.examples",
    "export_package": "python.export",
    "Config": "read.config",
    "load_config": "read.config",
    "create_entry": "scaffold.entry",
    "InitResult": "scaffold.project",
    "init_project": "scaffold.project",
    "Operation": "source_check.routes",
    "render_routes": "source_check.routes",
    "SourceCheck": "source_check.scan",
    "SourceReport": "source_check.scan",
    "check_source": "source_check.scan",
    "start_source_check": "source_check.scan",
    "FileChange": "write.files",
    "check_outputs": "write.files",
    "write_outputs": "write.apply",
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
    "BusyError",
    "Catalog",
    "CatalogChange",
    "CatalogDiff",
    "CatalogError",
    "Comparison",
    "Config",
    "ConfigError",
    "Deprecation",
    "Diagnostic",
    "ErrorDef",
    "Example",
    "ExampleResponse",
    "Field",
    "FileChange",
    "Header",
    "InitResult",
    "LoadResult",
    "Operation",
    "OutputError",
    "RunResult",
    "Side",
    "SiteError",
    "SourceCheck",
    "SourceReport",
    "Step",
    "TemplateError",
    "UsageError",
    "build_site",
    "check_export_target",
    "check_generated",
    "check_outputs",
    "check_source",
    "compare",
    "create_entry",
    "diff_catalogs",
    "display_path",
    "entry_schema",
    "entry_schema_path",
    "entry_schema_text",
    "example_responses",
    "explain",
    "export_package",
    "generate_outputs",
    "init_project",
    "load_catalog",
    "load_config",
    "mkdocs_file",
    "openapi_document",
    "openapi_text",
    "regenerate",
    "render_diagnostics",
    "render_diff",
    "render_routes",
    "serve_address",
    "serve_site",
    "start_source_check",
    "terminal_text",
    "uses_plugin",
    "validate",
    "write_outputs",
]
