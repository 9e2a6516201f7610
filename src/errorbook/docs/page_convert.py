"""MkDocs' conversion of one page's Markdown, recorded so that it can be reused exactly.

This is ``Page.render`` of MkDocs 1.6 (the same Python-Markdown instance, with MkDocs' own tree
processors registered the same way), plus a record of what reuse must repeat: how each link
was resolved, and whether resolving one said anything. `errorbook.docs.page_memo` decides when
a record may stand in for a conversion.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files
from mkdocs.structure.toc import get_toc

from errorbook.docs.highlight_styles import styles_reused
from errorbook.speed.memo import digest

#: The logger of MkDocs' link processor: what it says, resolving links again says again.
_LINKS_LOG = "mkdocs.structure.pages"


@dataclass(frozen=True, slots=True)
class Converted:
    """What converting one page's Markdown gave MkDocs.

    Attributes:
        content: The page's HTML.
        toc_tokens: The table of contents as Python-Markdown's ``toc_tokens``, in JSON.
        title: The title found in the page (its first ``h1``), if any.
        anchors: The ids a link may point at in the page.
        links: Every link MkDocs resolved, in order: (as written, as resolved).
        files: `files_key` of the files the links were resolved against.
        quiet: True when resolving the links logged nothing: then, among the same files,
            resolving them again would only give the same answers.
        anchor_links: MkDocs' ``links_to_anchors``, with each file named by its path.
    """

    content: str
    toc_tokens: str
    title: str | None
    anchors: frozenset[str]
    links: tuple[tuple[str, str], ...]
    files: bytes
    quiet: bool
    anchor_links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


def files_key(files: Files) -> bytes:
    """What MkDocs' link resolution reads of the site's files: each one's path, URL and whether
    it is built."""
    return digest(*(f"{file.src_uri}\0{file.url}\0{file.inclusion}" for file in files))


def convert(
    page: mkdocs_pages.Page, config: MkDocsConfig, files: Files, files_digest: bytes
) -> Converted | None:
    """Convert ``page`` exactly as MkDocs does, setting its content, table of contents, title
    and anchors; return the record, or None when the conversion logged something other than
    link messages (it is then not reusable)."""
    md = markdown_module().Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
    )
    raw_html = mkdocs_pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    links = _RecordingLinks(page.file, files, config)
    links._register(md)
    title = mkdocs_pages._ExtractTitleTreeprocessor()
    title._register(md)
    with _logged() as said, styles_reused():
        page.content = md.convert(page.markdown or "")
    tokens = getattr(md, "toc_tokens", [])
    page.toc = get_toc(tokens)
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = links.links_to_anchors
    if said.others:
        return None
    try:
        toc_tokens = json.dumps(tokens)
    except (TypeError, ValueError):
        return None
    anchor_links = tuple(
        (target.src_uri, tuple(found.items())) for target, found in links.links_to_anchors.items()
    )
    return Converted(
        page.content,
        toc_tokens,
        title.title,
        frozenset(page.present_anchor_ids),
        tuple(links.resolved),
        files_digest,
        not said.links,
        anchor_links,
    )


def reuse(
    found: Converted,
    page: mkdocs_pages.Page,
    config: MkDocsConfig,
    files: Files,
    files_digest: bytes,
) -> bool:
    """Give ``page`` the recorded conversion, as `convert` would; False when its links now
    resolve differently (then nothing is set)."""
    links = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
    if found.quiet and found.files == files_digest:
        for uri, anchors in found.anchor_links:
            target = files.get_file_from_path(uri)
            if target is None:
                return False
            links.links_to_anchors[target] = dict(anchors)
    else:
        # Resolving again repeats any warning, and fills links_to_anchors.
        for written, resolved in found.links:
            if links.path_to_url(written) != resolved:
                return False
    page.content = found.content
    page.toc = get_toc(json.loads(found.toc_tokens))
    page._title_from_render = found.title
    page.present_anchor_ids = set(found.anchors)
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = links.links_to_anchors
    return True


def markdown_module() -> Any:
    """Python-Markdown, as MkDocs imported it (it ships no type information)."""
    return getattr(mkdocs_pages, "markdown")  # noqa: B009 (not re-exported)


class _RecordingLinks(mkdocs_pages._RelativePathTreeprocessor):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.resolved: list[tuple[str, str]] = []

    def path_to_url(self, url: str) -> str:
        resolved = super().path_to_url(url)
        self.resolved.append((url, resolved))
        return resolved


class _Said(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.links = False
        self.others: dict[int, logging.LogRecord] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == _LINKS_LOG:
            self.links = True
        elif record.levelno > logging.DEBUG:
            self.others[id(record)] = record


@contextlib.contextmanager
def _logged() -> Iterator[_Said]:
    """Notice what is logged while converting (MkDocs' own messages stop at its logger)."""
    handler = _Said()
    loggers = (logging.getLogger(), logging.getLogger("mkdocs"))
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
