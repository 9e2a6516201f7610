"""Classify the differences between two versions of one entry (see `changes.KINDS`)."""

from __future__ import annotations

from collections.abc import Iterator

from errorbook.diff.changes import CatalogChange
from errorbook.model import ErrorDef, Field, Shape

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
        if old[name].type == new[name].type:
            yield from _nested_changes(before, old[name], new[name])


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


def _nested_changes(entry: ErrorDef, old: Field, new: Field) -> Iterator[CatalogChange]:
    """What changed in what a field holds: each nested member (``errors[].fix``) is
    classified like a field. Starting or stopping to declare an array's items or an object's
    properties is documentation, since the values sent do not change; nothing below a member
    that was added or removed is reported again."""
    before, after = _nested(old), _nested(new)
    before[old.name], after[new.name] = old, new
    undeclared: set[str] = set()
    for path in sorted((before.keys() | after.keys()) - {old.name}):
        parent = _parent(path)
        if parent not in before or parent not in after or parent in undeclared:
            continue
        if path in before and path in after:
            yield from _field_changes(entry, before[path], after[path])
        elif path.endswith("[]") or not before[parent].properties or not after[parent].properties:
            undeclared.add(parent)
            what = "items" if path.endswith("[]") else "properties"
            state = "declared" if path in after else "no longer declared"
            yield _change("field-doc-changed", entry, f"field {parent}: {what} {state}")
        elif path in before:
            hint = "clients that read it break; keep the member"
            yield _change("field-removed", entry, f"field {path} removed", hint)
        else:
            yield _added_field(entry, after[path])


def _nested(field: Field) -> dict[str, Field]:
    """Every member nested in a field, by path (``errors[]``, ``errors[].fix``), as a field."""
    found: dict[str, Field] = {}

    def walk(shape: Shape, name: str) -> None:
        if shape.items is not None:
            items = shape.items
            path = name + "[]"
            found[path] = Field(
                path, items.type, items.description, None, True, items.items, items.properties
            )
            walk(items, path)
        for member in shape.properties:
            path = f"{name}.{member.name}"
            nested = member.shape
            found[path] = Field(
                path,
                nested.type,
                nested.description,
                None,
                member.required,
                nested.items,
                nested.properties,
            )
            walk(nested, path)

    walk(field.shape, field.name)
    return found


def _parent(path: str) -> str:
    if path.endswith("[]"):
        return path[:-2]
    return path.rpartition(".")[0]


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
