"""JSON Schemas (draft 2020-12) for the catalog's problem types: one per type, and one for all.

A type's schema describes the flat RFC 9457 problem object: ``type`` and ``status`` are
constants, ``title``, ``detail`` and ``instance`` are strings, and each declared field is a
typed extension member. It never says ``additionalProperties: false``: RFC 9457 §3.2 tells
clients to ignore members they do not know, which is how problem types evolve.

The combined schema ``problems.json`` describes any response body of the catalog: the problem
object inside the configured envelope. It bundles every type's schema under ``$defs`` (each
keeps its ``$id``, so a validator needs no network) and picks the one to apply from ``type``
with ``if``/``then``, so a wrong body gets the errors of its own type, not those of all types.
"""

from __future__ import annotations

from typing import Any

from errorbook.model import Catalog, Envelope, ErrorDef, Field

DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: Where the schemas live below the docs folder, and so below the site's base URI.
SCHEMA_FOLDER = "schemas"
COMBINED_NAME = "problems"

Schema = dict[str, Any]


def schema_path(code: str) -> str:
    """The schema file of a type, relative to the docs folder: ``schemas/<code>.json``."""
    return f"{SCHEMA_FOLDER}/{code}.json"


def schema_url(catalog: Catalog, code: str) -> str:
    """The absolute URL the site serves a type's schema at; also its ``$id``."""
    return catalog.base_uri + schema_path(code)


def combined_url(catalog: Catalog) -> str:
    """The absolute URL of the combined schema; also its ``$id``."""
    return catalog.base_uri + schema_path(COMBINED_NAME)


def member_schema(field: Field) -> Schema:
    """The schema of one extension member: its JSON type, description and example."""
    return {
        "description": field.description.strip(),
        "type": field.type,
        "examples": [field.example],
    }


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


def problem_schema(catalog: Catalog, entry: ErrorDef) -> Schema:
    """The standalone schema of one problem type, as served at `schema_url`.

    Args:
        catalog: The catalog the entry belongs to (for the base URI).
        entry: The problem type.

    Returns:
        A JSON Schema 2020-12 document; ``$comment`` comes first and names the source file.
    """
    return {
        "$comment": _comment(entry.source),
        "$schema": DIALECT,
        "$id": schema_url(catalog, entry.code),
        **problem_object(entry),
    }


def combined_schema(catalog: Catalog, source: str) -> Schema:
    """The schema of every response body of the catalog, in its envelope.

    Args:
        catalog: The catalog.
        source: The catalog folder as the header names it, e.g. ``catalog/``.

    Returns:
        A JSON Schema 2020-12 document that bundles every type's schema under ``$defs``.
    """
    bundled = {entry.code: _embedded(catalog, entry) for entry in catalog.entries}
    problem = {
        "description": "An RFC 9457 problem object of one of the catalog's types.",
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": [entry.type_uri for entry in catalog.entries]}},
        "allOf": [
            {
                "if": {"properties": {"type": {"const": entry.type_uri}}, "required": ["type"]},
                "then": {"$ref": schema_url(catalog, entry.code)},
            }
            for entry in catalog.entries
        ],
    }
    return {
        "$comment": _comment(source),
        "$schema": DIALECT,
        "$id": combined_url(catalog),
        "title": "problems",
        "description": _envelope_description(catalog.envelope),
        **envelope(catalog.envelope, {"$ref": "#/$defs/problem"}),
        "$defs": {"problem": problem, **bundled},
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


def _envelope_description(kind: Envelope) -> str:
    if kind == "rfc9457":
        return "A response body of the catalog: an RFC 9457 problem object."
    return "A response body of the catalog: {meta: {requestId}, error: <RFC 9457 problem object>}."


def _embedded(catalog: Catalog, entry: ErrorDef) -> Schema:
    schema = problem_schema(catalog, entry)
    del schema["$comment"]
    return schema


def _comment(source: str) -> str:
    return f"generated by errorbook from {source}; do not edit; regenerate with errorbook generate"
