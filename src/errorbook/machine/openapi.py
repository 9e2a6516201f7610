"""OpenAPI 3.1 components for the catalog, ready to be ``$ref``'d from an API description.

``components.schemas`` holds one flat RFC 9457 problem object per type, named by its code with
dots (``unkey.data.api_not_found``): dots are allowed in component names and never occur in a
code segment, so the name is unique and maps back to the code. ``components.responses`` holds
one response per HTTP status (``Problem404``): the types that share the status as a ``oneOf``
with a discriminator on ``type``, in the catalog's envelope.

A discriminator's ``propertyName`` must be a property of every alternative. With the wrapped
envelope ``{meta, error}`` the ``type`` member sits inside ``error``, so the union and its
discriminator are placed on ``error`` rather than on the whole body: the alternatives stay the
plain problem schemas, shared with the flat envelope, and code generators see one envelope
with a polymorphic ``error``.
"""

from __future__ import annotations

import hashlib
import http
import re
from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import Any

from errorbook.core.serialize import dump_json
from errorbook.machine.yaml_text import dump_yaml
from errorbook.model import Catalog, ErrorDef
from errorbook.model.body_schema import Schema, envelope, problem_object
from errorbook.model.layout import MEDIA_TYPES, docs_url

OPENAPI_VERSION = "3.1.0"
EXPORT_COMMAND = "errorbook export openapi"
SCHEMAS = "#/components/schemas/"
RESPONSES = "#/components/responses/"


def component_name(code: str) -> str:
    """The name of a type's schema in ``components.schemas``: ``unkey.data.api_not_found``."""
    return code.replace("/", ".")


def response_name(status: int) -> str:
    """The name of a status's response in ``components.responses``: ``Problem404``."""
    return f"Problem{status}"


#: An example response body per code, e.g. from `runtime_examples.example_responses`.
ExampleBodies = Mapping[str, Mapping[str, Any]]
#: Per path and method, the statuses of the catalog errors an operation may raise (the route
#: map of ``errorbook check-source``).
Operations = Mapping[str, Mapping[str, Sequence[int]]]
#: The HTTP methods in the order OpenAPI lists them.
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PARAMETER = re.compile(r"\{([^{}/]+)\}")


def openapi_document(
    catalog: Catalog,
    source: str,
    command: str = EXPORT_COMMAND,
    examples: ExampleBodies | None = None,
    operations: Operations | None = None,
) -> dict[str, Any]:
    """The OpenAPI 3.1 document that holds the catalog's components.

    Args:
        catalog: The loaded catalog.
        source: The catalog folder as the header names it, e.g. ``catalog/``.
        command: The command that regenerates the document, for its header.
        examples: An example body per code; each response lists those of its types.
        operations: The application's operations and the statuses of the errors each may
            raise; each becomes ``paths.<path>.<method>.responses.<status>``, a ``$ref`` to
            that status's response.

    Returns:
        A JSON-ready mapping with ``openapi``, ``info``, ``components`` and, given operations,
        ``paths``. ``info.version`` is a fingerprint of the components and paths, so it
        changes exactly when they do.
    """
    components = {
        "schemas": {
            component_name(entry.code): _component(catalog, entry) for entry in catalog.entries
        },
        "responses": _responses(catalog, examples or {}),
    }
    paths = _paths(operations, components["responses"]) if operations is not None else None
    printed = dump_json(components) + (dump_json(paths) if paths is not None else "")
    fingerprint = hashlib.sha256(printed.encode()).hexdigest()[:12]
    document: dict[str, Any] = {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": f"Problem types of {catalog.base_uri}",
            "description": _description(source, command),
            "version": f"0.0.0+{fingerprint}",
        },
    }
    if paths is not None:
        document["paths"] = paths
    document["components"] = components
    return document


