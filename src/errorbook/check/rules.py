"""Semantic rules the schema cannot express: per entry, then across the whole catalog."""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from errorbook.check.header_values import check_header_values
from errorbook.check.python_names import check_module_names, check_python_names
from errorbook.core.diagnostics import Diagnostic, Severity
from errorbook.model import STANDARD_MEMBERS, ErrorDef, Field, has_dot_segment
from errorbook.model.naming import class_name
from errorbook.model.uri import normalize_uri
from errorbook.read.yaml_source import Document, Location, PathItem, locate
from errorbook.speed.compiled_schema import JSON_TYPES

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


class _Reporter:
    """Collects diagnostics about one document, locating each from its data path."""

    def __init__(self, document: Document, found: list[Diagnostic]) -> None:
        self.document = document
        self.found = found

    def __call__(
        self,
        path: Sequence[PathItem],
        code: str,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        severity: Severity = "error",
    ) -> None:
        where = locate(self.document, path, key=key) if path else Location(1, 1)
        self.found.append(
            Diagnostic(self.document.path, where.line, where.column, code, message, hint, severity)
        )


def check_entry(entry: ErrorDef, document: Document) -> list[Diagnostic]:
    """The per-entry rules: placeholders, member names, example types, completeness."""
    found: list[Diagnostic] = []
    report = _Reporter(document, found)
    declared = {f.name for f in entry.fields}
    _check_template(report, ["detail"], entry.detail, declared)
    _check_optional_placeholders(report, entry)
    for header in entry.headers:
        if header.value is not None:
            _check_template(report, ["headers", header.name, "value"], header.value, declared)
    for field in entry.fields:
        _check_field(report, field)
    check_python_names(entry, report)
    check_header_values(entry, report)
    _check_required_headers(report, entry)
    _check_examples(report, entry)
    # One search over all the text first: nearly every entry has no marker at all. Joining
    # with newlines keeps the \b boundaries each string has on its own; plain substring tests
    # rule most entries out several times faster than the pattern can.
    text = "\n".join(_strings(document.data))
    if any(marker in text for marker in _MARKERS) and _TODO.search(text):
        _check_todo(report, document.data, [])
    _check_empty_sections(report, document.data)
    _check_uri_segments(report, entry, "type" in document.data)
    return found


