"""Catalog entries → template-ready views of the generated Python classes.

Everything the templates print is computed here: names, annotations, and every literal,
already laid out by `pysource` so the output needs no formatter. Catalog text only ever
reaches the source as an escaped string literal or an escaped docstring.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from errorbook.model import ErrorDef, Field, Header
from errorbook.model.naming import attribute_name, class_name
from errorbook.python.pysource import (
    LINE_LENGTH,
    Section,
    assignment,
    docstring,
    natural_sort_key,
    sequence,
    string_literal,
)

_ANNOTATIONS = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "array": "list[Any]",
    "object": "dict[str, Any]",
}


@dataclass(frozen=True, slots=True)
class FieldView:
    """One extension member as the constructor takes (``parameter``) and checks it."""

    parameter: str
    check: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClassView:
    """One generated problem class: each part is a list of source lines, indented."""

    name: str
    docstring: tuple[str, ...]
    attributes: tuple[str, ...]
    fields: tuple[FieldView, ...]
    detail: tuple[str, ...]
    to_dict: tuple[str, ...]
    headers: tuple[str, ...]
    needs: frozenset[str]
    type_names: frozenset[str]


def class_view(entry: ErrorDef) -> ClassView:
    """The view of one entry's class."""
    fields = tuple(_field_view(field) for field in entry.fields)
    return ClassView(
        name=class_name(entry.name),
        docstring=tuple(docstring(_class_doc(entry), indent=1)),
        attributes=tuple(_attributes(entry)),
        fields=fields,
        detail=tuple(_detail(entry)),
        to_dict=tuple(_to_dict(entry)) if entry.fields else (),
        headers=tuple(_dynamic_headers(entry)),
        needs=_needs(entry),
        type_names=_type_names(entry),
    )


def _needs(entry: ErrorDef) -> frozenset[str]:
    """The private helpers of the package root this entry's class calls."""
    names = {"Problem"} | {_checker(field) for field in entry.fields}
    by_name = {field.name: field for field in entry.fields}
    placeholders = [by_name[name] for name in entry.placeholders]
    if any(not field.required for field in placeholders):
        names.add("_missing")
    if any(field.type != "string" for field in placeholders):
        names.add("_text")
    if any(h.value is not None and _header_fields(h) for h in entry.headers):
        names.add("_header")
    return frozenset(names)


def _type_names(entry: ErrorDef) -> frozenset[str]:
    """What the class's annotations name, for the module's ``if TYPE_CHECKING:`` imports."""
    names: set[str] = set()
    if entry.fields or _formats_detail(entry):
        names |= {"Mapping", "Any"}  # the constructor's signature
    if entry.fields or any(h.value is not None and not _header_fields(h) for h in entry.headers):
        names |= {"ClassVar", "Mapping"}  # _members and _headers
    return frozenset(names)


def _checker(field: Field) -> str:
    return "_" + field.type + ("" if field.required else "_or_none")


def _class_doc(entry: ErrorDef) -> list[str | Section]:
    paragraphs: list[str | Section] = [f"{entry.title} ({entry.status}): {entry.summary}"]
    if entry.deprecated:
        paragraphs.append(f"Deprecated since {entry.deprecated.since}: {entry.deprecated.reason}")
    paragraphs.append(f"Code {entry.code}; documented at {entry.type_uri}")
    if entry.fields:
        paragraphs.append(("Attributes:", [_field_doc(field) for field in entry.fields]))
    if entry.headers:
        paragraphs.append(("Headers:", [_header_doc(header) for header in entry.headers]))
    return paragraphs


def _header_doc(header: Header) -> str:
    sent = f" Sent as {header.value!r}." if header.value is not None else " Not sent by headers()."
    return f"{header.name}: {header.description}{sent}"


def _field_doc(field: Field) -> str:
    attribute = attribute_name(field.name)
    annotation = _ANNOTATIONS[field.type] + ("" if field.required else " | None")
    wire = "" if attribute == field.name else f" (JSON member {field.name})"
    return f"{attribute} ({annotation}): {field.description}{wire}"


def _attributes(entry: ErrorDef) -> list[str]:
    """``__slots__``, the public class constants, the instance attributes, then private data."""
    slots = sorted((attribute_name(f.name) for f in entry.fields), key=natural_sort_key)
    lines = sequence("__slots__ = (", [string_literal(s) for s in slots], ")", 1, tuple_=True)
    lines += assignment("code", entry.code, indent=1)
    lines += assignment("type", entry.type_uri, indent=1)
    lines.append(f"    status = {entry.status}")
    lines += assignment("title", entry.title, indent=1)
    lines += assignment("default_detail", entry.detail, indent=1)
    lines += [f"    {_annotation(field)}" for field in entry.fields]
    return lines + _private_attributes(entry)


