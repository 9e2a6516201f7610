"""Semantic rules the schema cannot express, for one entry (`catalog_rules`: across entries)."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from errorbook.check.header_values import check_header_values
from errorbook.check.python_names import check_python_names
from errorbook.check.reporter import Reporter
from errorbook.check.salvage import Unit
from errorbook.check.shapes import check_shape
from errorbook.core.diagnostics import Diagnostic
from errorbook.model import STANDARD_MEMBERS, ErrorDef, Field, has_dot_segment
from errorbook.read.yaml_source import Document, PathItem

_INTERNAL_NAMES = {
    "stack",
    "stacktrace",
    "trace",
    "traceback",
    "sql",
    "sqlquery",
    "exception",
    "debug",
}
_MARKERS = ("TODO", "FIXME", "TBD")
_TODO = re.compile(r"\b(TODO|FIXME|TBD)\b")
_REQUIRED_HEADERS = {
    401: ("WWW-Authenticate", "HTTP requires every 401 response to send it (RFC 9110 §15.5.2)"),
    429: ("Retry-After", "it tells clients when to try again (RFC 6585 §4)"),
}


def check_entry(
    entry: ErrorDef, document: Document, broken: frozenset[Unit] = frozenset()
) -> list[Diagnostic]:
    """The per-entry rules: placeholders, member names, example types, completeness.

    Args:
        entry: The entry, built from valid data or from what `salvage` kept of it.
        document: Its source as read, to locate findings.
        broken: The units `salvage` repaired; rules that read one of them are skipped.
    """
    found: list[Diagnostic] = []
    report = Reporter(document, found, broken)
    # A field whose spec is broken is still declared; one whose name is broken (or a broken
    # mapping) leaves the declared names unknown, and placeholders unchecked.
    names = {field.name for field in entry.fields}
    lost = any(unit[0] == "fields" and (len(unit) == 1 or unit[1] not in names) for unit in broken)
    declared = None if lost else names
    if declared is not None and report.intact("detail"):
        _check_template(report, ["detail"], entry.detail, declared)
        _check_optional_placeholders(report, entry)
    for header in entry.headers:
        if header.value is not None and declared is not None:
            _check_template(report, ["headers", header.name, "value"], header.value, declared)
    for field in entry.fields:
        _check_field(report, field)
    check_python_names(entry, report)
    check_header_values(entry, report)
    if report.intact("status"):
        _check_required_headers(report, entry)
        if report.intact("examples"):
            _check_examples(report, entry)
    # One search over all the text first: nearly every entry has no marker at all. Joining
    # with newlines keeps the \b boundaries each string has on its own; plain substring tests
    # rule most entries out several times faster than the pattern can.
    text = "\n".join(_strings(document.data))
    if any(marker in text for marker in _MARKERS) and _TODO.search(text):
        _check_todo(report, document.data, [])
    _check_empty_sections(report, document.data)
    _check_uri_segments(report, entry, "type" in document.data and report.intact("type"))
    return found


def _check_template(
    report: Reporter, path: list[PathItem], template: str, declared: set[str]
) -> None:
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as error:
        hint = "write {{ and }} for literal braces"
        report(path, "E019", f"{path[-1]!s} has a malformed placeholder: {error}", hint)
        return
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name) or spec or conversion:
            written = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            hint = "a placeholder is a field name in braces, e.g. {apiId}; write {{ }} for braces"
            report(path, "E019", f"placeholder {{{written}}} is not a plain field name", hint)
        elif name not in declared:
            hint = f"declare it under fields: {name}: {{type, description, example}}"
            report(path, "E018", f"placeholder {{{name}}} is not a declared field", hint)


def _check_uri_segments(report: Reporter, entry: ErrorDef, explicit_type: bool) -> None:
    # A redirect page is written at the URI's path: "..", even percent-encoded, would climb out
    # of the docs folder, and no client or server resolves such a URI to the same page anyway.
    uris: list[tuple[list[PathItem], str]] = [(["type"], entry.type_uri)] if explicit_type else []
    uris += [(["aliases", index], alias) for index, alias in enumerate(entry.aliases)]
    for path, uri in uris:
        if has_dot_segment(urlsplit(uri).path):
            hint = "write the URI with the path it resolves to, without . and .. segments"
            report(path, "E013", f"{uri} has a '.' or '..' path segment", hint)


def _check_optional_placeholders(report: Reporter, entry: ErrorDef) -> None:
    # The generated constructor then demands detail= whenever the field is left out, which
    # its signature (the field defaults to None) cannot tell a type checker.
    optional = {field.name for field in entry.fields if not field.required}
    for name in sorted(optional.intersection(entry.placeholders)):
        report(
            ["detail"],
            "W008",
            f"the default detail uses {{{name}}}, an optional field: an occurrence without it "
            "has no default detail",
            f"make {name} required, or write a detail that reads well without it",
            severity="warning",
        )


def _check_field(report: Reporter, field: Field) -> None:
    path: list[PathItem] = ["fields", field.name]
    if field.name in STANDARD_MEMBERS:
        hint = "RFC 9457 defines it already; choose another name"
        report(
            path,
            "E020",
            f"extension member '{field.name}' shadows a standard member",
            hint,
            key=True,
        )
    if field.name.replace("_", "").lower() in _INTERNAL_NAMES:
        hint = "RFC 9457 §5: problem details must not expose implementation internals"
        report(
            path, "E021", f"extension member '{field.name}' would leak internals", hint, key=True
        )
    check_shape(report, field)


def _check_required_headers(report: Reporter, entry: ErrorDef) -> None:
    required = _REQUIRED_HEADERS.get(entry.status)
    if required is None:
        return
    name, why = required
    if not any(header.name.lower() == name.lower() for header in entry.headers):
        hint = f"add headers: {{{name}: {{description: ..., value: ...}}}}; {why}"
        message = f"a {entry.status} response should document the {name} header"
        report(["status"], "W005", message, hint, severity="warning")


def _check_examples(report: Reporter, entry: ErrorDef) -> None:
    if not 400 <= entry.status < 500:
        return
    kinds = {example.kind for example in entry.examples}
    for kind, what in (("request", "a failing request"), ("fix", "the corrected request")):
        if kind not in kinds:
            hint = f"add an example with kind: {kind} showing {what}"
            report(
                ["status"],
                "W002",
                f"a client error needs an example of {what}",
                hint,
                severity="warning",
            )


def _check_todo(report: Reporter, value: Any, path: list[PathItem]) -> None:
    if isinstance(value, str):
        match = _TODO.search(value)
        if match:
            hint = "replace the placeholder with real content"
            report(
                path, "W001", f"{match.group(1)} marker left in the entry", hint, severity="warning"
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_todo(report, item, [*path, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_todo(report, item, [*path, index])


def _strings(value: Any) -> Iterator[str]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _check_empty_sections(report: Reporter, data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, list | dict) and not value and report.intact(key):
            hint = "fill it in, or remove the key"
            report([key], "W004", f"'{key}' is empty", hint, key=True, severity="warning")
