"""Catalog folder → model: read every file, validate it, build the entries, check them together."""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, replace
from pathlib import Path

from errorbook.check.catalog_rules import check_catalog
from errorbook.check.codes import check_code
from errorbook.check.example_responses import check_example_responses
from errorbook.check.problem_map import check_problem_map
from errorbook.check.rules import check_entry
from errorbook.check.salvage import Unit, intact, salvage
from errorbook.check.schema import validate_document
from errorbook.check.site import check_site
from errorbook.check.type_uris import check_type_uris
from errorbook.core.diagnostics import Diagnostic, count_errors, sort_diagnostics
from errorbook.disk import stat_key
from errorbook.model import Catalog, ErrorDef
from errorbook.model.build import build_entry
from errorbook.read.catalog_files import entry_files
from errorbook.read.config import Config
from errorbook.read.site_settings import read_site_url
from errorbook.read.yaml_source import Document, read_document
from errorbook.speed import collecting_rarely
from errorbook.speed.memo import Recall
from errorbook.speed.unchanged import RACY_NS


@dataclass(frozen=True)
class LoadResult:
    """What loading found: the catalog (None when any error was found) and every diagnostic.

    ``entries`` holds every entry that passed the schema, even when a catalog-wide rule
    failed; `errorbook diff` compares them when every file became an entry.
    """

    catalog: Catalog | None
    diagnostics: tuple[Diagnostic, ...]
    files: int
    entries: tuple[ErrorDef, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return self.catalog is not None


def load_catalog(config: Config) -> LoadResult:
    """Load, validate and check the whole catalog folder named by the configuration.

    Args:
        config: The project configuration; its ``catalog`` folder is read.

    Returns:
        The catalog and all diagnostics, sorted by file and line. The catalog is None when
        at least one diagnostic is an error, so nothing is ever generated from a broken one.
    """
    diagnostics: list[Diagnostic] = []
    entries: list[ErrorDef] = []
    # Every entry the rules across the catalog see: the valid ones, and what the rest salvaged.
    checked: list[ErrorDef] = []
    documents: dict[str, Document] = {}
    broken: dict[str, frozenset[Unit]] = {}
    paths = list(entry_files(config.catalog, diagnostics))
    site_url = read_site_url(config.root)
    with collecting_rarely():
        load = functools.partial(_load_entry, config)
        for problems, loaded in _LOADED.map(load, paths, functools.partial(_file_key, config)):
            diagnostics.extend(problems)
            if loaded is None:
                continue
            entry, document, repaired = loaded
            checked.append(entry)
            documents[entry.code] = document
            if repaired:
                broken[entry.code] = repaired
            else:
                entries.append(entry)
    diagnostics.extend(check_catalog(checked, documents, broken))
    diagnostics.extend(check_site(config, checked, documents, site_url))
    diagnostics.extend(check_type_uris(config.base_uri, checked, documents))
    unread = {_code(path, config) for path in paths} - {entry.code for entry in checked}
    diagnostics.extend(check_problem_map(config, checked, unread))
    if not paths:
        diagnostics.append(_empty_catalog(config.catalog))
    ordered = sort_diagnostics(diagnostics)
    catalog = (
        None if count_errors(ordered) else Catalog(config.base_uri, config.envelope, tuple(entries))
    )
    return LoadResult(catalog, tuple(ordered), len(paths), tuple(entries))


def _load_entry(
    config: Config, path: Path
) -> tuple[list[Diagnostic], tuple[ErrorDef, Document, frozenset[Unit]] | None]:
    """Everything that can be known about one file on its own: its problems, and its entry
    (salvaged from its valid parts when it fails the schema, with the units repaired)."""
    code = _code(path, config)
    diagnostics = list(check_code(path, code))
    document, problems = read_document(path)
    diagnostics.extend(problems)
    if document is None:
        return diagnostics, None
    problems = validate_document(document)
    diagnostics.extend(problems)
    data, broken = document.data, frozenset[Unit]()
    if problems:
        salvaged = salvage(document.data)
        if salvaged is None:
            return diagnostics, None
        data, broken = salvaged.data, salvaged.broken
    entry = build_entry(data, code, config.base_uri, _source_name(path, config))
    diagnostics.extend(check_entry(entry, document, broken))
    # A response example is checked against the members, status, title and type of its entry.
    if all(intact(broken, key) for key in ("title", "status", "type", "fields")):
        diagnostics.extend(check_example_responses(entry, document, config.envelope))
    # The rules across entries read the salvaged data: a broken `type:` is not there.
    return diagnostics, (entry, replace(document, data=data), broken)


#: Each file's problems and entry, kept under a preview server while the file is unchanged.
_LOADED: Recall[tuple[list[Diagnostic], tuple[ErrorDef, Document, frozenset[Unit]] | None]]
_LOADED = Recall()


def _file_key(config: Config, path: Path) -> tuple[object, tuple[object, ...]] | None:
    """What `_load_entry` reads: the configuration and the file, as its status shows it; None
    when the file changed so recently that a later edit might not move its times."""
    try:
        info = path.stat()
    except OSError:
        return None
    if info.st_mtime_ns > time.time_ns() - RACY_NS:
        return None
    return path, (config, stat_key(info))


def _code(path: Path, config: Config) -> str:
    return path.relative_to(config.catalog).with_suffix("").as_posix()


def _source_name(path: Path, config: Config) -> str:
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return path.as_posix()


def _empty_catalog(folder: Path) -> Diagnostic:
    hint = "create one with `errorbook new <group>/<name>`"
    if folder.is_dir():
        return Diagnostic(folder, 1, 1, "E024", "the catalog holds no .yaml entries", hint)
    # Most often a `catalog` setting that points at the wrong place, or a run in the wrong folder.
    hint += ", or set `catalog` in the configuration to the folder of your entries"
    message = (
        "the catalog is a file, not a folder"
        if folder.exists()
        else "the catalog folder does not exist"
    )
    return Diagnostic(folder, 1, 1, "E024", message, hint)