def _paths(operations: Operations, responses: Mapping[str, Any]) -> dict[str, Any]:
    """Each operation's catalog errors, as ``$ref`` s to the responses of their statuses."""
    paths: dict[str, Any] = {}
    for path in sorted(operations):
        item: dict[str, Any] = {}
        names = list(dict.fromkeys(_PARAMETER.findall(path)))
        if names:  # every parameter of a path template must be declared (OpenAPI 3.1)
            item["parameters"] = [
                {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                for name in names
            ]
        for method in (m for m in _METHODS if operations[path].get(m)):
            statuses = sorted(set(operations[path][method]))
            item[method] = {
                "responses": {
                    str(status): {"$ref": RESPONSES + response_name(status)}
                    for status in statuses
                    if response_name(status) in responses
                }
            }
        if any(method in item for method in _METHODS):
            paths[path] = item
    return paths


def render_openapi(document: dict[str, Any], suffix: str) -> str:
    """The document as JSON (``.json``) or YAML (``.yaml``, ``.yml``) text.

    JSON announces itself at the start of ``info.description``, within the first kilobyte;
    YAML repeats that first line as a comment at the top.
    """
    if suffix == ".json":
        return dump_json(document)
    header = document["info"]["description"].partition("\n")[0]
    return f"# {header}\n{dump_yaml(document)}"


def _description(source: str, command: str) -> str:
    return (
        f"generated by errorbook from {source}; do not edit; regenerate with {command}\n\n"
        "Reference a status's response from an operation with "
        "`$ref: '#/components/responses/Problem404'`, or one type's problem object with "
        "`$ref: '#/components/schemas/<code with dots>'`."
    )


def _component(catalog: Catalog, entry: ErrorDef) -> Schema:
    schema = problem_object(entry)
    schema["externalDocs"] = {"url": docs_url(catalog, entry)}
    return schema


def _responses(catalog: Catalog, examples: ExampleBodies) -> dict[str, Any]:
    by_status = sorted(catalog.entries, key=lambda entry: (entry.status, entry.code))
    return {
        response_name(status): _response(catalog, list(entries), examples)
        for status, entries in groupby(by_status, key=lambda entry: entry.status)
    }


def _response(
    catalog: Catalog, entries: Sequence[ErrorDef], examples: ExampleBodies
) -> dict[str, Any]:
    union = {
        "oneOf": [{"$ref": SCHEMAS + component_name(entry.code)} for entry in entries],
        "discriminator": {
            "propertyName": "type",
            "mapping": {entry.type_uri: SCHEMAS + component_name(entry.code) for entry in entries},
        },
    }
    media: dict[str, Any] = {"schema": envelope(catalog.envelope, union)}
    shown = {
        component_name(entry.code): {"summary": entry.code, "value": examples[entry.code]}
        for entry in entries
        if entry.code in examples
    }
    if shown:
        media["examples"] = shown
    response: dict[str, Any] = {
        "description": _response_description(entries),
        "content": {MEDIA_TYPES[catalog.envelope]: media},
    }
    headers = _headers(entries)
    if headers:
        response["headers"] = headers
    return response


def _response_description(entries: Sequence[ErrorDef]) -> str:
    status = entries[0].status
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:  # a non-standard status such as 499
        phrase = entries[0].title
    if len(entries) == 1:
        return f"{status} {phrase}: the problem type {entries[0].code}."
    return f"{status} {phrase}: one of {len(entries)} problem types, told apart by `type`."


def _headers(entries: Sequence[ErrorDef]) -> dict[str, Any]:
    senders: dict[str, list[ErrorDef]] = {}
    for entry in entries:
        for header in entry.headers:
            senders.setdefault(header.name, []).append(entry)
    headers: dict[str, Any] = {}
    for name in sorted(senders):
        first = next(h for h in senders[name][0].headers if h.name == name)
        description = first.description.strip()
        everyone = len(senders[name]) == len(entries)
        if not everyone:
            description += " Sent by " + ", ".join(e.code for e in senders[name]) + "."
        headers[name] = {
            "description": description,
            "required": everyone,
            "schema": {"type": "string"},
        }
    return headers
