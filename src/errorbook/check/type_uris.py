"""Rules about where an entry's type URI and aliases lead, given the site at ``base-uri``.

W006: a ``type:`` that is base-uri + code anyway. W009: a ``type:`` at which this site serves no
page, so the documentation lives at base-uri + code and the type URI leads wherever its host
sends it. E013: a URI below base-uri whose path no file can be served at, so its redirect page
could never be reached.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from urllib.parse import urlsplit

from errorbook.core.diagnostics import Diagnostic, Severity
from errorbook.model import ErrorDef
from errorbook.model.layout import alias_page_path, page_path, path_below, site_path
from errorbook.model.uri import decoded_segments, normalize_uri
from errorbook.read.yaml_source import Document, PathItem, locate


def check_type_uris(
    base_uri: str, entries: Sequence[ErrorDef], documents: Mapping[str, Document]
) -> Iterator[Diagnostic]:
    """W006, W009 and E013 for every entry's ``type:`` and aliases.

    Args:
        base_uri: The configured base URI: the site's root.
        entries: The entries to check.
        documents: Their sources by code, to locate what is reported.
    """
    for entry in entries:
        document = documents[entry.code]
        uris: list[tuple[list[PathItem], str]] = [
            (["aliases", index], alias) for index, alias in enumerate(entry.aliases)
        ]
        if "type" in document.data:
            uris.insert(0, (["type"], entry.type_uri))
            yield from _type(document, entry, base_uri)
        for key, uri in uris:
            yield from _unservable(document, key, uri, base_uri)


def _type(document: Document, entry: ErrorDef, base_uri: str) -> Iterator[Diagnostic]:
    page = base_uri + entry.code
    if normalize_uri(entry.type_uri) == normalize_uri(page):
        yield _at(document, "W006", "'type' repeats base-uri + code", "remove it", "warning")
        return
    # A redirect page leads from the type URI to the entry's page, or it is that page (a
    # fragment is never sent to the server, and no redirect is written for one).
    uri, fragment, _ = entry.type_uri.partition("#")
    served = alias_page_path(uri, base_uri)
    if served is not None and (not fragment or site_path(served) == site_path(page_path(entry))):
        return
    if path_below(entry.type_uri, base_uri) is not None:
        return  # E013 says why no page can be served there
    host = urlsplit(entry.type_uri).netloc
    message = (
        f"no page of this site is served at type URI {entry.type_uri}: the page of {entry.code} "
        f"is at {base_uri}{site_path(page_path(entry))}"
    )
    hint = f"make {host} redirect the type URI to that page (changing 'type' breaks clients)"
    yield _at(document, "W009", message, hint, "warning")


def _unservable(
    document: Document, key: list[PathItem], uri: str, base_uri: str
) -> Iterator[Diagnostic]:
    rest = path_below(uri, base_uri)
    if rest is None:
        return
    try:
        decoded_segments(rest)
    except ValueError as error:
        where = locate(document, key)
        message = f"no page can be served at {uri}: {error}"
        hint = "percent-encode UTF-8 text only, and never / or a control character"
        yield Diagnostic(document.path, where.line, where.column, "E013", message, hint)


def _at(document: Document, code: str, message: str, hint: str, severity: Severity) -> Diagnostic:
    where = locate(document, ["type"])
    return Diagnostic(document.path, where.line, where.column, code, message, hint, severity)
