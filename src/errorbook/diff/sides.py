"""The two catalogs `errorbook diff` compares: folders or git revisions, loaded leniently.

A side whose entries all read is compared even when a catalog-wide rule of today fails on it (an
old revision may break a rule added since): the rules do not change what an entry is.
"""

from __future__ import annotations

import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from errorbook.check.load import load_catalog
from errorbook.core.diagnostics import Diagnostic
from errorbook.core.errors import UsageError
from errorbook.diff.catalogs import diff_catalogs
from errorbook.diff.changes import CatalogDiff
from errorbook.diff.revision import snapshot
from errorbook.model import Catalog
from errorbook.read.config import Config

WORKING_TREE = "the working tree"


@dataclass(frozen=True)
class Side:
    """One catalog of a comparison.

    Attributes:
        label: How reports name it: a folder as given, a revision, or "the working tree".
        catalog: The catalog, or None when it could not be loaded.
        notes: What the reader should know about how it was loaded.
        errors: Why it could not be loaded, with files named by revision and path.
    """

    label: str
    catalog: Catalog | None
    notes: tuple[str, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    revision: bool = False


@dataclass(frozen=True)
class Comparison:
    """Both sides, and their diff when both loaded."""

    old: Side
    new: Side
    diff: CatalogDiff | None


def compare(
    config: Config, old: str | None = None, new: str | None = None, against: str | None = None
) -> Comparison:
    """Compare two catalogs: ``old`` and ``new`` (folders or revisions), or ``against`` a
    revision with the working tree's catalog.

    Raises:
        UsageError: The arguments name neither two catalogs nor one revision, or a revision
            cannot be read.
    """
    given = [side for side in (old, new) if side is not None]
    if against is not None and given:
        raise UsageError("give either OLD NEW or --against REV, not both")
    if against is None and len(given) != 2:
        raise UsageError("give two catalogs to compare (OLD NEW), or --against REV")
    with ExitStack() as stack:
        if against is not None:
            sides = [_revision(config, against, stack), (config, WORKING_TREE, None, (), ())]
        else:
            sides = [_folder_or_revision(config, side, stack) for side in given]
        before, after = (_load(*side) for side in sides)
    diff = None
    if before.catalog is not None and after.catalog is not None:
        diff = diff_catalogs(before.catalog, after.catalog)
    return Comparison(before, after, diff)


#: A catalog to load: its configuration, label, the folder standing for the repository's top
#: level (for a revision), notes from taking it, and the problems met while taking it.
_Source = tuple[Config, str, Path | None, tuple[str, ...], tuple[Diagnostic, ...]]


def _folder_or_revision(config: Config, given: str, stack: ExitStack) -> _Source:
    if Path(given).is_dir():
        return replace(config, catalog=Path(given).resolve()), given, None, (), ()
    try:
        return _revision(config, given, stack)
    except UsageError as error:
        message = f"{given!r} is neither a catalog folder nor a git revision ({error})"
        raise UsageError(message) from None


def _revision(config: Config, revision: str, stack: ExitStack) -> _Source:
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="errorbook-diff-")))
    taken = snapshot(config, revision, folder)
    notes = (f"{revision}: {taken.note}",) if taken.note else ()
    return taken.config, revision, taken.root, notes, taken.problems


def _load(
    config: Config,
    label: str,
    root: Path | None,
    notes: tuple[str, ...],
    problems: tuple[Diagnostic, ...],
) -> Side:
    result = load_catalog(config)
    if result.catalog is not None and not problems:
        return Side(label, result.catalog, notes, revision=root is not None)
    errors = [*problems, *(d for d in result.diagnostics if d.severity == "error")]
    if root is not None:  # name files by revision and repository path, not the temporary copy
        errors = [_at_revision(d, label, root) for d in errors]
    if result.files and len(result.entries) == result.files and not problems:
        rules = ", ".join(sorted({d.code for d in errors}))
        count = f"{len(errors)} error" + ("s" if len(errors) != 1 else "")
        note = (
            f"{label}: the catalog has {count} under today's rules ({rules}), "
            "but every entry reads, so they are compared"
        )
        catalog = Catalog(config.base_uri, config.envelope, result.entries)
        return Side(label, catalog, (*notes, note), revision=root is not None)
    return Side(label, None, notes, tuple(errors), revision=root is not None)


def _at_revision(diagnostic: Diagnostic, revision: str, root: Path) -> Diagnostic:
    try:
        relative = diagnostic.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return diagnostic
    return replace(diagnostic, path=Path(f"{revision}:{relative}"))
