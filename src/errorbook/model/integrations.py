"""What the web-framework adapters make of the frameworks' own errors, derived from the model.

The configuration's ``problems`` table names an entry for request validation errors and for
the framework errors of an HTTP status (``"404"``, ``"405"``, ``"500"``...). The adapters build
that entry's class with nothing but what a framework error carries: a validation error's list
of (location, message) problems, which goes into the entry's first array member. So a mapped
entry may require no other member, and its default detail may name no other one; the check
(E037) and the generator both ask `mapping_problem` and `validation_items` here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from errorbook.model import ErrorDef, Field

#: The ``problems`` key of request validation errors (the configuration's own spelling).
VALIDATION = "validation"

#: Item members that receive a validation problem's location, then its message, by
#: preference; the first one an item declares (as a string) is used.
LOCATION_KEYS = ("location", "loc", "path", "pointer", "field", "param", "name", "source")
MESSAGE_KEYS = ("message", "msg", "detail", "reason", "description", "error")


@dataclass(frozen=True, slots=True)
class ValidationItems:
    """How a validation error's problems fill the mapped entry's array member.

    Attributes:
        member: The member's JSON name (``errors``).
        form: ``object`` (one object per problem) or ``string`` (``"location: message"``).
        location: The item member for the problem's location (``body.apiId``), or None.
        message: The item member for the problem's message, or None.
    """

    member: str
    form: Literal["object", "string"]
    location: str | None = "location"
    message: str | None = "message"


def validation_items(entry: ErrorDef) -> ValidationItems | None:
    """The plan for the entry's first array member, or None when it has none (or when the
    items are of a kind no validation problem fits: `mapping_problem` says why)."""
    field = _array_member(entry)
    if field is None:
        return None
    items = field.items
    if items is None:
        return ValidationItems(field.name, "object")
    if items.type == "string":
        return ValidationItems(field.name, "string", None, None)
    if items.type != "object":
        return None
    if not items.properties:
        return ValidationItems(field.name, "object")
    strings = [m.name for m in items.properties if m.shape.type == "string"]
    location = next((key for key in LOCATION_KEYS if key in strings), None)
    message = next((key for key in MESSAGE_KEYS if key in strings), None)
    if location is None and message is None:
        return None
    return ValidationItems(field.name, "object", location, message)


def mapping_problem(key: str, entry: ErrorDef) -> str | None:
    """Why the adapters cannot build ``entry`` for the framework errors of ``key``, or None."""
    if key == VALIDATION and not 400 <= entry.status <= 499:
        return f"a {entry.status}: request validation errors are client errors (4xx)"
    if key != VALIDATION and entry.status != int(key):
        return f"a {entry.status}: it must be a {key} problem"
    filled = _array_member(entry) if key == VALIDATION else None
    for field in entry.fields:
        if field is filled:
            continue
        if field.required:
            return f"whose required member {field.name} the adapters cannot fill"
        if field.name in entry.placeholders:
            return f"whose default detail names {{{field.name}}}, which the adapters do not fill"
    if filled is not None:
        return _items_problem(entry, filled)
    return None


def _items_problem(entry: ErrorDef, field: Field) -> str | None:
    plan = validation_items(entry)
    items = field.items
    if plan is None or items is None:
        kind = items.type if items is not None else "unknown"
        return (
            f"whose member {field.name} holds items of type {kind}, which no validation problem "
            "fits: declare items of type object (with a location or message member) or string"
        )
    used = {plan.location, plan.message}
    for member in items.properties:
        if member.required and member.name not in used:
            return (
                f"whose member {field.name} has items with a required member {member.name}, "
                "which the adapters cannot fill"
            )
    return None


def _array_member(entry: ErrorDef) -> Field | None:
    return next((field for field in entry.fields if field.type == "array"), None)
