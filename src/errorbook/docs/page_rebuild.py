"""Under ``serve``, rebuild only the pages whose Markdown changed, when nothing else did.

Serves the live-preview targets of the benchmark report (from saving an entry to the served page
showing it, at most 2 s at 1,000 entries): even with every page's conversion, search entries and
layout remembered (`errorbook.docs.page_memo`), a MkDocs build walks every page, about 1.1 s at
1,000 entries when nothing changed at all. After a full build, the plugin keeps that build's
files, navigation and template environment here; on the next change `PageRebuild.run` compares
the watched files with what that build read and, when only existing documentation pages or
static files changed, runs MkDocs' own per-page steps (``_populate_page``, ``_build_page``) for
those pages alone, renders the theme's and the ``extra_templates`` again (any of them may show
any page), checks every page's links to anchors (a changed page may have lost one another page
links to), then writes the search index again from every page's entries in site order. When
nothing changed (the rebuild that the pages regenerating wrote sets off), it only checks the
links to anchors again, as every build says what it finds there.
Anything else falls back to the full build: a file added, deleted or changed outside
``docs_dir`` pages (``mkdocs.yml``, the errorbook configuration, templates, watched folders), a
plugin this module does not know, a page in the navigation whose title or metadata changed (the
sidebar of every page shows them), a page whose tags changed or that lists tags, a tagged page
whose title changed (the listings show it), and any rebuild after one that logged a warning
(a full build repeats the warnings of every page; errorbook's own are repeated by every
rebuild, which regenerates).

It fails as MkDocs' build fails: regenerating or a page ends in an ``Abort`` after the error is
logged, and in strict mode a warning (the catalog's included) aborts it after the pages are
written.

A page's HTML depends on its own Markdown and metadata, the configuration, the navigation and
the set of files; the last three are the full build's, unchanged, so the pages rebuilt here are
byte for byte what a full build makes (the serve tests compare them), and the others are
already on disk.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, Protocol

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from errorbook.speed.file_status import Status, file_status

#: Extensions whose output depends on files other than the page: their pages are never
#: remembered (`errorbook.docs.page_memo`), and a change gets a full build.
READS_FILES = ("pymdownx.snippets", "markdown_include", "mdx_include")
#: Plugins whose state across pages this module keeps right (anything else: a full build).
KNOWN_PLUGINS = frozenset({"search", "material/search", "tags", "material/tags", "errorbook"})
#: Marks a record errorbook's regeneration logged: every rebuild regenerates, so logs it again.
REPLAYED = "errorbook_replayed"


class Regenerated(Protocol):
    """What regenerating the pages said: logged by the page rebuild, or by the full build it
    leaves the rebuild to (again, if the page rebuild had begun: strict mode counts it)."""

    def report(self) -> None: ...


@dataclass
class LastBuild:
    """What the last full build read and made, for rebuilding some of its pages."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any
    watched: tuple[Path, ...]
    status: dict[str, Status]


