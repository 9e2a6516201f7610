"""Where everything generated lives: every page path, URL, redirect and schema path, in one place.

Checks and generators both ask this module: the checks to prove no two outputs claim one URL
(E040), the generators to write them there. Paths are relative to the docs folder, in POSIX form;
URLs are below ``base-uri``, which MkDocs' ``site_url`` must equal (W007).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from errorbook.model import Catalog, Envelope, ErrorDef
from errorbook.model.uri import decoded_segments, normalize_uri

HOME_PAGE = "index.md"
STATUS_PAGE = "by-status.md"
#: The machine-readable index of every type, next to the pages.
INDEX_NAME = "catalog.json"
#: Where the per-type JSON Schemas live below the docs folder, and so below the base URI.
SCHEMA_FOLDER = "schemas"
#: The combined schema of every response body (``schemas/problems.json``).
COMBINED_NAME = "problems"
#: Files the site build writes besides the pages, below the site root: errorbook's catalog index
#: and what MkDocs writes. No redirect page may need one of them to be a folder.
SITE_FILES = {
    INDEX_NAME: "the catalog index",
    "404.html": "the site's 404 page",
    "sitemap.xml": "the sitemap",
    "sitemap.xml.gz": "the compressed sitemap",
}
#: Top-level folders that other writers fill: errorbook's schemas, the search plugin's index,
#: and the theme's stylesheets, scripts and images (errorbook's plugin adds its stylesheet).
SITE_FOLDERS = {
    SCHEMA_FOLDER: "the JSON Schemas' folder",
    "search": "the search index's folder",
    "assets": "the theme's assets folder",
}
#: The editors' copy of the entry schema, relative to the configuration file's folder: every
#: entry's first line names it (`modeline`), so it must not depend on where errorbook is installed.
EDITOR_SCHEMA = ".errorbook/error.schema.json"
#: The media type of a response body in each envelope: only a flat body is an RFC 9457 problem
#: object; a wrapped one is plain JSON.
MEDIA_TYPES: dict[Envelope, str] = {
    "rfc9457": "application/problem+json",
    "wrapped": "application/json",
}


@dataclass(frozen=True, slots=True)
class PageOwner:
    """A generated page's URL path below the site root, and the entry (and key) behind it."""

    url: str
    what: str
    code: str | None = None
    key: tuple[str | int, ...] = ()
    #: For a redirect page: the URI it answers for.
    uri: str | None = None

    @property
    def file(self) -> str:
        """The file the built site holds for this page (``shop/note/index.html``)."""
        return f"{self.url}index.html"


@dataclass(frozen=True, slots=True)
class Redirect:
    """A URI of this site that must lead to an entry's page without being its path.

    Attributes:
        entry: The entry the redirect leads to.
        uri: A former type URI (an alias), or a ``type:`` set to another path of this site.
        path: The redirect page below the docs folder (``cards/expired/index.html``).
        key: Where the URI is written in the entry: ``("type",)`` or ``("aliases", index)``.
    """

    entry: ErrorDef
    uri: str
    path: str
    key: tuple[str | int, ...]

    @property
    def moved(self) -> bool:
        """True for a former type URI, False for the entry's own type URI."""
        return self.key[0] == "aliases"


def page_path(entry: ErrorDef) -> str:
    """The entry's page below the docs folder, so the built page sits at its code's URL path."""
    return entry.code + ".md"


def editor_schema_file(root: Path) -> Path:
    """The editor schema of the project whose configuration file is in ``root``."""
    return root / EDITOR_SCHEMA


def modeline(entry_file: Path, root: Path) -> str:
    """The first line of an entry at ``entry_file``: its ``$schema`` as a relative path, the
    same on every machine and checkout."""
    target = os.path.relpath(editor_schema_file(root), entry_file.parent)
    return f"# yaml-language-server: $schema={Path(target).as_posix()}"


def site_path(page: str) -> str:
    """The URL path (below the site root) MkDocs serves a docs page at, with directory URLs."""
    stem = page.removesuffix(".md").removesuffix(".html")
    parent, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{parent}/" if parent else ""
    return f"{stem}/"


