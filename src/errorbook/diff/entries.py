"""Classify the differences between two versions of one entry (see `changes.KINDS`)."""

from __future__ import annotations

from collections.abc import Iterator

from errorbook.diff.changes import CatalogChange
from errorbook.model import ErrorDef, Field

#: Entry parts that are documentation only: a change to them is a patch.
_DOC_PARTS = (
    "summary",
    "description",
    "causes",
    "fixes",
    "mistakes",
    "examples",
    "related",
    "tags",
    "since",
)


def compare_entries(before: ErrorDef, after: ErrorDef) -> Iterator[CatalogChange]:
    """Every classified difference between two versions of the same entry.

    Args:
        before: The entry in the old catalog.
        after: The matching entry in the new catalog (same code, or its successor).

    Yields:
        Changes reported under the old code.
    """
    yield from _identity(before, after)
    yield from _fields(before, after)
    yield from _headers(before, after)
    yield from _deprecation(before, after)
    if before.raised_by != after.raised_by:
        message = f"raised_by changed from {before.raised_by} to {after.raised_by}"
        yield _change("raised-by-changed", before, message)
    changed = [part for part in _DOC_PARTS if getattr(before, part) != getattr(after, part)]
    if changed:
        yield _change("docs-changed", before, "documentation changed: " + ", ".join(changed))


def _change(kind: str, entry: ErrorDef, message: str, hint: str | None = None) -> CatalogChange:
    return CatalogChange(kind, entry.code, message, hint)


def _identity(before: ErrorDef, after: ErrorDef) -> Iterator[CatalogChange]:
    if before.type_uri != after.type_uri:
        moved = f"type URI changed from {before.type_uri} to {after.type_uri}"
        if before.type_uri in after.aliases:
            yield _change("type-aliased", before, f"{moved}; the old URI is kept as an alias")
        else:
            hint = f"add {before.type_uri} to aliases, so clients and links that know it still work"
            yield _change("type-changed", before, f"{moved} without an alias", hint)
    for alias in before.aliases:
        if alias not in after.aliases and alias != after.type_uri:
            hint = "clients and links that still use it stop resolving; keep it in aliases"
            yield _change("alias-removed", before, f"alias {alias} removed", hint)
    for alias in after.aliases:
        if alias not in before.aliases and alias != before.type_uri:
            yield _change("alias-added", before, f"alias {alias} added")
    if before.status != after.status:
        message = f"status changed from {before.status} to {after.status}"
        hint = "clients branch on the status: add a new type for it and deprecate this one"
        yield _change("status-changed", before, message, hint)
    if before.title != after.title:
        message = f'title changed from "{before.title}" to "{after.title}"'
        hint = "RFC 9457 §3.1.3: a type's title should not change, except to localise it"
        yield _change("title-changed", before, message, hint)
    if before.detail != after.detail:
        yield _change("detail-changed", before, "default detail changed")


def _fields(before: ErrorDef, after: ErrorDef) -> Iterator[CatalogChange]:
    old = {field.name: field for field in before.fields}
    new = {field.name: field for field in after.fields}
    removed = [field for name, field in old.items() if name not in new]
    added = [field for name, field in new.items() if name not in old]
    for gone, fresh in _renames(removed, added):
        removed.remove(gone)
        added.remove(fresh)
        hint = "clients read members by name; keep the old name, or add the new one beside it"
        yield _change("field-renamed", before, f"field {gone.name} renamed to {fresh.name}", hint)
    for field in removed:
        hint = "clients that read it break; deprecate the entry or keep the field"
        yield _change("field-removed", before, f"field {field.name} removed", hint)
    for field in added:
        yield _added_field(before, field)
    for name in [name for name in old if name in new]:
        yield from _field_changes(before, old[name], new[name])


def _renames(removed: list[Field], added: list[Field]) -> list[tuple[Field, Field]]:
    """Pairs of a removed and an added field of the same type that look like one renamed.

    Alike means the same description or the same example; a lone removed field and a lone
    added field of its type are taken as a rename too.
    """
    pairs: list[tuple[Field, Field]] = []
    free = list(added)
    for gone in removed:
        same_type = [f for f in free if f.type == gone.type]
        alike = [
            f for f in same_type if gone.description == f.description or gone.example == f.example
        ]
        if not alike and len(same_type) == len(removed) == 1:
            alike = same_type
        if alike:
            pairs.append((gone, alike[0]))
            free.remove(alike[0])
    return pairs


def _added_field(entry: ErrorDef, field: Field) -> CatalogChange:
    if field.required:
        hint = "code that raises this error must now supply it; add it with required: false"
        message = f"new required field {field.name} ({field.type})"
        return _change("field-added-required", entry, message, hint)
    return _change("field-added", entry, f"new optional field {field.name} ({field.type})")


def _field_changes(entry: ErrorDef, old: Field, new: Field) -> Iterator[CatalogChange]:
    if old.type != new.type:
        message = f"field {old.name} changed type from {old.type} to {new.type}"
        hint = "clients parse the value by its type; add a new field instead"
        yield _change("field-type-changed", entry, message, hint)
    if old.required != new.required:
        if new.required:
            hint = "code that raises this error must now supply it"
            yield _change("field-now-required", entry, f"field {old.name} is now required", hint)
        else:
            hint = "clients that expect it in every occurrence break"
            yield _change("field-now-optional", entry, f"field {old.name} is now optional", hint)
    parts = [
        part for part in ("description", "example") if getattr(old, part) != getattr(new, part)
    ]
    if parts:
        message = f"field {old.name}: {' and '.join(parts)} changed"
        yield _change("field-doc-changed", entry, message)


def _headers(before: ErrorDef, after: ErrorDef) -> Iterator[CatalogChange]:
    old = {header.name.lower(): header for header in before.headers}
    new = {header.name.lower(): header for header in after.headers}
    for key, header in old.items():
        if key not in new:
            hint = "clients that read it (e.g. to wait for Retry-After) break"
            yield _change("header-removed", before, f"header {header.name} removed", hint)
        elif header.value != new[key].value or header.description != new[key].description:
            yield _change("header-changed", before, f"header {header.name} changed")
    for key, header in new.items():
        if key not in old:
            yield _change("header-added", before, f"new header {header.name}")


def _deprecation(before: ErrorDef, after: ErrorDef) -> Iterator[CatalogChange]:
    old, new = before.deprecated, after.deprecated
    if old is None and new is not None:
        replaced = f"; replaced by {new.replaced_by}" if new.replaced_by else ""
        yield _change("entry-deprecated", before, f"deprecated since {new.since}{replaced}")
    elif old is not None and new is None:
        yield _change("entry-undeprecated", before, "no longer deprecated")
    elif old != new:
        yield _change("deprecation-changed", before, "deprecation notice changed")
