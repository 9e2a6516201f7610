"""The rules across entries: unique type URIs and class names, links that resolve, distinct
summaries, and folder names the package can import."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping, Sequence

from errorbook.check.python_names import check_module_names
from errorbook.check.reporter import Reporter
from errorbook.check.salvage import Unit, intact
from errorbook.core.diagnostics import Diagnostic
from errorbook.model import ErrorDef
from errorbook.model.naming import class_name, nested_class_names
from errorbook.model.uri import normalize_uri
from errorbook.read.yaml_source import Document, PathItem

#: Whether the rules may read a part of an entry: nothing there was salvaged (see `intact`).
Intact = Callable[..., bool]


def check_catalog(
    entries: Sequence[ErrorDef],
    documents: Mapping[str, Document],
    broken: Mapping[str, frozenset[Unit]] | None = None,
) -> list[Diagnostic]:
    """The rules across entries: unique URIs and names, links that resolve, distinct summaries.

    Args:
        entries: Every entry, including those salvaged from an entry that fails the schema.
        documents: Their sources by code (with the salvaged data), to locate findings.
        broken: The units `salvage` repaired, by code; rules that read one skip it.
    """
    units = broken or {}

    def ok(entry: ErrorDef, *path: PathItem) -> bool:
        return intact(units.get(entry.code, frozenset()), *path)

    found: list[Diagnostic] = []
    found.extend(_unique_uris(entries, documents, ok))
    found.extend(_links(entries, documents, ok))
    found.extend(_unique_summaries(entries, documents, ok))
    found.extend(_unique_class_names(entries, documents))
    found.extend(check_module_names(entries, documents))
    return found


#: A URI an entry claims: (priority, entry, URI as written, where it is written).
_Claim = tuple[int, ErrorDef, str, list[PathItem]]


def _unique_uris(
    entries: Sequence[ErrorDef], documents: Mapping[str, Document], ok: Intact
) -> Iterator[Diagnostic]:
    """Derived URIs claim first, so a clash is blamed on the explicit `type:` or alias.

    URIs are compared in normal form: two spellings of one URI are one type URI.
    """
    claims: list[_Claim] = []
    for entry in entries:
        explicit = "type" in documents[entry.code].data
        claims.append((1 if explicit else 0, entry, entry.type_uri, ["type"] if explicit else []))
        aliases = enumerate(entry.aliases)
        claims += [
            (2, entry, alias, ["aliases", i]) for i, alias in aliases if ok(entry, "aliases", i)
        ]
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
    report = Reporter(document, found)
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


def _links(
    entries: Sequence[ErrorDef], documents: Mapping[str, Document], ok: Intact
) -> Iterator[Diagnostic]:
    codes = {entry.code for entry in entries}
    for entry in entries:
        found: list[Diagnostic] = []
        report = Reporter(documents[entry.code], found)
        for index, code in enumerate(entry.related):
            if ok(entry, "related", index):
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
    report: Reporter, entry: ErrorDef, code: str, path: list[PathItem], rule: str, codes: set[str]
) -> None:
    if code == entry.code:
        report(path, "E025", f"{entry.code} refers to itself", "remove the reference")
    elif code not in codes:
        guess = _closest(code, codes)
        hint = f"did you mean {guess}?" if guess else "name the code of an entry in this catalog"
        report(path, rule, f"no entry has the code {code}", hint)


def _closest(code: str, codes: set[str]) -> str | None:
    matches = difflib.get_close_matches(code, sorted(codes), n=1, cutoff=0.75)
    return matches[0] if matches else None


def _unique_summaries(
    entries: Sequence[ErrorDef], documents: Mapping[str, Document], ok: Intact
) -> Iterator[Diagnostic]:
    first: dict[str, str] = {}
    for entry in entries:
        if not (ok(entry, "summary") and ok(entry, "description")):
            continue
        other = first.setdefault(entry.summary.casefold(), entry.code)
        if other != entry.code:
            found: list[Diagnostic] = []
            path: list[PathItem] = (
                ["summary"] if "summary" in documents[entry.code].data else ["description"]
            )
            hint = "each index row should tell entries apart: write a summary specific to this one"
            message = f"summary is the same as {other}'s"
            Reporter(documents[entry.code], found)(path, "W003", message, hint, severity="warning")
            yield from found


def _unique_class_names(
    entries: Sequence[ErrorDef], documents: Mapping[str, Document]
) -> Iterator[Diagnostic]:
    """Entry classes first, then the TypedDicts of their members, so a clash with a TypedDict
    is reported at the entry whose members make it."""
    first: dict[tuple[str, str], str] = {}
    for entry in entries:
        other = first.setdefault((entry.folder, class_name(entry.name)), entry.code)
        if other != entry.code:
            message = (
                f"{entry.code} and {other} both become the Python class {class_name(entry.name)}"
            )
            path = documents[entry.code].path
            yield Diagnostic(path, 1, 1, "E023", message, "rename one of the two files")
    for entry in entries:
        for name in nested_class_names(entry):
            other = first.setdefault((entry.folder, name), entry.code)
            if other != entry.code:
                message = (
                    f"the value a member of {entry.code} holds becomes the Python class {name}, "
                    f"which is already the class of {other}"
                )
                hint = "rename the member, or the other entry's file"
                yield Diagnostic(documents[entry.code].path, 1, 1, "E023", message, hint)
