"""The generators of the machine-readable outputs, all below the docs folder so the site serves
them next to the pages: ``catalog.json``, ``schemas/<code>.json`` and ``schemas/problems.json``.
"""

from __future__ import annotations

from pathlib import Path

from errorbook.core.serialize import dump_json
from errorbook.machine.catalog_json import catalog_index
from errorbook.machine.schemas import combined_schema, problem_schema
from errorbook.model import Catalog, ErrorDef
from errorbook.model.layout import COMBINED_NAME, INDEX_NAME, schema_path
from errorbook.read.config import Config
from errorbook.speed.memo import Recall
from errorbook.write.notice import catalog_source


def generate_catalog_json(catalog: Catalog, config: Config) -> dict[Path, str]:
    """The generator of ``<docs-dir>/catalog.json``."""
    return {config.docs_dir / INDEX_NAME: dump_json(catalog_index(catalog, catalog_source(config)))}


#: Each type's schema file, kept under a preview server while its entry is the same.
_SCHEMAS: Recall[tuple[Path, str]] = Recall()


def generate_schemas(catalog: Catalog, config: Config) -> dict[Path, str]:
    """The generator of ``<docs-dir>/schemas/``: one schema per type, and the combined one."""

    def schema_file(entry: ErrorDef) -> tuple[Path, str]:
        return config.docs_dir / schema_path(entry.code), dump_json(problem_schema(catalog, entry))

    weights = [0.1] * len(catalog.entries)  # a schema is a tenth of the work of loading an entry
    settings = (catalog.base_uri, catalog.envelope, config)
    files = dict(
        _SCHEMAS.map(schema_file, catalog.entries, lambda e: (e.code, (e, *settings)), weights)
    )
    combined = combined_schema(catalog, catalog_source(config))
    files[config.docs_dir / schema_path(COMBINED_NAME)] = dump_json(combined)
    return files
