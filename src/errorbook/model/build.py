"""The plain data of a schema-valid entry → an `ErrorDef`, with every default applied."""

from __future__ import annotations

from typing import Any

from errorbook.model import (
    Deprecation,
    ErrorDef,
    Example,
    Field,
    Header,
    Property,
    Shape,
    Step,
    first_sentence,
)


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
        fields=tuple(_field(name, spec) for name, spec in data.get("fields", {}).items()),
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
        raised_by=data.get("raised_by", "application"),
    )


def _field(name: str, spec: dict[str, Any]) -> Field:
    shape = _shape(spec)
    return Field(
        name,
        shape.type,
        spec["description"],
        spec["example"],
        spec.get("required", True),
        shape.items,
        shape.properties,
    )


def _shape(spec: dict[str, Any]) -> Shape:
    """The shape of a field, an array's items or an object's member, recursively."""
    items = spec.get("items")
    return Shape(
        spec["type"],
        spec.get("description", ""),
        _shape(items) if isinstance(items, dict) else None,
        tuple(
            Property(name, _shape(member), member.get("required", True))
            for name, member in (spec.get("properties") or {}).items()
        ),
    )


def _steps(items: list[Any]) -> tuple[Step, ...]:
    return tuple(
        Step(item) if isinstance(item, str) else Step(item["text"], item["title"]) for item in items
    )
