"""Model → views of the overview pages: the home, one page per folder, by status, redirects.

Every error is linked from the home and from its folder's page, which is what keeps thousands of
error pages out of the sidebar without making them hard to reach.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

from errorbook.core.escape import yaml_string
from errorbook.docs import markdown
from errorbook.docs.entry_page import (
    EntryLink,
    ExampleResponse,
    ResponseView,
    entry_link,
    response_view,
)
from errorbook.docs.page_text import SITE, SiteText
from errorbook.model import Catalog, ErrorDef
from errorbook.model.layout import (
    HOME_PAGE,
    STATUS_PAGE,
    folder_counts,
    folder_page_path,
    page_url,
    redirects,
)

#: RFC 9110 (and RFC 6585) reason phrases, fixed here so pages do not change with Python's table.
REASON_PHRASES = {
    400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
    407: "Proxy Authentication Required", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
    411: "Length Required", 412: "Precondition Failed", 413: "Content Too Large",
    414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable",
    417: "Expectation Failed", 421: "Misdirected Request", 422: "Unprocessable Content",
    423: "Locked", 424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required",
    428: "Precondition Required", 429: "Too Many Requests",
    431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout", 505: "HTTP Version Not Supported",
    506: "Variant Also Negotiates", 507: "Insufficient Storage", 508: "Loop Detected",
    510: "Not Extended", 511: "Network Authentication Required",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class FolderLink:
    """A link to a folder's index page, with how many errors it holds."""

    folder: str
    title: str
    href: str
    count: int


@dataclass(frozen=True, slots=True)
class EntryGroup:
    """A table of errors under one heading, linking to the page of the folder they share."""

    folder: FolderLink
    rows: tuple[EntryLink, ...]


@dataclass(frozen=True, slots=True)
class HomePage:
    """The home of the error reference: response format, then every error grouped by folder."""

    path: str
    count: int
    envelope: str
    example: ResponseView
    example_link: EntryLink
    groups: tuple[EntryGroup, ...]
    status_link: str


@dataclass(frozen=True, slots=True)
class FolderPage:
    """The index page of one folder: its sub-folders, then its errors grouped by folder."""

    path: str
    folder: str
    title: str
    title_yaml: str
    count: int
    trail: tuple[FolderLink, ...]
    subfolders: tuple[FolderLink, ...]
    groups: tuple[EntryGroup, ...]


@dataclass(frozen=True, slots=True)
class StatusGroup:
    """The errors sent with one HTTP status."""

    status: int
    phrase: str
    rows: tuple[EntryLink, ...]


@dataclass(frozen=True, slots=True)
class StatusPage:
    """Every error, grouped by HTTP status."""

    path: str
    home_link: str
    groups: tuple[StatusGroup, ...]


@dataclass(frozen=True, slots=True)
class RedirectPage:
    """A page at a URI of this site that sends readers on to an entry's page.

    Attributes:
        path: The page below the docs folder (``cards/expired/index.html``).
        code: The entry's code.
        source: The URI the page answers for: a former type URI (``moved``), or a ``type:`` set
            to another path of this site than the code's.
        target: The entry's page, relative to this one.
        type_uri: The entry's type URI.
        page_url: The absolute URL of the entry's page (the canonical link).
        moved: True for a former type URI, False for the entry's own type URI.
    """

    path: str
    code: str
    source: str
    target: str
    type_uri: str
    page_url: str
    moved: bool


def folder_title(folder: str) -> str:
    """A folder's title as MkDocs names its section: ``bad_request`` or ``bad-request`` →
    Bad request."""
    return folder.rpartition("/")[2].replace("_", " ").replace("-", " ").capitalize()


