"""Run every generator over a catalog and collect ``{absolute path: text}`` for `output`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from errorbook.config import Config
from errorbook.export_python import generate_python
from errorbook.machine_outputs import generate_index, generate_schemas
from errorbook.model import Catalog
from errorbook.output import managed_dirs
from errorbook.render_docs import generate_docs

__all__ = ["GENERATORS", "Generator", "generate_outputs", "managed_dirs"]

#: A generator turns the catalog into files, keyed by absolute path.
Generator = Callable[[Catalog, Config], dict[Path, str]]

GENERATORS: tuple[Generator, ...] = (
    generate_python,
    generate_index,
    generate_schemas,
    generate_docs,
)


def generate_outputs(catalog: Catalog, config: Config) -> dict[Path, str]:
    """Everything errorbook generates for this catalog, in memory, keyed by absolute path."""
    files: dict[Path, str] = {}
    for generator in GENERATORS:
        files.update(generator(catalog, config))
    return dict(sorted(files.items()))
