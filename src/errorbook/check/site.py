"""Rules about the documentation site: every page gets a URL of its own, at the type URI.

W007: mkdocs.yml's ``site_url`` must equal ``base-uri``, otherwise the built pages are not served
at the type URIs that responses send. E040: two generated pages (an entry, a folder index, a
redirect for a former or relocated type URI) must never claim the same URL.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from errorbook.core.diagnostics import Diagnostic
from errorbook.model import Catalog, ErrorDef
from errorbook.model.layout import INDEX_NAME, SCHEMA_FOLDER, PageOwner, page_owners
from errorbook.read.config import Config
from errorbook.read.site_settings import MKDOCS_FILE, SiteUrl
from errorbook.read.yaml_source import Document, locate


def check_site(
    config: Config,
    entries: Sequence[ErrorDef],
    documents: Mapping[str, Document],
    site_url: SiteUrl | None,
) -> list[Diagnostic]:
    """The site rules for a loaded catalog: W007 site-url-mismatch and E040 page-collision.

    Args:
        config: The project configuration (base URI and envelope).
        entries: Every entry that passed the schema.
        documents: Their sources by code, to locate what is reported.
        site_url: mkdocs.yml's ``site_url``, if there is a mkdocs.yml.
    """
    found = list(_site_url(site_url, config.base_uri))
    catalog = Catalog(config.base_uri, config.envelope, tuple(entries))
    # A URI that two entries claim (or will, once E015 is fixed) is E015's business, not E040's.
    claimants: dict[str, set[str]] = {}
    for entry in entries:
        for uri in (entry.type_uri, config.base_uri + entry.code):
            claimants.setdefault(uri, set()).add(entry.code)

    def left_to_e015(owner: PageOwner) -> bool:
        claims = claimants.get(owner.uri, set()) if owner.uri else set()
        # An entry's own type URI is its own claim; an alias must not be anyone's type URI.
        return bool(claims - {owner.code} if owner.key == ("type",) else claims)

    owners = [owner for owner in page_owners(catalog) if not left_to_e015(owner)]
    found.extend(_collisions(iter(owners), documents))
    found.extend(_inside_machine_outputs(owners, documents))
    return found


def _inside_machine_outputs(
    owners: Sequence[PageOwner], documents: Mapping[str, Document]
) -> Iterator[Diagnostic]:
    """Redirect pages whose folder would be a file errorbook writes, or sit among its schemas."""
    reserved = {INDEX_NAME: "the catalog index", SCHEMA_FOLDER: "the JSON Schemas' folder"}
    for owner in owners:
        what = reserved.get(owner.url.partition("/")[0])
        if owner.uri is None or owner.code is None or what is None:
            continue
        where = locate(documents[owner.code], owner.key)
        message = f"{owner.what} would be served at /{owner.url}, inside {what}"
        hint = "change or remove this URI: errorbook writes its machine-readable files there"
        yield Diagnostic(
            documents[owner.code].path, where.line, where.column, "E040", message, hint
        )


def _site_url(setting: SiteUrl | None, base_uri: str) -> Iterator[Diagnostic]:
    if setting is None:
        return
    hint = f"set site_url: {base_uri} in {MKDOCS_FILE}, or change base-uri to match it"
    shown = setting.where.raw
    if setting.value is None and shown is None:
        message = "mkdocs.yml sets no site_url, so nothing ties the pages to their type URIs"
    elif setting.value is None:
        message = f"site_url must be the site's URL as text, not {shown or 'empty'}"
    elif setting.value.rstrip("/") + "/" != base_uri:
        message = (
            f"site_url {setting.value} differs from base-uri {base_uri}: error pages would not be "
            "served at their type URIs"
        )
    else:
        return
    where = setting.where
    yield Diagnostic(
        setting.file, where.line, where.column, "W007", message, hint, severity="warning"
    )


_HINTS: dict[tuple[str | int, ...], str] = {
    (): "rename the entry's file",
    ("type",): "change or remove this type URI",
}


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
        hint = _HINTS.get(owner.key, "remove or change this alias")
        line, column = (where.line, where.column) if where else (1, 1)
        yield Diagnostic(document.path, line, column, "E040", message, hint)
