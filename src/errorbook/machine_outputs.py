"""The generators of the machine-readable outputs, all below the docs folder so the site serves
them next to the pages: ``catalog.json``, ``schemas/<code>.json`` and ``schemas/problems.json``.
"""

from __future__ import annotations

from pathlib import Path

from errorbook.catalog_index import catalog_index
from errorbook.config import Config
from errorbook.model import Catalog, ErrorDef
from errorbook.parallel import parallel_map
from errorbook.problem_schema import COMBINED_NAME, combined_schema, problem_schema, schema_path
from errorbook.serialize import dump_json

INDEX_NAME = "catalog.json"


def catalog_source(config: Config) -> str:
    """The catalog folder as generated-file headers name it, e.g. ``catalog/``."""
    try:
        return config.catalog.relative_to(config.root).as_posix() + "/"
    except ValueError:
        return config.catalog.as_posix() + "/"


def generate_index(catalog: Catalog, config: Config) -> dict[Path, str]:
    """The generator of ``<docs-dir>/catalog.json``."""
    return {config.docs_dir / INDEX_NAME: dump_json(catalog_index(catalog, catalog_source(config)))}


def generate_schemas(catalog: Catalog, config: Config) -> dict[Path, str]:
    """The generator of ``<docs-dir>/schemas/``: one schema per type, and the combined one."""

    def schema_file(entry: ErrorDef) -> tuple[Path, str]:
        return config.docs_dir / schema_path(entry.code), dump_json(problem_schema(catalog, entry))

    weights = [0.1] * len(catalog.entries)  # a schema is a tenth of the work of loading an entry
    files = dict(parallel_map(schema_file, catalog.entries, weights=weights))
    combined = combined_schema(catalog, catalog_source(config))
    files[config.docs_dir / schema_path(COMBINED_NAME)] = dump_json(combined)
    return files