def home_page(
    catalog: Catalog, examples: Mapping[str, ExampleResponse], text: SiteText = SITE
) -> HomePage:
    """The home page view; the response-format example is the first entry's real response.

    Entries of the catalog folder itself come first, in a group whose folder is ``""``.
    """
    sample = catalog.entries[0]
    groups: dict[str, list[ErrorDef]] = {}
    for entry in catalog.entries:
        groups.setdefault("/".join(entry.segments[:-1][:2]), []).append(entry)
    counts = {**folder_counts(catalog), "": len(groups.get("", ()))}
    return HomePage(
        path=HOME_PAGE,
        count=len(catalog),
        envelope=catalog.envelope,
        example=response_view(examples[sample.code]),
        example_link=entry_link(sample, HOME_PAGE, text=text),
        groups=tuple(
            EntryGroup(
                _folder_link(folder, HOME_PAGE, counts),
                tuple(entry_link(entry, HOME_PAGE, folder, text) for entry in entries),
            )
            for folder, entries in sorted(groups.items())
        ),
        status_link=STATUS_PAGE,
    )


def folder_pages(catalog: Catalog, text: SiteText = SITE) -> list[FolderPage]:
    """One view per folder that holds errors, directly or in sub-folders."""
    counts = folder_counts(catalog)
    children: dict[str, set[str]] = {folder: set() for folder in counts}
    for folder in counts:
        parent = folder.rpartition("/")[0]
        if parent:
            children[parent].add(folder)
    by_folder: dict[str, list[ErrorDef]] = {}
    for entry in catalog.entries:
        by_folder.setdefault(entry.folder, []).append(entry)
    return [
        _folder_page(folder, sorted(children[folder]), by_folder, counts, text)
        for folder in sorted(counts)
    ]


def _folder_page(
    folder: str,
    children: list[str],
    by_folder: Mapping[str, list[ErrorDef]],
    counts: Mapping[str, int],
    text: SiteText,
) -> FolderPage:
    path = folder_page_path(folder)
    parts = folder.split("/")
    trail = [_folder_link("/".join(parts[:i]), path, counts) for i in range(1, len(parts))]
    below = [f for f in sorted(by_folder) if f == folder or f.startswith(folder + "/")]
    return FolderPage(
        path=path,
        folder=folder,
        title=folder_title(folder),
        title_yaml=yaml_string(folder_title(folder)),
        count=counts[folder],
        trail=(FolderLink("", "All errors", markdown.link(path, HOME_PAGE), 0), *trail),
        subfolders=tuple(_folder_link(child, path, counts) for child in children),
        groups=tuple(
            EntryGroup(
                _folder_link(group, path, counts),
                tuple(entry_link(entry, path, group, text) for entry in by_folder[group]),
            )
            for group in below
        ),
    )


def status_page(catalog: Catalog, text: SiteText = SITE) -> StatusPage:
    """Every error grouped by HTTP status, lowest first."""
    by_status: dict[int, list[ErrorDef]] = {}
    for entry in catalog.entries:
        by_status.setdefault(entry.status, []).append(entry)
    return StatusPage(
        path=STATUS_PAGE,
        home_link=markdown.link(STATUS_PAGE, HOME_PAGE),
        groups=tuple(
            StatusGroup(
                status,
                REASON_PHRASES.get(status, "non-standard status"),
                tuple(entry_link(entry, STATUS_PAGE, text=text) for entry in entries),
            )
            for status, entries in sorted(by_status.items())
        ),
    )


def redirect_pages(catalog: Catalog) -> list[RedirectPage]:
    """A redirect page at every URI of this site that must lead to an entry's page but is not
    its path: former type URIs (``aliases``) and a ``type:`` set to another path of the site."""
    pages = []
    for redirect in redirects(catalog):
        entry = redirect.entry
        here = posixpath.dirname(redirect.path)
        target = posixpath.relpath(entry.code, here) + "/"
        url = page_url(catalog, entry)
        pages.append(
            RedirectPage(
                redirect.path, entry.code, redirect.uri, target, entry.type_uri, url, redirect.moved
            )
        )
    return sorted(pages, key=lambda page: page.path)


def _folder_link(folder: str, from_page: str, counts: Mapping[str, int]) -> FolderLink:
    """A link to a folder's index page; for the catalog folder itself (``""``), the home."""
    href = markdown.link(from_page, folder_page_path(folder))
    return FolderLink(folder, folder_title(folder), href, counts[folder])
