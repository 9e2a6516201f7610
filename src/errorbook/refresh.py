"""Bring generated files up to date from the catalog: the work behind `build` and the plugin."""

from __future__ import annotations

from dataclasses import dataclass

from errorbook.config import Config
from errorbook.diagnostics import Diagnostic, count_errors, promote_warnings, render_text
from errorbook.errors import CatalogError
from errorbook.freshness import settle, unchanged
from errorbook.generate import generate_outputs, managed_dirs
from errorbook.load import load_catalog
from errorbook.output import Change, write_outputs


class CatalogInvalid(CatalogError):
    """The catalog has errors, so nothing was generated; the message lists every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(render_text(diagnostics).rstrip("\n"))
        self.diagnostics = diagnostics


@dataclass(frozen=True)
class Refresh:
    """What refreshing did: the files it changed, how many it manages, and the warnings."""

    changes: list[Change]
    files: int
    warnings: list[Diagnostic]


def refresh_outputs(config: Config, *, strict: bool = False) -> Refresh:
    """Load the catalog and write every generated file that is missing or stale.

    Nothing is loaded when nothing read or written has changed since the last clean run (see
    `errorbook.freshness`). Files that are already up to date are not touched, so a watcher
    (``mkdocs serve``) sees no change and does not rebuild in a loop.

    Args:
        config: The project configuration.
        strict: Treat warnings as errors.

    Returns:
        The changes made and the warnings found.

    Raises:
        CatalogInvalid: The catalog has errors (or warnings, with ``strict``).
        OutputError: A file could not be written, or belongs to someone else.
        TemplateError: A documentation template is broken.
    """
    managed = managed_dirs(config)
    last = unchanged(config, managed)
    if last is not None:  # e.g. `errorbook build` regenerated just before MkDocs started
        return Refresh([], last.files, [])
    result = load_catalog(config)
    diagnostics = list(result.diagnostics)
    if strict:
        diagnostics = promote_warnings(diagnostics)
    if result.catalog is None or count_errors(diagnostics):
        raise CatalogInvalid(diagnostics)
    files = generate_outputs(result.catalog, config)
    changes = write_outputs(files, managed)
    settle(config, not diagnostics, len(result.catalog), files, managed)
    return Refresh(changes, len(files), diagnostics)