class PageRebuild:
    """The last full build of a preview server, and the rebuild of its changed pages."""

    def __init__(self) -> None:
        self.last: LastBuild | None = None
        self._pending: dict[str, Any] = {}
        self._warned = _Warned()
        logging.getLogger("mkdocs").addHandler(self._warned)
        self._regenerated: Regenerated | None = None

    def forget(self) -> None:
        """A build starts or failed: the next change gets a full build unless one completes."""
        self.last = None
        self._pending = {}

    def note(self, **parts: Any) -> None:
        """Record part of the running full build (its files, navigation, environment...)."""
        self._pending.update(parts)

    def complete(self) -> None:
        """The full build finished: keep it, if every part was noted and it warned of nothing
        (a page rebuild would not repeat the warnings of the pages it leaves alone)."""
        parts, self._pending = self._pending, {}
        names = ("config", "files", "nav", "env", "watched", "status")
        if all(name in parts for name in names) and not self._warned.seen:
            self.last = LastBuild(**{name: parts[name] for name in names})

    def hand_over(self) -> Regenerated | None:
        """What the page rebuild regenerated before it left the rebuild to MkDocs' full build
        (that build then need not regenerate again, only report it), once; None if it did
        not."""
        regenerated, self._regenerated = self._regenerated, None
        return regenerated

    def close(self) -> None:
        """The server stops."""
        logging.getLogger("mkdocs").removeHandler(self._warned)
        self.forget()

    def run(
        self, regenerate: Callable[[MkDocsConfig], Regenerated], entries: SearchEntries
    ) -> bool:
        """Regenerate, then rebuild the changed pages; False when a full build is needed.

        Raises:
            Abort: As MkDocs' build does: regenerating failed, a page failed, or (strict) a
                warning was logged.
        """
        started = time.monotonic()
        self._warned.seen, self._regenerated = False, None
        # Until the rebuild completes, a failure leaves a full build next.
        last, self.last = self.last, None
        if last is None or not set(last.config.plugins) <= KNOWN_PLUGINS:
            return False
        if any(marker in str(last.config.markdown_extensions) for marker in READS_FILES):
            return False  # a change to an included file changes the pages that include it
        with _strict_count(last.config) as counter:
            try:
                self._regenerated = regenerate(last.config)
            except BuildError as error:
                _abort(error)
            status = file_status(last.watched)
            changed = _changed_files(last, status)
            if changed is None:
                return False
            self._regenerated.report()  # before the pages' messages, as in a full build
            if not _rebuild(last, changed, entries):
                return False
            self._regenerated = None
            if counts := counter.get_counts():
                message = ", ".join(f"{number} {level.lower()}s" for level, number in counts)
                raise Abort(f"Aborted with {message} in strict mode!")
        if not self._warned.seen:
            last.status = status
            self.last = last
        # MkDocs' own last word on a build, and what this one rebuilt.
        rebuilt = f"{len(changed)} changed file{'' if len(changed) == 1 else 's'}"
        logging.getLogger("mkdocs.commands.build").info(
            f"Documentation built in {time.monotonic() - started:.2f} seconds "
            f"({rebuilt if changed else 'nothing changed'})"
        )
        return True


class SearchEntries:
    """Each page's search entries, per search plugin, in the order a full build adds them."""

    def __init__(self) -> None:
        self.by_page: dict[tuple[int, str], list[Any]] = {}
        self.indexes: list[tuple[Any, list[Any]]] = []

    def record(self, plugin: Any, page: Page, entries: list[Any]) -> None:
        self.by_page[(id(plugin), page.file.src_uri)] = entries

    def reassemble(self, pages: Iterable[Page]) -> None:
        """Put every index's entries back in site order, the changed pages' replaced."""
        uris = [page.file.src_uri for page in pages]
        for plugin, entries in self.indexes:
            entries[:] = [item for uri in uris for item in self.by_page.get((id(plugin), uri), ())]


def _changed_files(last: LastBuild, status: dict[str, Status]) -> list[File] | None:
    """The site's files that changed, in site order; None if any other watched file did."""
    if status.keys() != last.status.keys():
        return None
    changed = {path for path, now in status.items() if last.status[path] != now}
    found: list[File] = []
    for file in last.files:
        if file.abs_src_path in changed and file.inclusion.is_in_serve():  # type: ignore[no-untyped-call]
            changed.discard(file.abs_src_path)
            found.append(file)
    return None if changed else found


def _documentation(last: LastBuild) -> list[File]:
    inclusion = InclusionLevel.is_in_serve
    return list(last.files.documentation_pages(inclusion=inclusion))


