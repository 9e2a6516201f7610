"""Validate one entry against the JSON Schema and turn each failure into a located diagnostic."""

from __future__ import annotations

import datetime
import difflib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from errorbook.check.strict_validator import strict_validator
from errorbook.core.diagnostics import Diagnostic
from errorbook.core.serialize import dump_json
from errorbook.read.yaml_source import Document, Location, PathItem, locate
from errorbook.speed.compiled_schema import Check, compile_schema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_JSON_TYPES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean (true or false)",
    "array": "a list",
    "object": "a mapping",
    "null": "empty",
}
_YAML_READINGS = {bool: "a boolean", int: "an integer", float: "a number"}


def entry_schema_path() -> Path:
    """The entry JSON Schema file shipped in the package, for editors' ``$schema`` settings."""
    return Path(str(resources.files("errorbook.check").joinpath("error.schema.json")))


@cache
def entry_schema() -> dict[str, Any]:
    """The JSON Schema of one entry, as shipped in the package."""
    schema: dict[str, Any] = json.loads(entry_schema_path().read_text("utf-8"))
    return schema


def entry_schema_text() -> str:
    """The entry JSON Schema as indented JSON text, as ``errorbook schema`` prints it."""
    return dump_json(entry_schema())


@cache
def entry_validator() -> Draft202012Validator:
    """The validator of the entry schema, made on first use.

    A catalog whose files are all valid never needs jsonschema (see `validate_document`).
    """
    return strict_validator(entry_schema())


@cache
def _certainly_valid() -> Check:
    return compile_schema(entry_schema()) or (lambda data: False)


def validate_document(document: Document) -> list[Diagnostic]:
    """Every schema violation in one document, each at the line of the offending key or item."""
    # The compiled check vouches for valid documents in microseconds; jsonschema runs only
    # when it cannot, and every diagnostic still comes from jsonschema.
    if _certainly_valid()(document.data):
        return []
    errors = list(entry_validator().iter_errors(document.data))
    if not errors:
        return []
    found: list[Diagnostic] = []
    for error in errors:
        found.extend(_diagnose(document, error))
    return found


@dataclass(frozen=True)
class _Failure:
    """A jsonschema error with the attributes this module reads, typed (the stubs say Unset)."""

    keyword: str
    value: Any
    schema: dict[str, Any]
    instance: Any
    message: str
    context: list[ValidationError]
    relative_schema_path: list[str | int]

    @classmethod
    def of(cls, error: ValidationError) -> _Failure:
        schema = error.schema if isinstance(error.schema, dict) else {}
        return cls(
            str(error.validator),
            error.validator_value,
            schema,
            error.instance,
            error.message,
            list(error.context or ()),
            list(error.relative_schema_path),
        )


def _diagnose(document: Document, raw: ValidationError) -> Iterator[Diagnostic]:
    path: list[PathItem] = list(raw.absolute_path)
    error = _Failure.of(raw)
    keyword = error.keyword
    if keyword == "required":
        yield from _missing_keys(document, error, path)
    elif keyword == "additionalProperties":
        yield from _unknown_keys(document, error, path)
    elif "propertyNames" in error.relative_schema_path:
        yield _bad_name(document, error, path)
    elif keyword in ("oneOf", "anyOf"):
        yield from _alternatives(document, error, path)
    elif keyword == "type":
        yield _wrong_type(document, error, path)
    else:
        yield _invalid_value(document, error, path)


def _missing_keys(
    document: Document, error: _Failure, path: list[PathItem]
) -> Iterator[Diagnostic]:
    # jsonschema reports each missing key as its own error; only the message names it.
    missing = [key for key in error.value if key not in error.instance]
    name = error.message.split("'")[1] if error.message.count("'") >= 2 else None
    properties = error.schema.get("properties", {})
    unknown = [key for key in error.instance if key not in properties]
    for key in missing:
        if name is not None and key != name:
            continue
        if difflib.get_close_matches(key, unknown, n=1, cutoff=0.6):
            continue  # the unknown-key diagnostic already says "did you mean"
        where = locate(document, path)
        owner = f" in {_display(path)}" if path else ""
        description = properties.get(key, {}).get("description")
        hint = f"{key}: {description}" if description else None
        yield _at(document, where, "E011", f"missing required key '{key}'{owner}", hint)


def _unknown_keys(
    document: Document, error: _Failure, path: list[PathItem]
) -> Iterator[Diagnostic]:
    allowed = list(error.schema.get("properties", {}))
    for key in error.instance:
        if key in allowed:
            continue
        where = locate(document, [*path, key], key=True)
        guess = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        message = f"unknown key '{key}'" + (f"; did you mean '{guess[0]}'?" if guess else "")
        hint = None if guess else f"allowed keys here: {', '.join(allowed)}"
        yield _at(document, where, "E010", message, hint)


def _bad_name(document: Document, error: _Failure, path: list[PathItem]) -> Diagnostic:
    name = error.instance
    where = locate(document, [*path, name], key=True)
    if path == ["fields"]:
        message = f"extension member name {name!r} is not allowed"
        hint = "RFC 9457 §3.2: start with a letter, then letters, digits or _; 3 characters or more"
    elif path and path[-1] == "properties":
        message = f"member name {name!r} is not allowed"
        hint = "start with a letter, then letters, digits or _"
    else:
        message = f"{name!r} is not a valid HTTP header name"
        hint = "header names are tokens: letters, digits and !#$%&'*+.^_`|~-"
    return _at(document, where, "E013", message, hint)