def folder_page_path(folder: str) -> str:
    """The index page of a folder of codes (``unkey/authentication``)."""
    return f"{folder}/index.md" if folder else HOME_PAGE


def path_below(uri: str, base_uri: str) -> str | None:
    """The path of ``uri`` below ``base_uri``, both in normal form (`normalize_uri`), or None
    when it is not a path of this site: another host or folder, or with a query or fragment."""
    uri, base = normalize_uri(uri), normalize_uri(base_uri)
    if not uri.startswith(base) or any(c in uri for c in "?#"):
        return None
    return uri[len(base) :]


def alias_page_path(alias: str, base_uri: str) -> str | None:
    """Where the redirect page for a URI goes, or None when it is not a page path of this site.

    The page is written at the decoded path, where a server looks for it (`decoded_segments`).
    A path ending in ``index.html`` is the folder's page: servers answer both with that file.
    """
    rest = path_below(alias, base_uri)
    try:
        segments = decoded_segments(rest) if rest is not None else None
    except ValueError:
        return None  # E013
    if segments is None or any(segment in (".", "..") for segment in segments):
        return None  # E013; never a path that climbs out of the docs folder
    if segments and segments[-1] == "index.html":
        segments.pop()
    return "/".join([*segments, "index.html"])


def docs_url(catalog: Catalog, entry: ErrorDef) -> str:
    """The URL of the entry's documentation page: the base URI followed by its code."""
    return catalog.base_uri + entry.code


def page_url(catalog: Catalog, entry: ErrorDef) -> str:
    """The absolute URL MkDocs serves the entry's page at (with the trailing slash)."""
    return catalog.base_uri + site_path(page_path(entry))


def schema_path(code: str) -> str:
    """The schema file of a type, relative to the docs folder: ``schemas/<code>.json``."""
    return f"{SCHEMA_FOLDER}/{code}.json"


def schema_url(catalog: Catalog, code: str) -> str:
    """The absolute URL the site serves a type's schema at; also its ``$id``."""
    return catalog.base_uri + schema_path(code)


def combined_url(catalog: Catalog) -> str:
    """The absolute URL of the combined schema; also its ``$id``."""
    return catalog.base_uri + schema_path(COMBINED_NAME)


def folder_counts(catalog: Catalog) -> dict[str, int]:
    """How many errors each folder of codes holds, directly or in its sub-folders."""
    counts: dict[str, int] = {}
    for entry in catalog.entries:
        parts = entry.segments[:-1]
        for i in range(1, len(parts) + 1):
            folder = "/".join(parts[:i])
            counts[folder] = counts.get(folder, 0) + 1
    return counts


def redirects(catalog: Catalog) -> Iterator[Redirect]:
    """Every redirect page the site needs: former type URIs (``aliases``) below the base URI,
    and a ``type:`` set to another path of the site, in catalog order."""
    for entry in catalog.entries:
        if entry.type_uri != catalog.base_uri + entry.code:
            path = alias_page_path(entry.type_uri, catalog.base_uri)
            # "code/" for "code" is the page itself, not another path.
            if path is not None and site_path(path) != site_path(page_path(entry)):
                yield Redirect(entry, entry.type_uri, path, ("type",))
        for index, alias in enumerate(entry.aliases):
            path = alias_page_path(alias, catalog.base_uri)
            if path is not None:
                yield Redirect(entry, alias, path, ("aliases", index))


def page_owners(catalog: Catalog) -> Iterator[PageOwner]:
    """Every generated page's URL path and what it is for, generated pages first.

    Two owners of one URL path are a collision that no site build can resolve.
    """
    yield PageOwner(site_path(HOME_PAGE), "the home page")
    yield PageOwner(site_path(STATUS_PAGE), "the by-status page")
    for folder in sorted(folder_counts(catalog)):
        yield PageOwner(site_path(folder_page_path(folder)), f"the index page of {folder}/")
    for entry in catalog.entries:
        yield PageOwner(site_path(page_path(entry)), f"the page of {entry.code}", entry.code)
    for redirect in redirects(catalog):
        what = f"the redirect from {redirect.uri}"
        yield PageOwner(
            site_path(redirect.path), what, redirect.entry.code, redirect.key, redirect.uri
        )
