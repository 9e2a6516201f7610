"""Compare two catalogs: match their entries, then classify every difference (see `changes`)."""

from __future__ import annotations

from collections.abc import Iterator

from errorbook.diff.changes import CatalogChange, CatalogDiff
from errorbook.diff.entries import compare_entries
from errorbook.model import Catalog, ErrorDef


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    """Classify every difference between two loaded catalogs.

    Entries are matched by code; an entry whose code disappeared is matched to a new entry
    that has its type URI, or lists it among its aliases, and reported as moved.

    Args:
        old: The catalog before the change.
        new: The catalog after it.

    Returns:
        The classified changes, sorted by severity, then code.
    """
    changes = list(_catalog_changes(old, new))
    pairs, removed, added = _match(old, new)
    for before, after in pairs:
        changes.extend(_moves(before, after))
        changes.extend(compare_entries(before, after))
    changes.extend(_removal(entry) for entry in removed)
    changes.extend(
        CatalogChange("entry-added", entry.code, f"new entry ({entry.status} {entry.title})")
        for entry in added
    )
    return CatalogDiff(tuple(sorted(changes, key=CatalogChange.sort_key)))


def _catalog_changes(old: Catalog, new: Catalog) -> Iterator[CatalogChange]:
    if old.envelope != new.envelope:
        message = f"envelope changed from {old.envelope} to {new.envelope}"
        hint = "every response body changes shape; clients must parse the new one"
        yield CatalogChange("envelope-changed", "", message, hint)


def _match(
    old: Catalog, new: Catalog
) -> tuple[list[tuple[ErrorDef, ErrorDef]], list[ErrorDef], list[ErrorDef]]:
    pairs = [(entry, after) for entry in old.entries if (after := new.get(entry.code))]
    gone = [entry for entry in old.entries if new.get(entry.code) is None]
    fresh = {entry.code: entry for entry in new.entries if old.get(entry.code) is None}
    removed: list[ErrorDef] = []
    for entry in gone:
        successor = next(
            (
                candidate
                for candidate in fresh.values()
                if entry.type_uri == candidate.type_uri or entry.type_uri in candidate.aliases
            ),
            None,
        )
        if successor is None:
            removed.append(entry)
        else:
            pairs.append((entry, successor))
            del fresh[successor.code]
    return pairs, removed, list(fresh.values())


def _moves(before: ErrorDef, after: ErrorDef) -> Iterator[CatalogChange]:
    if before.code != after.code:
        message = f"moved to {after.code}"
        hint = "generated names, the docs page and the schema URL follow the code"
        yield CatalogChange("entry-moved", before.code, message, hint)


def _removal(entry: ErrorDef) -> CatalogChange:
    if entry.deprecated is None:
        hint = (
            "deprecate it first (deprecated: {since, reason, replaced_by}) and remove it "
            "in a later major release"
        )
        return CatalogChange("entry-removed", entry.code, "removed without being deprecated", hint)
    replaced = entry.deprecated.replaced_by
    message = f"removed after deprecation since {entry.deprecated.since}" + (
        f"; replaced by {replaced}" if replaced else ""
    )
    return CatalogChange("deprecated-entry-removed", entry.code, message)
