"""Python types for what a member holds: annotations, and a TypedDict per declared object.

A member of type array or object is ``list[Any]`` or ``dict[str, Any]`` unless the catalog
says what it holds (``items``, ``properties``); then an array of strings is ``list[str]`` and
an object with properties a ``TypedDict`` named after its class and member
(``InvalidInputErrorsItem`` for an item of ``InvalidInput.errors``). The TypedDicts are real
classes of the module, so a raiser can import them to build values; their annotations are
strings (the modules use ``from __future__ import annotations``), so only ``TypedDict``
itself is needed at run time.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterator
from dataclasses import dataclass

from errorbook.model import ErrorDef, Field, Shape
from errorbook.model.naming import attribute_name, nested_class_name
from errorbook.python.pysource import Brackets, Text, docstring, layout, string_literal

_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


@dataclass(frozen=True, slots=True)
class TypedDictView:
    """One generated TypedDict: its name, and its definition as lines of source."""

    name: str
    lines: tuple[str, ...]
    optional_keys: bool


def annotation(shape: Shape, owner: str) -> str:
    """The Python type of a value of ``shape``; ``owner`` names the TypedDict it may need."""
    scalar = _SCALARS.get(shape.type)
    if scalar is not None:
        return scalar
    if shape.type == "array":
        if shape.items is None:
            return "list[Any]"
        return f"list[{annotation(shape.items, nested_class_name(owner, '', item=True))}]"
    return owner if shape.properties else "dict[str, Any]"


def field_annotation(entry_class: str, field: Field) -> str:
    """The attribute's type: `annotation`, ``| None`` when the member is optional."""
    kind = annotation(field.shape, nested_class_name(entry_class, field.name))
    return kind + ("" if field.required else " | None")


def typed_dicts(entry_class: str, entry: ErrorDef) -> list[TypedDictView]:
    """Every TypedDict the entry's members need, innermost first."""
    views: list[TypedDictView] = []
    for field in entry.fields:
        where = f"{entry_class}.{attribute_name(field.name)}"
        views += _views(field.shape, nested_class_name(entry_class, field.name), where)
    return views


def _views(shape: Shape, owner: str, where: str) -> Iterator[TypedDictView]:
    if shape.items is not None:
        yield from _views(
            shape.items, nested_class_name(owner, "", item=True), f"an item of {where}"
        )
    if not shape.properties:
        return
    for member in shape.properties:
        yield from _views(
            member.shape, nested_class_name(owner, member.name), f"{member.name} of {where}"
        )
    yield _typed_dict(shape, owner, where)


def _typed_dict(shape: Shape, name: str, where: str) -> TypedDictView:
    types = {
        member.name: _key_type(member.shape, nested_class_name(name, member.name), member.required)
        for member in shape.properties
    }
    summary = shape.description or f"{where[:1].upper()}{where[1:]}."
    attributes = [
        f"{member.name} ({types[member.name]}): {member.shape.description}".rstrip(": ")
        for member in shape.properties
    ]
    optional = any(not member.required for member in shape.properties)
    if all(name.isidentifier() and not keyword.iskeyword(name) for name in types):
        lines = [f"class {name}(TypedDict):"]
        lines += docstring([summary, ("Attributes:", attributes)], indent=1)
        lines += ["", *(f"    {key}: {kind}" for key, kind in types.items())]
        return TypedDictView(name, tuple(lines), optional)
    # A key Python cannot spell as an attribute: the functional form, its types quoted so
    # that nothing is evaluated when the module is imported.
    keys = Brackets(
        "{", [(f"{string_literal(key)}: ", Text(kind)) for key, kind in types.items()], "}"
    )
    call = Brackets("TypedDict(", [string_literal(name), keys], ")")
    return TypedDictView(name, tuple(layout((f"{name} = ", call))), optional)


def _key_type(shape: Shape, owner: str, required: bool) -> str:
    kind = annotation(shape, owner)
    return kind if required else f"NotRequired[{kind}]"
