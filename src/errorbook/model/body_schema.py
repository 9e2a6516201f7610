"""The JSON Schema of a problem type's response body, derived from the model.

A type's schema describes the flat RFC 9457 problem object: ``type`` and ``status`` are
constants, ``title``, ``detail`` and ``instance`` are strings, and each declared field is a
typed extension member. It never says ``additionalProperties: false``: RFC 9457 §3.2 tells
clients to ignore members they do not know, which is how problem types evolve. Both the checks
(a hand-written response example must match it: E051) and the machine-readable outputs (the
schema files, OpenAPI) use it.
"""

from __future__ import annotations

from typing import Any

from errorbook.model import Envelope, ErrorDef, Field, Shape

DIALECT = "https://json-schema.org/draft/2020-12/schema"

Schema = dict[str, Any]


def member_schema(field: Field) -> Schema:
    """The schema of one extension member: its JSON type, description and example, and what
    an array or object member holds (`shape_schema`)."""
    schema = shape_schema(field.shape)
    schema["examples"] = [field.example]
    return schema


def shape_schema(shape: Shape) -> Schema:
    """The schema of a value of this shape, with its items' and properties' schemas.

    A nested object is open, like the problem object: members it does not declare are
    allowed, so adding one is not a breaking change.
    """
    schema: Schema = {}
    if shape.description:
        schema["description"] = shape.description.strip()
    schema["type"] = shape.type
    if shape.items is not None:
        schema["items"] = shape_schema(shape.items)
    if shape.properties:
        required = [member.name for member in shape.properties if member.required]
        if required:
            schema["required"] = required
        schema["properties"] = {
            member.name: shape_schema(member.shape) for member in shape.properties
        }
    return schema


def problem_object(entry: ErrorDef) -> Schema:
    """The schema of the flat problem object of one type, without identifying keywords.

    This is the part shared by the standalone schema file and the OpenAPI component.
    """
    properties = _standard_members(entry)
    properties.update((field.name, member_schema(field)) for field in entry.fields)
    required = ["type", "title", "status", "detail"]
    required += [field.name for field in entry.fields if field.required]
    schema: Schema = {
        "title": entry.code,
        "description": entry.summary,
        "type": "object",
        "required": required,
        "properties": properties,
    }
    if entry.deprecated is not None:
        schema["deprecated"] = True
    return schema


def _standard_members(entry: ErrorDef) -> Schema:
    return {
        "type": {"description": "The problem type's URI.", "const": entry.type_uri},
        "title": {
            "description": "The type's fixed title; it changes only with the language.",
            "type": "string",
            "examples": [entry.title],
        },
        "status": {
            "description": "The HTTP status code of the response.",
            "type": "integer",
            "const": entry.status,
        },
        "detail": {
            "description": f"This occurrence, explained. Template: {entry.detail}",
            "type": "string",
        },
        "instance": {
            "description": "A URI reference that identifies this occurrence.",
            "type": "string",
            "format": "uri-reference",
        },
    }


def envelope(kind: Envelope, problem: Schema) -> Schema:
    """The response body around a problem object: the object itself, or ``{meta, error}``."""
    if kind == "rfc9457":
        return problem
    return {
        "type": "object",
        "required": ["meta", "error"],
        "properties": {
            "meta": {
                "type": "object",
                "required": ["requestId"],
                "properties": {
                    "requestId": {
                        "description": "The id of the request, for support and logs.",
                        "type": "string",
                    }
                },
            },
            "error": problem,
        },
    }