def _private_attributes(entry: ErrorDef) -> list[str]:
    lines: list[str] = []
    if _formats_detail(entry):
        lines += assignment("_detail_format", _percent_format(entry.detail), indent=1)
    members = [
        f"{string_literal(f.name)}: {string_literal(attribute_name(f.name))}" for f in entry.fields
    ]
    if members:
        lines += sequence("_members: ClassVar[Mapping[str, str]] = {", members, "}", indent=1)
    static = [
        f"{string_literal(h.name)}: {string_literal(_unescape(h.value))}"
        for h in entry.headers
        if h.value is not None and not _header_fields(h)
    ]
    if static:
        lines += sequence("_headers: ClassVar[Mapping[str, str]] = {", static, "}", indent=1)
    if entry.deprecated:
        lines += assignment("_deprecation", _deprecation_message(entry), indent=1)
    return lines


def _annotation(field: Field) -> str:
    annotation = _ANNOTATIONS[field.type]
    suffix = "" if field.required else " | None"
    return f"{attribute_name(field.name)}: {annotation}{suffix}"


def _deprecation_message(entry: ErrorDef) -> str:
    assert entry.deprecated is not None
    message = f"{entry.code} is deprecated since {entry.deprecated.since}"
    replacement = entry.deprecated.replaced_by
    return message + (f"; use {replacement} instead" if replacement else "")


def _field_view(field: Field) -> FieldView:
    attribute = attribute_name(field.name)
    checker = _checker(field)
    default = "" if field.required else " = None"
    check = sequence(
        f"self.{attribute} = {checker}(",
        ["self", string_literal(attribute), attribute],
        ")",
        indent=2,
    )
    return FieldView(_annotation(field) + default, tuple(check))


def _detail(entry: ErrorDef) -> list[str]:
    names = entry.placeholders
    if not _formats_detail(entry):
        if not entry.fields:
            return []  # the base class's constructor is all this class needs
        return ["        if detail is None:", "            detail = self.default_detail"]
    by_name = {field.name: field for field in entry.fields}
    lines = ["        if detail is None:"]
    for name in names:
        field = by_name[name]
        if not field.required:
            attribute = attribute_name(name)
            lines.append(f"            if {attribute} is None:")
            lines += sequence(
                "_missing(", ["self", string_literal(attribute), string_literal(name)], ")", 4
            )
    values = [_as_text(by_name[name]) for name in _occurrences(entry.detail)]
    lines += sequence("detail = self._detail_format % (", values, ")", indent=3, tuple_=True)
    return lines


def _formats_detail(entry: ErrorDef) -> bool:
    """Whether the detail template has placeholders or escaped braces to resolve."""
    return bool(entry.placeholders) or "{" in entry.detail or "}" in entry.detail


def _occurrences(template: str) -> list[str]:
    """Every placeholder of a template in order, repeats included."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


def _percent_format(template: str) -> str:
    """A ``{name}`` template as a ``%s`` one, which fills several times faster."""
    parts = string.Formatter().parse(template)
    return "".join(
        text.replace("%", "%%") + ("%s" if name is not None else "") for text, name, _, _ in parts
    )


def _as_text(field: Field) -> str:
    value = attribute_name(field.name)
    return value if field.type == "string" else f"_text({value})"


def _to_dict(entry: ErrorDef) -> list[str]:
    lines: list[str] = []
    for field in entry.fields:
        attribute = attribute_name(field.name)
        target = f"data[{string_literal(field.name)}]"
        if field.required:
            lines += _assign(target, f"self.{attribute}", 2)
        else:
            lines.append(f"        if self.{attribute} is not None:")
            lines += _assign(target, f"self.{attribute}", 3)
    return lines


def _assign(target: str, value: str, indent: int) -> list[str]:
    pad = "    " * indent
    line = f"{pad}{target} = {value}"
    if len(line) <= LINE_LENGTH:
        return [line]
    # ruff format puts a right-hand side that does not fit in parentheses on its own line.
    return [f"{pad}{target} = (", f"{pad}    {value}", f"{pad})"]


def _dynamic_headers(entry: ErrorDef) -> list[str]:
    by_name = {field.name: field for field in entry.fields}
    lines: list[str] = []
    for header in entry.headers:
        names = _header_fields(header)
        if header.value is None or not names:
            continue
        optional = [attribute_name(n) for n in names if not by_name[n].required]
        pad = 3 if optional else 2
        if optional:
            condition = " and ".join(f"self.{a} is not None" for a in optional)
            lines.append(f"        if {condition}:")
        values = [f"{string_literal(n)}: self.{attribute_name(n)}" for n in names]
        lines += sequence("values = {", values, "}", indent=pad)
        target = f"headers[{string_literal(header.name)}]"
        call = f"_header({string_literal(header.value)}, values)"
        lines += _assign(target, call, pad)
    return lines


def _header_fields(header: Header) -> tuple[str, ...]:
    if header.value is None:
        return ()
    return tuple(
        name for _, name, _, _ in string.Formatter().parse(header.value) if name is not None
    )


def _unescape(template: str | None) -> str:
    """A template without placeholders, as sent: ``{{`` and ``}}`` become single braces."""
    assert template is not None
    return template.format_map({})