def _check_template(
    report: _Reporter, path: list[PathItem], template: str, declared: set[str]
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


def _check_uri_segments(report: _Reporter, entry: ErrorDef, explicit_type: bool) -> None:
    # A redirect page is written at the URI's path: "..", even percent-encoded, would climb out
    # of the docs folder, and no client or server resolves such a URI to the same page anyway.
    uris: list[tuple[list[PathItem], str]] = [(["type"], entry.type_uri)] if explicit_type else []
    uris += [(["aliases", index], alias) for index, alias in enumerate(entry.aliases)]
    for path, uri in uris:
        if has_dot_segment(urlsplit(uri).path):
            hint = "write the URI with the path it resolves to, without . and .. segments"
            report(path, "E013", f"{uri} has a '.' or '..' path segment", hint)


def _check_optional_placeholders(report: _Reporter, entry: ErrorDef) -> None:
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


def _check_field(report: _Reporter, field: Field) -> None:
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
    accepted = JSON_TYPES[field.type]
    example = field.example
    if (isinstance(example, bool) and field.type != "boolean") or not isinstance(example, accepted):
        message = f"example of '{field.name}' is not of its declared type {field.type}"
        report([*path, "example"], "E022", message, "make the example match the type")
    elif not _is_json(example):
        message = f"example of '{field.name}' holds a value JSON cannot carry"
        hint = "quote dates and times, and use finite numbers (no .nan or .inf)"
        report([*path, "example"], "E022", message, hint)


def _is_json(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_is_json(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_json(v) for k, v in value.items())
    return value is None or isinstance(value, str | int | bool)


def _check_required_headers(report: _Reporter, entry: ErrorDef) -> None:
    required = _REQUIRED_HEADERS.get(entry.status)
    if required is None:
        return
    name, why = required
    if not any(header.name.lower() == name.lower() for header in entry.headers):
        hint = f"add headers: {{{name}: {{description: ..., value: ...}}}}; {why}"
        message = f"a {entry.status} response should document the {name} header"
        report(["status"], "W005", message, hint, severity="warning")


def _check_examples(report: _Reporter, entry: ErrorDef) -> None:
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


def _check_todo(report: _Reporter, value: Any, path: list[PathItem]) -> None:
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


def _check_empty_sections(report: _Reporter, data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, list | dict) and not value:
            hint = "fill it in, or remove the key"
            report([key], "W004", f"'{key}' is empty", hint, key=True, severity="warning")


def check_catalog(
    entries: Sequence[ErrorDef], documents: Mapping[str, Document]
) -> list[Diagnostic]:
    """The rules across entries: unique URIs and names, links that resolve, distinct summaries."""
    found: list[Diagnostic] = []
    for check in (_unique_uris, _links, _unique_summaries, _unique_class_names, check_module_names):
        found.extend(check(entries, documents))
    return found


#: A URI an entry claims: (priority, entry, URI as written, where it is written).
_Claim = tuple[int, ErrorDef, str, list[PathItem]]


def _unique_uris(
    entries: Sequence[ErrorDef], documents: Mapping[str, Document]
) -> Iterator[Diagnostic]:
    """Derived URIs claim first, so a clash is blamed on the explicit `type:` or alias.

    URIs are compared in normal form: two spellings of one URI are one type URI.
    """
    claims: list[_Claim] = []
    for entry in entries:
        explicit = "type" in documents[entry.code].data
        claims.append((1 if explicit else 0, entry, entry.type_uri, ["type"] if explicit else []))
        claims += [(2, entry, alias, ["aliases", i]) for i, alias in enumerate(entry.aliases)]
    first: dict[str, _Claim] = {}
    for claim in sorted(claims, key=lambda claim: (claim[0], claim[1].code)):
        earlier = first.setdefault(normalize_uri(claim[2]), claim)
        if earlier is not claim:
            yield from _uri_clash(documents[claim[1].code], claim, earlier)


def _uri_clash(
    document: Document,
    claim: _Claim,
    earlier: _Claim,
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    report = _Reporter(document, found)
    _, entry, uri, path = claim
    _, other, spelled, where = earlier
    written = "" if spelled == uri else f" (written {spelled})"
    if other.code != entry.code:
        hint = "type URIs identify problem types: each must belong to exactly one entry"
        report(path, "E015", f"type URI {uri} is already used by {other.code}{written}", hint)
    elif where[:1] == ["aliases"]:
        report(
            path,
            "E015",
            f"alias {uri} is the same URI as the alias {spelled}",
            "keep one spelling: RFC 3986 §6 makes them one URI",
        )
    else:
        message = f"alias {uri} is this entry's own type URI{written}"
        report(path, "E015", message, "remove the alias")
    return found


def _links(entries: Sequence[ErrorDef], documents: Mapping[str, Document]) -> Iterator[Diagnostic]:
    codes = {entry.code for entry in entries}
    for entry in entries:
        found: list[Diagnostic] = []
        report = _Reporter(documents[entry.code], found)
        for index, code in enumerate(entry.related):
            _link(report, entry, code, ["related", index], "E016", codes)
        if entry.deprecated and entry.deprecated.replaced_by:
            _link(
                report,
                entry,
                entry.deprecated.replaced_by,
                ["deprecated", "replaced_by"],
                "E017",
                codes,
            )
        yield from found


def _link(
    report: _Reporter, entry: ErrorDef, code: str, path: list[PathItem], rule: str, codes: set[str]
) -> None:
    if code == entry.code:
        report(path, "E025", f"{entry.code} refers to itself", "remove the reference")
    elif code not in codes:
        guess = _closest(code, codes)
        hint = f"did you mean {guess}?" if guess else "name the code of an entry in this catalog"
        report(path, rule, f"no entry has the code {code}", hint)


def _closest(code: str, codes: set[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(code, sorted(codes), n=1, cutoff=0.75)
    return matches[0] if matches else None


def _unique_summaries(
    entries: Sequence[ErrorDef], documents: Mapping[str, Document]
) -> Iterator[Diagnostic]:
    first: dict[str, str] = {}
    for entry in entries:
        other = first.setdefault(entry.summary.casefold(), entry.code)
        if other != entry.code:
            found: list[Diagnostic] = []
            path: list[PathItem] = (
                ["summary"] if "summary" in documents[entry.code].data else ["description"]
            )
            hint = "each index row should tell entries apart: write a summary specific to this one"
            message = f"summary is the same as {other}'s"
            _Reporter(documents[entry.code], found)(path, "W003", message, hint, severity="warning")
            yield from found


def _unique_class_names(
    entries: Sequence[ErrorDef], documents: Mapping[str, Document]
) -> Iterator[Diagnostic]:
    first: dict[tuple[str, str], str] = {}
    for entry in entries:
        other = first.setdefault((entry.folder, class_name(entry.name)), entry.code)
        if other != entry.code:
            message = (
                f"{entry.code} and {other} both become the Python class {class_name(entry.name)}"
            )
            path = documents[entry.code].path
            yield Diagnostic(path, 1, 1, "E023", message, "rename one of the two files")
