"""The generators of the machine-readable outputs, all below the docs folder so the site serves
them next to the pages: ``catalog.json``, ``schemas/<code>.json`` and ``schemas/problems.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from errorbook.core.serialize import Encoded, dump_json, encoded
from errorbook.machine.catalog_json import catalog_index, type_record
from errorbook.machine.schemas import combined_schema, embedded_schema, problem_schema
from errorbook.model import Catalog, ErrorDef
from errorbook.model.layout import COMBINED_NAME, INDEX_NAME, schema_path
from errorbook.read.config import Config
from errorbook.speed.memo import Recall
from errorbook.write.notice import catalog_source


def generate_catalog_json(catalog: Catalog, config: Config) -> dict[Path, str]:
    """The generator of ``<docs-dir>/catalog.json``."""
    types = _each_entry(_TYPES, catalog, config, type_record)
    index = catalog_index(catalog, catalog_source(config), types)
    return {config.docs_dir / INDEX_NAME: dump_json(index)}


#: Each type's schema file, kept under a preview server while its entry is the same.
_SCHEMAS: Recall[tuple[Path, str]] = Recall()
#: Each entry's part of catalog.json and of the combined schema, kept likewise.
_TYPES: Recall[Encoded] = Recall()
_EMBEDDED: Recall[Encoded] = Recall()


def _each_entry(
    recall: Recall[Encoded],
    catalog: Catalog,
    config: Config,
    part: Callable[[Catalog, ErrorDef], object],
) -> list[Encoded]:
    """``part`` of every entry, written as JSON, or as it was while the entry is the same."""
    settings = (catalog.base_uri, catalog.envelope, config)

    def written(entry: ErrorDef) -> Encoded:
        return recall.get_or_make(
            entry.code, (entry, *settings), lambda: encoded(part(catalog, entry))
        )

    return [written(entry) for entry in catalog.entries]


def generate_schemas(catalog: Catalog, config: Config) -> dict[Path, str]:
    """The generator of ``<docs-dir>/schemas/``: one schema per type, and the combined one."""

    def schema_file(entry: ErrorDef) -> tuple[Path, str]:
        return config.docs_dir / schema_path(entry.code), dump_json(problem_schema(catalog, entry))

    weights = [0.1] * len(catalog.entries)  # a schema is a tenth of the work of loading an entry
    settings = (catalog.base_uri, catalog.envelope, config)
    files = dict(
        _SCHEMAS.map(schema_file, catalog.entries, lambda e: (e.code, (e, *settings)), weights)
    )
    embedded = _each_entry(_EMBEDDED, catalog, config, embedded_schema)
    combined = combined_schema(catalog, catalog_source(config), embedded)
    files[config.docs_dir / schema_path(COMBINED_NAME)] = dump_json(combined)
    return files
