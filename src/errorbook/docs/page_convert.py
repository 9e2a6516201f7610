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
from mkdocs.structure.files import File, Files
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
    with _logged() as said:
        run = run_markdown(page.markdown or "", page.file, config, files)
    page.content = run.content
    page.toc = get_toc(run.toc_tokens)
    page._title_from_render = run.title
    page.present_anchor_ids = set(run.anchors)
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = run.links_to_anchors
    if said.others:
        return None
    return run.record(files_digest, quiet=not said.links)


@dataclass(frozen=True, slots=True)
class MarkdownRun:
    """What one run of MkDocs' Markdown conversion gave, before it is set on a page.

    Attributes:
        content: The HTML.
        toc_tokens: Python-Markdown's ``toc_tokens``.
        title: The text of the first ``h1``, if any.
        anchors: The ids a link may point at.
        links: Every link resolved, in order: (as written, as resolved).
        links_to_anchors: MkDocs' ``links_to_anchors``: per file linked, anchor → link.
        defines_references: Whether the Markdown defines a link reference (``[name]: url``),
            which a link anywhere in the page may use.
    """

    content: str
    toc_tokens: list[Any]
    title: str | None
    anchors: frozenset[str]
    links: tuple[tuple[str, str], ...]
    links_to_anchors: dict[File, dict[str, str]]
    defines_references: bool

    def record(self, files_digest: bytes, *, quiet: bool) -> Converted | None:
        """The reusable record of this run; None when its table of contents is not JSON."""
        try:
            toc_tokens = json.dumps(self.toc_tokens)
        except (TypeError, ValueError):
            return None
        anchor_links = tuple(
            (target.src_uri, tuple(found.items()))
            for target, found in self.links_to_anchors.items()
        )
        return Converted(
            self.content,
            toc_tokens,
            self.title,
            self.anchors,
            self.links,
            files_digest,
            quiet,
            anchor_links,
        )


def run_markdown(markdown: str, file: File, config: MkDocsConfig, files: Files) -> MarkdownRun:
    """Convert ``markdown`` as MkDocs converts the page of ``file``: the same Python-Markdown
    configuration, with MkDocs' own tree processors registered the same way."""
    md = markdown_module().Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
    )
    raw_html = mkdocs_pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(file, files, config)
    anchors._register(md)
    links = _RecordingLinks(file, files, config)
    links._register(md)
    title = mkdocs_pages._ExtractTitleTreeprocessor()
    title._register(md)
    with styles_reused():
        content = md.convert(markdown)
    return MarkdownRun(
        content,
        getattr(md, "toc_tokens", []),
        title.title,
        frozenset(anchors.present_anchor_ids | raw_html.present_anchor_ids),
        tuple(links.resolved),
        links.links_to_anchors,
        bool(md.references),
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
        self.anything = False

    def emit(self, record: logging.LogRecord) -> None:
        self.anything = True
        if record.name == _LINKS_LOG:
            self.links = True
        elif record.levelno > logging.DEBUG:
            self.others[id(record)] = record


@contextlib.contextmanager
def _logged(*, held: bool = False) -> Iterator[_Said]:
    """Notice what is logged while converting (MkDocs' own messages stop at its logger);
    ``held``: and keep it from every other handler there, so nothing is shown."""
    handler = _Said()
    loggers = (logging.getLogger(), logging.getLogger("mkdocs"))
    others = [other for logger in loggers for other in logger.handlers] if held else []
    for other in others:
        other.addFilter(_hold)
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
        for other in others:
            other.removeFilter(_hold)


def held_logs() -> contextlib.AbstractContextManager[_Said]:
    """Notice what is logged while converting, and show none of it (`_logged`)."""
    return _logged(held=True)


def _hold(record: logging.LogRecord) -> bool:
    return False
