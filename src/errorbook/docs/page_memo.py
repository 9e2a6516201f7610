"""MkDocs' per-page work, remembered by its exact inputs: Markdown conversion, search entries,
theme layout and white-space collapsing.

Serves the live-preview targets (``errorbook serve`` / ``mkdocs serve``, see
`errorbook.speed.memo`) and the cold 10,000-entry site build: under ``serve`` the plugin
instance lives across rebuilds, so a rebuild after one entry changed converts, indexes and lays
out only the pages whose inputs changed; in a plain build, pages converted ahead in workers
(`errorbook.docs.page_prerender`) are found here by MkDocs' own pass, and so are pages laid
out ahead in workers (`errorbook.docs.page_layout_ahead`), whose results are taken under the
same keys; and each page's Markdown and HTML are dropped once MkDocs is done with them
(`release_markdown`).

Each step is keyed by everything it reads, so a remembered result is the one MkDocs would
compute:

- Conversion (`errorbook.docs.page_convert`): the effective Markdown configuration
  (``markdown_extensions`` and ``mdx_configs`` as they are when the page is converted, with
  any extension a plugin added), the link settings, the page's source path and its Markdown.
  Links are resolved again on reuse unless the site's files are the same and resolving them
  said nothing. A page whose conversion logs anything else is not remembered; nor is any page
  when an extension that reads other files (snippets, includes) is configured. Under a
  preview server, an index page is converted a run of table rows at a time
  (`errorbook.docs.page_parts`), each run remembered by the same settings, the site's files
  and its Markdown.
- Search entries: the search configuration, the page's URL, title, metadata, table of
  contents and HTML. Under a preview server, a long page is parsed a section at a time
  (`errorbook.docs.search_sections`), each piece remembered by its HTML.
- Layout (the theme template): the site (configuration and navigation) and everything of the
  page a template can show: URL, title, HTML, table of contents, metadata, its place in the
  navigation. The build time (``build_date_utc``) is not part of it: a page that shows it
  shows the time of the build that laid it out.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils import meta

from errorbook.docs.page_convert import (
    Converted,
    MarkdownRun,
    convert,
    files_key,
    markdown_module,
    reuse,
)
from errorbook.docs.page_layout_ahead import LayoutAhead
from errorbook.docs.page_parts import convert_in_parts, in_parts, runs_of
from errorbook.docs.page_prerender import PAGE_WEIGHT, prerender
from errorbook.docs.page_rebuild import KNOWN_PLUGINS, READS_FILES, SearchEntries
from errorbook.docs.search_html import keep_sections, lean_add
from errorbook.docs.search_sections import Parsed
from errorbook.docs.whitespace import collapse_whitespace
from errorbook.speed.file_status import file_status
from errorbook.speed.memo import Memo, digest, fingerprint, keeping_results
from errorbook.speed.memory import give_back
from errorbook.speed.parallel import would_fork
from errorbook.speed.template_code import TemplateCode

#: Context entries a theme template gets that are not the page's own: keyed once per build.
_SITE_CONTEXT = ("nav", "pages", "config", "page", "build_date_utc")
#: Pages written between two hand-backs of the freed memory (`errorbook.speed.memory`).
_GIVE_BACK_EVERY = 500


class PageMemo:
    """The remembered results of one site's builds; one per plugin instance."""

    def __init__(self) -> None:
        self.converted: Memo[Converted] = Memo()
        #: Runs of an index table's rows, converted (`errorbook.docs.page_parts`).
        self.runs: Memo[MarkdownRun] = Memo()
        self.search: Memo[str] = Memo()
        #: Pieces of long pages parsed for search (`errorbook.docs.search_sections`).
        self.sections: Memo[Parsed] = Memo()
        self.layouts: Memo[str] = Memo()
        self.collapsed: Memo[str] = Memo()
        self._markdown_key = b""
        self._files_key = b""
        self._site_key: bytes | None = None
        self._search_keys: dict[int, str] = {}
        self.template_code = TemplateCode()
        #: Each page's search entries of the last build, for `errorbook.docs.page_rebuild`.
        self.search_entries = SearchEntries()
        #: Whether results are kept for later builds (a preview server); a one-off build only
        #: uses the pages converted ahead, once each, and remembers nothing else.
        self.keep = False
        #: Whether each page's Markdown and HTML are dropped once MkDocs has no more use for
        #: them (`release_markdown`, `release_content`).
        self.release = False
        self._released = 0
        #: In a one-off build: the pages laid out in workers ahead of MkDocs.
        self.ahead = LayoutAhead()
        self._nav: Navigation | None = None
        self._passing: str | None = None

    def start(self, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """Begin a build (MkDocs' ``on_nav``): key its Markdown configuration and files, let
        every page be converted through the memo, and convert the new ones ahead in workers
        when that pays."""
        self._nav = nav
        self.keep = keeping_results()
        self.release = not self.keep and set(config.plugins) <= KNOWN_PLUGINS
        names = fingerprint(config.markdown_extensions)
        self._markdown_key = digest(
            names,
            fingerprint(config.mdx_configs),
            fingerprint(config.use_directory_urls),
            fingerprint(dict(config.validation)),
            markdown_module().__version__,
        )
        self._files_key = files_key(files)
        self._site_key = None
        self._search_keys = {}
        if any(marker in names for marker in READS_FILES):
            return
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        for page in pages:
            # An instance attribute: MkDocs calls page.render(config, files) after its events.
            page.render = _Render(self, page)  # type: ignore[method-assign]
        if would_fork(len(pages) * PAGE_WEIGHT):
            new = [page for page in pages if self._markdown_of(page) is None]
            if would_fork(len(new) * PAGE_WEIGHT):
                parts = self._run_key if self.keep else None
                found = prerender(new, config, files, self._key, self._files_key, parts)
                for key, converted, runs in found:
                    if converted is not None:
                        self.converted.put(key, converted)
                    for run_key, run in runs:
                        self.runs.put(run_key, run)

    def attach(self, env: Any, config: MkDocsConfig, files: Files) -> None:
        """Lay pages out, and index them for search, through the memo (MkDocs' ``on_env``);
        in a one-off build, start laying them out in workers (`errorbook.docs.page_layout_ahead`).
        """
        env.bytecode_cache = self.template_code  # MkDocs makes a new environment per build
        get_template = env.get_template

        def memo_template(*args: Any, **kwargs: Any) -> _Layout:
            return _Layout(self, get_template(*args, **kwargs))

        env.get_template = memo_template
        self.search_entries = SearchEntries()
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            add = getattr(index, "add_entry_from_context", None)
            entries = getattr(index, "entries", getattr(index, "_entries", None))
            if index is not None and add is not None and isinstance(entries, list):
                # errorbook.docs.search_html, search_sections
                add = lean_add(add, plugin, self.sections if self.keep else None)
                index.add_entry_from_context = functools.partial(self.index, add, entries, plugin)
                self.search_entries.indexes.append((plugin, entries))
        if self.release and self._nav is not None:
            # The pages MkDocs lays out in a build (not a preview server's), in its order.
            pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
            self.ahead.start(config, self._nav, pages, env)

    def stop_ahead(self) -> None:
        """The build ends, done or failed: stop its layout workers; the next build starts
        its own."""
        self.ahead.close()
        self.ahead = LayoutAhead()

    def finish(self) -> None:
        """End a build (MkDocs' ``on_post_build``): forget what it did not use."""
        self.stop_ahead()
        self._nav = None
        memos: tuple[Memo[Any], ...] = (self.converted, self.runs, self.search, self.sections)
        for memo in (*memos, self.layouts, self.collapsed):
            memo.sweep()

    def render(self, page: mkdocs_pages.Page, config: MkDocsConfig, files: Files) -> None:
        """Convert ``page`` as ``Page.render`` does, or reuse its remembered conversion."""
        key = self._key(page.file.src_uri, page.markdown or "")
        found = self.converted.get(key) if self.keep else self.converted.take(key)
        parts = self.keep and in_parts(config, page.markdown or "")
        if found is not None and reuse(found, page, config, files, self._files_key):
            if parts:  # kept for the next change of the page
                for text in runs_of(page.markdown or ""):
                    self.runs.get(self._run_key(page, text))
            return
        converted = None
        if parts:  # a preview server: the index pages' tables a run of rows at a time
            converted = convert_in_parts(
                page,
                config,
                files,
                self._files_key,
                self.runs,
                functools.partial(self._run_key, page),
            )
        if converted is None:
            converted = convert(page, config, files, self._files_key)
        if converted is not None and self.keep:
            self.converted.put(key, converted)

    def index(self, add: Any, entries: list[Any], plugin: Any, page: mkdocs_pages.Page) -> None:
        """Add ``page``'s search entries as ``add`` would, or the remembered ones."""
        if not self.keep:
            self._index_once(add, entries, plugin, page)
            return
        key = self._search_key(plugin, page)
        found = self.search.get(key)
        before = len(entries)
        if found is None:
            add(page)
            self.search.put(key, json.dumps(entries[before:]))
        else:
            entries.extend(json.loads(found))
            keep_sections(plugin, page, self.sections)  # for the page's next change
        self.search_entries.record(plugin, page, entries[before:])

    def _index_once(
        self, add: Any, entries: list[Any], plugin: Any, page: mkdocs_pages.Page
    ) -> None:
        """`index` in a one-off build: the worker's entries, if one laid ``page`` out."""
        laid, recording = self.ahead.take(page), self.ahead.recording
        if laid is None and recording is None:
            add(page)
            return
        key = self._search_key(plugin, page)
        found = laid.search.get(id(plugin)) if laid is not None else None
        if found is not None and found[0] == key:
            entries.extend(json.loads(found[1]))
            return
        before = len(entries)
        add(page)
        if recording is not None:
            recording.search[id(plugin)] = (key, json.dumps(entries[before:]))

    def layout(self, template: Any, context: dict[str, Any]) -> str:
        """The theme's page for ``context``, rendered or remembered."""
        page = context.get("page")
        if page is None:
            return str(template.render(context))
        if not self.keep:
            return self._layout_once(template, context, page)
        key = self._layout_key(template, context, page)
        return self.layouts.get_or_make(key, lambda: str(template.render(context)))

    def _layout_once(self, template: Any, context: dict[str, Any], page: Any) -> str:
        """`layout` in a one-off build: the worker's page, if one laid it out."""
        laid, recording = self.ahead.take(page), self.ahead.recording
        if laid is None and recording is None:
            return str(template.render(context))
        key = self._layout_key(template, context, page)
        if laid is not None and laid.layout == key:
            self._passing = laid.output  # already collapsed: `collapse` passes it on as is
            return laid.output
        if recording is not None:
            recording.layout = key
        return str(template.render(context))

    def _search_key(self, plugin: Any, page: mkdocs_pages.Page) -> bytes:
        settings = self._search_keys.get(id(plugin))
        if settings is None:
            settings = self._search_keys[id(plugin)] = fingerprint(plugin.config)
        key = digest(settings, page.url, repr((page.title, page.meta)), _toc(page.toc))
        return digest(key, page.content or "")

    def _layout_key(self, template: Any, context: dict[str, Any], page: Any) -> bytes:
        if self._site_key is None:
            self._site_key = _site_key(context)
        return digest(self._site_key, template.name or "", _page_key(page, context))

    def release_markdown(self, page: mkdocs_pages.Page) -> None:
        """After ``page`` is converted (``on_page_content``): drop its Markdown.

        MkDocs keeps every page's Markdown and HTML until the build ends, about 300 MB at
        10,000 entries; nothing reads the Markdown after conversion, nor the HTML after the
        page is laid out, unless a plugin does, so this is done only in a one-off build whose
        plugins are all known not to (the 10,000-entry build within 500 MB).
        """
        if self.release:
            page.title = page.title  # MkDocs works it out from the Markdown: keep it as it is
            page.markdown = None

    def release_content(self, page: mkdocs_pages.Page) -> None:
        """After ``page`` is laid out (``on_post_page``): drop its HTML (`release_markdown`)."""
        if self.release:
            page.title = page.title
            page.content = None
            self._released += 1
            if self._released % _GIVE_BACK_EVERY == 0:
                give_back()

    def collapse(self, output: str) -> str:
        """`collapse_whitespace`, remembered."""
        if output is self._passing:
            self._passing = None
            return output
        if not self.keep:
            return collapse_whitespace(output)
        return self.collapsed.get_or_make(digest(output), lambda: collapse_whitespace(output))

    def _key(self, src_uri: str, markdown: str) -> bytes:
        return digest(self._markdown_key, src_uri, markdown)

    def _run_key(self, page: mkdocs_pages.Page, markdown: str) -> bytes:
        return digest(self._markdown_key, self._files_key, page.file.src_uri, markdown)

    def _markdown_of(self, page: mkdocs_pages.Page) -> Converted | None:
        """The remembered conversion of the page as it is on disk, if any."""
        try:
            markdown, _ = meta.get_data(page.file.content_string)
        except (OSError, ValueError):
            return None
        return self.converted.get(self._key(page.file.src_uri, markdown))


class _Layout:
    """A theme template whose pages come from the memo."""

    def __init__(self, memo: PageMemo, template: Any) -> None:
        self.memo, self.template = memo, template

    def __getattr__(self, name: str) -> Any:
        return getattr(self.template, name)

    def render(self, context: dict[str, Any]) -> str:
        return self.memo.layout(self.template, context)


class _Render:
    """``page.render`` through the memo."""

    def __init__(self, memo: PageMemo, page: mkdocs_pages.Page) -> None:
        self.memo, self.page = memo, page

    def __call__(self, config: MkDocsConfig, files: Files) -> None:
        self.memo.render(self.page, config, files)


def _toc(toc: Any) -> str:
    return repr([_anchor(item) for item in toc or ()])


def _anchor(item: Any) -> tuple[object, ...]:
    return (item.title, item.url, item.level, [_anchor(child) for child in item.children])


def _site_key(context: dict[str, Any]) -> bytes:
    config = context["config"]
    settings = {name: value for name, value in config.items() if name not in ("plugins", "theme")}
    # A hook (`hooks:`) is a module, without settings.
    plugins = [(name, getattr(plugin, "config", None)) for name, plugin in config.plugins.items()]
    theme = config.theme
    # The templates of custom_dir are the author's to edit, unlike an installed theme's.
    custom = file_status([Path(theme.custom_dir)]) if theme.custom_dir else {}
    return digest(
        fingerprint(settings),
        fingerprint(plugins),
        fingerprint((theme.name, dict(theme.items()), theme.dirs)),
        repr(sorted(custom.items())),
        repr([_nav_item(item) for item in context["nav"].items]),
    )


def _nav_item(item: Any) -> tuple[object, ...]:
    children = [_nav_item(child) for child in (getattr(item, "children", None) or ())]
    return (type(item).__name__, item.title, getattr(item, "url", None), children)


def _page_key(page: Any, context: dict[str, Any]) -> bytes:
    around = [
        (other.title, other.url) if other is not None else None
        for other in (page.previous_page, page.next_page)
    ]
    ancestors = [(item.title, getattr(item, "url", None)) for item in page.ancestors]
    extra = {name: value for name, value in context.items() if name not in _SITE_CONTEXT}
    described = (page.title, page.canonical_url, page.abs_url, page.edit_url, page.is_homepage)
    return digest(
        page.file.src_uri,
        page.url,
        repr((described, page.meta, page.update_date, around, ancestors)),
        fingerprint(extra),
        _toc(page.toc),
        page.content or "",
    )