def _rebuild(last: LastBuild, changed: list[File], entries: SearchEntries) -> bool:
    """MkDocs' steps for the ``changed`` files alone; False (nothing written) when a full build
    is needed."""
    config, files, nav = last.config, last.files, last.nav
    pages = [file.page for file in changed if file.page is not None]
    if len(pages) != sum(file.is_documentation_page() for file in changed):
        return False
    try:
        if not changed:  # the site is as the last build left it (regenerating wrote nothing)
            _check_anchor_links(last)
            return True
        if not _populate(last, pages):
            return False
        for file in changed:
            if not file.is_documentation_page():
                file.copy_file()
        # As a full build, every time: a template may show any page's title (a feed, a sitemap).
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, last.env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)
        documentation = _documentation(last)
        for page in pages:
            excluded = page.file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
            mkdocs_build._build_page(page, config, documentation, nav, last.env, excluded=excluded)
        _check_anchor_links(last)
        entries.reassemble(file.page for file in documentation if file.page is not None)
        for plugin, _ in entries.indexes:
            plugin.on_post_build(config=config)
    except BuildError as error:
        _abort(error)
    return True


def _check_anchor_links(last: LastBuild) -> None:
    """Every page's links to anchors, as a build checks them (and says what it finds): a
    changed page may have lost the one another page links to."""
    level = last.config.validation.links.anchors
    for file in _documentation(last):
        assert file.page is not None
        file.page.validate_anchor_links(files=last.files, log_level=level)


def _populate(last: LastBuild, pages: list[Page]) -> bool:
    """Read and convert the changed pages; False when another page shows what changed: the
    title or metadata of a page in the navigation, tags, or the title of a tagged page."""
    in_nav = {id(page) for page in last.nav.pages}
    tags = _tags_plugin(last.config)
    for page in pages:
        before = (page.title, dict(page.meta))
        lists_tags = tags is not None and _lists_tags(tags, page)
        mkdocs_build._populate_page(page, last.config, last.files)
        if id(page) in in_nav and (page.title, page.meta) != before:
            return False
        if tags is not None and _tags_shown_elsewhere(tags, page, *before):
            return False
        if lists_tags:
            return False
    return True


def _abort(error: BuildError) -> NoReturn:
    """What MkDocs' build does with a ``BuildError`` (a plugin's error among them)."""
    logging.getLogger("mkdocs.commands.build").error(str(error))
    raise Abort("Aborted with a BuildError!") from None


@contextlib.contextmanager
def _strict_count(config: MkDocsConfig) -> Iterator[utils.CountHandler]:
    """Count the warnings, as MkDocs' build does in strict mode (none counted otherwise)."""
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    mkdocs_log = logging.getLogger("mkdocs")
    if config.strict:
        mkdocs_log.addHandler(counter)
    try:
        yield counter
    finally:
        mkdocs_log.removeHandler(counter)


class _Warned(logging.Handler):
    """Notes a message a page rebuild would not repeat for the pages it leaves alone: a
    warning, or a link MkDocs cannot follow (told from INFO up, as ``validation`` sets); not
    errorbook's replayed ones, nor the links to anchors, which every rebuild checks again."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, REPLAYED, False) or record.funcName == "validate_anchor_links":
            return
        if record.levelno >= logging.WARNING or record.name == "mkdocs.structure.pages":
            self.seen = True


def _tags_plugin(config: MkDocsConfig) -> Any:
    for name in ("material/tags", "tags"):
        plugin = config.plugins.get(name)
        if plugin is not None and plugin.config.enabled:
            return plugin
    return None


def _tags_shown_elsewhere(plugin: Any, page: Page, title: str | None, meta: dict[str, Any]) -> bool:
    """Whether the pages listing tags change: the page's tags changed, or the title of a
    page with tags (listings and the exported tags show it)."""
    name = plugin.config.tags_name_property
    if page.meta.get(name) != meta.get(name):
        return True
    return bool(page.meta.get(name)) and page.title != title


def _lists_tags(plugin: Any, page: Page) -> bool:
    """Whether the page lists tags, before or after its change (tags come from every page)."""
    if any(listing.page is page for listing in plugin.listings or ()):
        return True
    try:
        return str(plugin.config.listings_directive) in page.file.content_string
    except (OSError, ValueError):
        return True
