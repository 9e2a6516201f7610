"""Rules about the documentation site: every page gets a URL of its own, at the type URI.

W007: mkdocs.yml's ``site_url`` must equal ``base-uri``, otherwise the built pages are not served
at the type URIs that responses send. E040: two generated pages (an entry, a folder index, a
redirect for a former or relocated type URI) must never claim the same URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from errorbook.core.diagnostics import Diagnostic
from errorbook.model import Catalog, ErrorDef
from errorbook.model.layout import SITE_FILES, SITE_FOLDERS, PageOwner, page_owners
from errorbook.model.uri import normalize_uri
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
    left_to_e015 = _claimed_twice(entries)
    owners = [owner for owner in page_owners(catalog) if not left_to_e015(owner)]
    found.extend(_collisions(iter(owners), documents))
    found.extend(_inside_files(owners, documents))
    return found


def _claimed_twice(entries: Sequence[ErrorDef]) -> Callable[[PageOwner], bool]:
    """Whether a redirect's URI is also claimed elsewhere: E015's business, not E040's."""
    claims: dict[str, list[tuple[str, tuple[str | int, ...]]]] = {}
    for entry in entries:
        claims.setdefault(normalize_uri(entry.type_uri), []).append((entry.code, ("type",)))
        for index, alias in enumerate(entry.aliases):
            claims.setdefault(normalize_uri(alias), []).append((entry.code, ("aliases", index)))

    def claimed_twice(owner: PageOwner) -> bool:
        others = claims.get(normalize_uri(owner.uri), []) if owner.uri else []
        # A type URI's redirect stands unless another entry has that type URI too: E015 then
        # blames the alias, or the later type URI.
        if owner.key == ("type",):
            return any(key == ("type",) and code != owner.code for code, key in others)
        return len(others) > 1

    return claimed_twice


def _inside_files(
    owners: Sequence[PageOwner], documents: Mapping[str, Document]
) -> Iterator[Diagnostic]:
    """Redirect pages whose folder would have to be a file the site holds, or that would sit
    in a folder another writer fills: the build would fail, or overwrite one of the two."""
    # The first owner of a file is the page the site keeps there: generated pages come first.
    files = {owner.file: owner.what for owner in reversed(owners)} | SITE_FILES
    for owner in owners:
        if owner.uri is None or owner.code is None:
            continue
        parts = owner.file.split("/")
        folders = ["/".join(parts[:depth]) for depth in range(1, len(parts))]
        clash = next((folder for folder in folders if folder in files), None)
        if clash is not None:
            where = f"but /{clash} is {files[clash]}"
        elif parts[0] in SITE_FOLDERS and len(parts) > 1:
            where = f"inside /{parts[0]}/, {SITE_FOLDERS[parts[0]]}"
        else:
            continue
        located = locate(documents[owner.code], owner.key)
        message = f"{owner.what} would be served at /{owner.url}, {where}"
        hint = _HINTS.get(owner.key, "remove or change this alias")
        hint += ": the site writes its own files there"
        yield Diagnostic(
            documents[owner.code].path, located.line, located.column, "E040", message, hint
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
        if earlier.code is None:
            # The home, by-status and folder pages are errorbook's: they cannot move away.
            hint += f": errorbook writes {earlier.what} there"
        line, column = (where.line, where.column) if where else (1, 1)
        yield Diagnostic(document.path, line, column, "E040", message, hint)
