"""Catalog folder → model: read every file, validate it, build the entries, check them together."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from errorbook.checks import check_catalog, check_entry
from errorbook.config import Config
from errorbook.diagnostics import Diagnostic, count_errors, sort_diagnostics
from errorbook.example_checks import check_example_responses
from errorbook.model import (
    Catalog,
    Deprecation,
    ErrorDef,
    Example,
    Field,
    Header,
    Step,
    first_sentence,
)
from errorbook.parallel import parallel_map
from errorbook.site_checks import check_site
from errorbook.source import Document, read_document
from errorbook.validate import validate_document

_SEGMENT = re.compile(r"[a-z][a-z0-9_]*")


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
    documents: dict[str, Document] = {}
    paths = list(_entry_files(config.catalog, diagnostics))
    for problems, loaded in parallel_map(functools.partial(_load_entry, config), paths):
        diagnostics.extend(problems)
        if loaded is not None:
            entry, document = loaded
            entries.append(entry)
            documents[entry.code] = document
    diagnostics.extend(check_catalog(entries, documents))
    diagnostics.extend(check_site(config, entries, documents))
    if not paths:
        diagnostics.append(_empty_catalog(config.catalog))
    ordered = sort_diagnostics(diagnostics)
    catalog = (
        None if count_errors(ordered) else Catalog(config.base_uri, config.envelope, tuple(entries))
    )
    return LoadResult(catalog, tuple(ordered), len(paths), tuple(entries))


def _load_entry(
    config: Config, path: Path
) -> tuple[list[Diagnostic], tuple[ErrorDef, Document] | None]:
    """Everything that can be known about one file on its own: its problems, and its entry."""
    code = path.relative_to(config.catalog).with_suffix("").as_posix()
    diagnostics = list(_check_code(path, code))
    document, problems = read_document(path)
    diagnostics.extend(problems)
    if document is None:
        return diagnostics, None
    problems = validate_document(document)
    diagnostics.extend(problems)
    if problems:
        return diagnostics, None
    entry = build_entry(document.data, code, config.base_uri, _source_name(path, config))
    diagnostics.extend(check_entry(entry, document))
    diagnostics.extend(check_example_responses(entry, document, config.envelope))
    return diagnostics, (entry, document)


def _entry_files(folder: Path, diagnostics: list[Diagnostic]) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.suffix == ".yaml":
            yield path
        elif path.suffix == ".yml":
            hint = f"rename it to {path.with_suffix('.yaml').name}"
            diagnostics.append(
                Diagnostic(path, 1, 1, "E014", "entry files end in .yaml, not .yml", hint)
            )


def _check_code(path: Path, code: str) -> Iterator[Diagnostic]:
    segments = code.split("/")
    if len(segments) < 2:
        hint = f"move it into a folder, e.g. catalog/general/{path.name}"
        yield Diagnostic(path, 1, 1, "E014", "an entry must sit in a folder of the catalog", hint)
    for segment in segments:
        if not _SEGMENT.fullmatch(segment):
            suggestion = re.sub(r"[^a-z0-9_]+", "_", segment.lower()).strip("_")
            message = f"'{segment}' in code {code} is not a valid segment"
            hint = "segments are lowercase letters, digits and _, starting with a letter"
            if _SEGMENT.fullmatch(suggestion):
                hint += f", e.g. '{suggestion}'"
            yield Diagnostic(path, 1, 1, "E014", message, hint)


def _source_name(path: Path, config: Config) -> str:
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return path.as_posix()


def build_entry(data: dict[str, Any], code: str, base_uri: str, source: str) -> ErrorDef:
    """Turn the plain data of a schema-valid entry into an `ErrorDef`, applying defaults."""
    deprecated = data.get("deprecated")
    return ErrorDef(
        code=code,
        type_uri=data.get("type") or base_uri + code,
        status=data["status"],
        title=data["title"],
        detail=data["detail"],
        description=data["description"],
        summary=data.get("summary") or first_sentence(data["description"]),
        causes=tuple(data["causes"]),
        fixes=_steps(data["fixes"]),
        source=source,
        mistakes=_steps(data.get("mistakes", [])),
        fields=tuple(
            Field(
                name, spec["type"], spec["description"], spec["example"], spec.get("required", True)
            )
            for name, spec in data.get("fields", {}).items()
        ),
        headers=tuple(
            Header(name, spec["description"], spec.get("value"))
            for name, spec in data.get("headers", {}).items()
        ),
        examples=tuple(
            Example(item["kind"], item["lang"], item["code"], item.get("title"))
            for item in data.get("examples", [])
        ),
        related=tuple(data.get("related", [])),
        since=data.get("since"),
        deprecated=Deprecation(
            deprecated["since"], deprecated["reason"], deprecated.get("replaced_by")
        )
        if deprecated
        else None,
        aliases=tuple(data.get("aliases", [])),
        tags=tuple(data.get("tags", [])),
    )


def _steps(items: list[Any]) -> tuple[Step, ...]:
    return tuple(
        Step(item) if isinstance(item, str) else Step(item["text"], item["title"]) for item in items
    )


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
