"""Catalog entries → template-ready views of the generated Python classes.

A generated class states only what differs between entries: its facts and member table as
class keywords (the runtime's ``Problem.__init_subclass__`` keeps them), its typed attributes,
and a typed keyword-only constructor that hands the members to the runtime. Everything the
template prints is computed here and laid out by `pysource`, so the output needs no formatter;
catalog text only ever reaches the source as an escaped string literal or docstring.
"""

from __future__ import annotations

from dataclasses import dataclass

from errorbook.model import ErrorDef, Field, Header
from errorbook.model.naming import attribute_name, class_name
from errorbook.python.pysource import (
    Brackets,
    Item,
    Section,
    Text,
    docstring,
    layout,
    natural_sort_key,
    string_literal,
)
from errorbook.python.typed_dicts import TypedDictView, field_annotation, typed_dicts

#: The constructor's own parameters, after the members'.
_STANDARD_PARAMETERS = (
    "detail: str | None = None",
    "instance: str | None = None",
    "extensions: Mapping[str, Any] | None = None",
)


@dataclass(frozen=True, slots=True)
class ClassView:
    """One generated problem class: each part is a list of source lines, indented."""

    name: str
    statement: tuple[str, ...]
    docstring: tuple[str, ...]
    attributes: tuple[str, ...]
    constructor: tuple[str, ...]
    #: The TypedDicts its members' types need, defined before the class.
    typed_dicts: tuple[TypedDictView, ...] = ()


def class_view(entry: ErrorDef) -> ClassView:
    """The view of one entry's class."""
    return ClassView(
        name=class_name(entry.name),
        statement=tuple(_statement(entry)),
        docstring=tuple(docstring(_class_doc(entry), indent=1)),
        attributes=tuple(_attributes(entry)),
        constructor=tuple(_constructor(entry)) if entry.fields else (),
        typed_dicts=tuple(typed_dicts(class_name(entry.name), entry)),
    )


def uses_typing_names(view: ClassView) -> bool:
    """Whether the class's annotations name ``Mapping`` and ``Any`` (its constructor does)."""
    return bool(view.constructor)


def _statement(entry: ErrorDef) -> list[str]:
    """``class Name(Problem, code=..., ...):`` with one keyword per line."""
    keywords: list[Item] = [
        "Problem",
        ("code=", Text(entry.code)),
        ("type=", Text(entry.type_uri)),
        f"status={entry.status}",
        ("title=", Text(entry.title)),
        ("default_detail=", Text(entry.detail)),
    ]
    if entry.fields:
        keywords.append(("members=", Brackets("[", [_member(f) for f in entry.fields], "]")))
    sent = [header for header in entry.headers if header.value is not None]
    # Fixed values first, then those filled from members: the order headers() has kept.
    sent.sort(key=lambda header: "{" in (header.value or "").replace("{{", ""))
    headers = [_header(header) for header in sent]
    if headers:
        keywords.append(("headers=", Brackets("[", headers, "]")))
    if entry.deprecated:
        keywords.append(("deprecation=", Text(_deprecation_message(entry))))
    return layout(Brackets(f"class {class_name(entry.name)}(", keywords, "):", explode=True))


def _member(field: Field) -> Brackets:
    names = (string_literal(field.name), string_literal(attribute_name(field.name)))
    return Brackets("(", [*names, string_literal(field.type), str(field.required)], ")")


def _header(header: Header) -> Brackets:
    assert header.value is not None
    return Brackets("(", [string_literal(header.name), Text(header.value)], ")")


def _class_doc(entry: ErrorDef) -> list[str | Section]:
    paragraphs: list[str | Section] = [f"{entry.title} ({entry.status}): {entry.summary}"]
    if entry.deprecated:
        paragraphs.append(f"Deprecated since {entry.deprecated.since}: {entry.deprecated.reason}")
    paragraphs.append(f"Code {entry.code}; documented at {entry.type_uri}")
    if entry.fields:
        paragraphs.append(("Attributes:", [_field_doc(entry, field) for field in entry.fields]))
    if entry.headers:
        paragraphs.append(("Headers:", [_header_doc(header) for header in entry.headers]))
    return paragraphs


def _header_doc(header: Header) -> str:
    sent = f" Sent as {header.value!r}." if header.value is not None else " Not sent by headers()."
    return f"{header.name}: {header.description}{sent}"


def _field_doc(entry: ErrorDef, field: Field) -> str:
    attribute = attribute_name(field.name)
    wire = "" if attribute == field.name else f" (JSON member {field.name})"
    return f"{attribute} ({_annotation(entry, field)}): {field.description}{wire}"


def _attributes(entry: ErrorDef) -> list[str]:
    """``__slots__`` and the annotations of the members' attributes."""
    slots = sorted((attribute_name(f.name) for f in entry.fields), key=natural_sort_key)
    lines = layout(
        ("__slots__ = ", Brackets("(", [string_literal(s) for s in slots], ")", tuple_=True)), 1
    )
    return lines + [f"    {attribute_name(f.name)}: {_annotation(entry, f)}" for f in entry.fields]


def _annotation(entry: ErrorDef, field: Field) -> str:
    return field_annotation(class_name(entry.name), field)


def _deprecation_message(entry: ErrorDef) -> str:
    assert entry.deprecated is not None
    message = f"{entry.code} is deprecated since {entry.deprecated.since}"
    replacement = entry.deprecated.replaced_by
    return message + (f"; use {replacement} instead" if replacement else "")


def _constructor(entry: ErrorDef) -> list[str]:
    """``def __init__(self, *, member: type, ..., detail=..., ...)``, handing the members to
    the runtime in the order of the member table."""
    parameters = [
        f"{attribute_name(f.name)}: {_annotation(entry, f)}" + ("" if f.required else " = None")
        for f in entry.fields
    ]
    signature = Brackets(
        "def __init__(", ["self", "*", *parameters, *_STANDARD_PARAMETERS], ") -> None:"
    )
    values = [attribute_name(field.name) for field in entry.fields]
    call = Brackets("self._setup(", ["detail", "instance", "extensions", *values], ")")
    return [*layout(signature, 1), *layout(call, 2)]
