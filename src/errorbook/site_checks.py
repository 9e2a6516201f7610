"""Rules about the documentation site: every page gets a URL of its own, at the type URI.

W007: mkdocs.yml's ``site_url`` must equal ``base-uri``, otherwise the built pages are not served
at the type URIs that responses send. E040: two generated pages (an entry, a folder index, a
redirect for a former type URI) must never claim the same URL.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from errorbook.config import Config
from errorbook.diagnostics import Diagnostic
from errorbook.model import Catalog, ErrorDef
from errorbook.source import Document, locate, read_setting
from errorbook.views_index import PageOwner, page_owners

MKDOCS_FILE = "mkdocs.yml"


def check_site(
    config: Config, entries: Sequence[ErrorDef], documents: Mapping[str, Document]
) -> list[Diagnostic]:
    """The site rules for a loaded catalog: W007 site-url-mismatch and E040 page-collision."""
    found = list(_site_url(config.root / MKDOCS_FILE, config.base_uri))
    catalog = Catalog(config.base_uri, config.envelope, tuple(entries))
    # An alias that is (or will be, once E015 is fixed) an entry's type URI is E015's business.
    taken = {uri for e in entries for uri in (e.type_uri, config.base_uri + e.code)}
    owners = (o for o in page_owners(catalog) if o.alias is None or o.alias not in taken)
    found.extend(_collisions(owners, documents))
    return found


def _site_url(mkdocs_file: Path, base_uri: str) -> Iterator[Diagnostic]:
    if not mkdocs_file.is_file():
        return
    setting = read_setting(mkdocs_file, "site_url")
    if setting is None:
        return
    value, where = setting
    hint = f"set site_url: {base_uri} in {MKDOCS_FILE}, or change base-uri to match it"
    if value is None:
        message = "mkdocs.yml sets no site_url, so nothing ties the pages to their type URIs"
    elif value.rstrip("/") + "/" != base_uri:
        message = (
            f"site_url {value} differs from base-uri {base_uri}: error pages would not be "
            "served at their type URIs"
        )
    else:
        return
    yield Diagnostic(
        mkdocs_file, where.line, where.column, "W007", message, hint, severity="warning"
    )


def _collisions(
    owners: Iterator[PageOwner], documents: Mapping[str, Document]
) -> Iterator[Diagnostic]:
    first: dict[str, PageOwner] = {}
    for owner in owners:
        earlier = first.setdefault(owner.url, owner)
        if earlier is owner or owner.code is None:
            continue
        document = documents[owner.code]
        where = locate(document, owner.key) if owner.key else None
        message = f"{owner.what} would be served at /{owner.url}, which is {earlier.what}"
        hint = "rename the entry's file" if not owner.key else "remove or change this alias"
        line, column = (where.line, where.column) if where else (1, 1)
        yield Diagnostic(document.path, line, column, "E040", message, hint)
