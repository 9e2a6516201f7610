"""The catalog's OpenAPI components, and per-route responses that reference them.

errorbook writes ``integrations/openapi.json`` next to the adapters: the components that
``errorbook export openapi`` writes (one schema per type, one response per status), plus, per
type, what a route's response needs (its component, docs URL, example body and headers). The
adapters merge the components into the app's document and build routes' responses from it.
"""

from __future__ import annotations

from ..problem import Problem
from . import core

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

#: The data file's name, in the package's ``integrations`` folder.
DATA_FILE = "openapi.json"
SCHEMAS = "#/components/schemas/"
_data: dict[str, Any] | None = None


def data() -> dict[str, Any]:
    """The generated OpenAPI data, read once from the package."""
    global _data
    if _data is None:
        import importlib.resources
        import json

        folder = importlib.resources.files(f"{core._package}.integrations")
        _data = json.loads(folder.joinpath(DATA_FILE).read_text(encoding="utf-8"))
    return _data


def components() -> dict[str, dict[str, Any]]:
    """``components.schemas`` and ``components.responses``, as the export writes them."""
    found: dict[str, dict[str, Any]] = data()["components"]
    return found


def merge_components(document: dict[str, Any]) -> dict[str, Any]:
    """Add the catalog's components to an OpenAPI document, keeping the app's own ones."""
    target = document.setdefault("components", {})
    for kind, items in components().items():
        mine = target.setdefault(kind, {})
        for name, item in items.items():
            mine.setdefault(name, item)
    return document


def responses(classes: Iterable[type[Problem]]) -> dict[int, dict[str, Any]]:
    """Per status, the OpenAPI response of the given problem classes: a ``oneOf`` of their
    schemas with a discriminator on ``type``, one named example per class (its ``body()``
    with its members' examples), the headers they send, and a description that names each
    with its title and a link to its page.

    Raises:
        TypeError: A class is not a problem class of this package's catalog.
    """
    types = data()["types"]
    by_status: dict[int, list[type[Problem]]] = {}
    for cls in classes:
        code = cls.code if isinstance(cls, type) and issubclass(cls, Problem) else None
        if code is None or code not in types:
            message = f"responses() takes problem classes of the catalog, got {cls!r}"
            raise TypeError(message)
        group = by_status.setdefault(cls.status, [])
        if cls not in group:
            group.append(cls)
    ordered = sorted(by_status.items())
    return {status: _response(group, types) for status, group in ordered}


def _response(classes: list[type[Problem]], types: dict[str, Any]) -> dict[str, Any]:
    facts = [types[str(cls.code)] for cls in classes]
    pairs = list(zip(classes, facts, strict=True))
    refs = {cls.type: SCHEMAS + fact["schema"] for cls, fact in pairs}
    union = {
        "oneOf": [{"$ref": ref} for ref in refs.values()],
        "discriminator": {"propertyName": "type", "mapping": refs},
    }
    schema = union
    envelope = data()["envelope"]
    if envelope is not None:
        schema = {**envelope, "properties": {**envelope["properties"], "error": union}}
    examples = {
        fact["schema"]: {"summary": cls.code, "value": fact["example"]}
        for cls, fact in zip(classes, facts, strict=True)
    }
    response: dict[str, Any] = {
        "description": description(classes, facts),
        "content": {Problem._content_type: {"schema": schema, "examples": examples}},
    }
    headers = _headers(classes, facts)
    if headers:
        response["headers"] = headers
    return response


def description(classes: list[type[Problem]], facts: list[dict[str, Any]]) -> str:
    """``404``'s types, one line each: the code linked to its page, its title and summary."""
    lines = [
        f"- [{cls.code}]({fact['docs']}) ({cls.title}): {fact['summary']}"
        for cls, fact in zip(classes, facts, strict=True)
    ]
    if len(lines) == 1:
        return lines[0][2:]
    head = f"One of {len(lines)} problem types, told apart by `type`:"
    return head + "\n\n" + "\n".join(lines)


def _headers(
    classes: list[type[Problem]],
    facts: list[dict[str, Any]],
) -> dict[str, Any]:
    senders: dict[str, list[str]] = {}
    described: dict[str, str] = {}
    for cls, fact in zip(classes, facts, strict=True):
        for name, text in fact["headers"].items():
            senders.setdefault(name, []).append(str(cls.code))
            described.setdefault(name, text)
    headers = {}
    for name in sorted(senders):
        everyone = len(senders[name]) == len(classes)
        text = described[name]
        if not everyone:
            text += " Sent by " + ", ".join(senders[name]) + "."
        headers[name] = {
            "description": text,
            "required": everyone,
            "schema": {"type": "string"},
        }
    return headers