def _alternatives(
    document: Document, error: _Failure, path: list[PathItem]
) -> Iterator[Diagnostic]:
    """For string-or-mapping values, report the branch whose type the value has."""
    matching = [sub for sub in error.context if _type_matches(sub.schema, error.instance)]
    if matching:
        for sub in matching:
            yield from _diagnose(document, sub)
        return
    description = str(error.schema.get("description", "a different value"))
    message = f"{_display(path)} must be {description[0].lower()}{description[1:].rstrip('.')}"
    where = locate(document, path)
    yield _at(document, where, "E012", f"{message}, not {_reading(error.instance)}")


def _type_matches(schema: Any, instance: Any) -> bool:
    expected = schema.get("type") if isinstance(schema, dict) else None
    return expected is not None and entry_validator().is_type(instance, expected)


def _wrong_type(document: Document, error: _Failure, path: list[PathItem]) -> Diagnostic:
    where = locate(document, path)
    expected = error.value
    wanted = " or ".join(
        _JSON_TYPES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected)
    )
    message = f"{_display(path)} must be {wanted}, not {_reading(error.instance)}"
    hint = None
    if expected == "integer" and isinstance(error.instance, str) and error.instance.isdigit():
        hint = f"remove the quotes: {path[-1]}: {error.instance}"
    if expected == "integer" and isinstance(error.instance, float) and error.instance.is_integer():
        hint = f"write it without the fraction: {path[-1]}: {int(error.instance)}"
    if "string" in expected and where.raw is not None and not isinstance(error.instance, str):
        reading = _reading(error.instance)
        message = f"{_display(path)} must be a string, but YAML 1.1 reads {where.raw} as {reading}"
        hint = f'quote it: "{where.raw}"'
    return _at(document, where, "E012", message, hint)


def _invalid_value(document: Document, error: _Failure, path: list[PathItem]) -> Diagnostic:
    keyword, value, instance = error.keyword, error.value, error.instance
    where = locate(document, path)
    name = _display(path)
    hint = None
    if keyword == "enum":
        guess = difflib.get_close_matches(str(instance), [str(v) for v in value], n=1)
        message = f"{name} must be one of {', '.join(map(str, value))}, not {instance!r}"
        hint = f"did you mean '{guess[0]}'?" if guess else None
    elif keyword in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        message = f"{name} must be between {low} and {high}, not {instance}"
        if path == ["status"]:
            hint = (
                "problem details describe error responses: 4xx client errors and 5xx server errors"
            )
    elif keyword == "minItems":
        message = f"{name} must not be empty"
        hint = _describe(error.schema)
    elif keyword == "minLength":
        message = f"{name} must not be empty"
    elif keyword == "uniqueItems":
        message, where = _repeat(document, path, instance)
    elif keyword == "pattern":
        problem = _PATTERN_MESSAGES.get(_pattern_kind(path), "has an invalid form")
        message = f"{name} {problem}: {instance!r}"
        hint = _PATTERN_HINTS.get(_pattern_kind(path))
    else:
        message = f"{name}: {error.message}"
    return _at(document, where, "E013", message, hint)


_PATTERN_MESSAGES = {
    "title": "must be one line of text, and not empty",
    "code": "is not an error code (lowercase segments joined by /, e.g. unkey/data/api_not_found)",
    "uri": "is not an absolute http(s) URI",
    "lang": "must be a language name such as bash, python or json",
}
_PATTERN_HINTS = {
    "uri": "start with http:// or https:// and a host; percent-encode spaces, control characters "
    'and "<>\\^`{|}, and write % only in a %XX escape',
}


def _pattern_kind(path: Sequence[PathItem]) -> str:
    names = [item for item in path if isinstance(item, str)]
    last = names[-1] if names else ""
    if last in ("related", "replaced_by"):
        return "code"
    if last in ("aliases", "type"):
        return "uri"
    return last


def _repeat(document: Document, path: list[PathItem], items: list[Any]) -> tuple[str, Location]:
    seen: list[Any] = []
    for index, item in enumerate(items):
        if item in seen:
            return f"{_display(path)} lists {item!r} twice", locate(document, [*path, index])
        seen.append(item)
    return f"{_display(path)} has repeated items", locate(document, path)


def _describe(schema: dict[str, Any]) -> str | None:
    description = schema.get("description")
    return str(description) if description else None


def _reading(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, datetime.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if type(value) in _YAML_READINGS:
        return f"{_YAML_READINGS[type(value)]} ({value})"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "a mapping"


def _display(path: Sequence[PathItem]) -> str:
    """``fixes[2].title`` style, as an author reads the file."""
    text = ""
    for item in path:
        text += f"[{item}]" if isinstance(item, int) else (f".{item}" if text else str(item))
    return f"'{text}'" if text else "the entry"


def _at(
    document: Document, where: Location, code: str, message: str, hint: str | None = None
) -> Diagnostic:
    return Diagnostic(document.path, where.line, where.column, code, message, hint)
