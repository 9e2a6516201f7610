"""In a one-off build, lay pages out in forked workers ahead of MkDocs, which takes their results.

Serves the cold 10,000-entry site build (at most half of the old time, see the benchmark
report). Once every page is converted (in workers too: `errorbook.docs.page_prerender.prerender`),
MkDocs lays the pages out one by one: the search plugin parses each page's HTML, the theme
renders it, errorbook collapses its white space; at 10,000 entries about 55 s on one core
while the other waits. As soon as MkDocs has its template environment (``on_env``),
`LayoutAhead.start` forks workers that run the same steps (MkDocs' ``_build_page`` but
writing) for every page, in MkDocs' order, while MkDocs itself still copies the static files
and writes the theme's own templates: at 10,000 entries that is about 3 s on one core, the
schemas of every entry among the files. For each page MkDocs then lays out,
`LayoutAhead.take` gives the worker's result: its search entries and its final HTML are used
when the page's inputs are the ones the worker saw (the keys `PageMemo` computes for a preview
server's memo, see `errorbook.docs.page_memo`) and nothing was logged making them; otherwise
MkDocs' own steps run, and log, here.

Only in a build whose plugins are all known (`errorbook.docs.page_rebuild.KNOWN_PLUGINS`): an
unknown plugin's ``on_page_context`` or ``on_post_page`` would run in a worker, and what it
remembers there would be lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from errorbook.speed.parallel import Ahead, map_ahead, would_fork

#: Laying a page out costs about as much as loading this many entries (`parallel_map` weights).
LAYOUT_WEIGHT = 5


@dataclass(frozen=True)
class LaidOut:
    """What a worker made of one page.

    Attributes:
        search: For each search plugin (by its ``id``, the same in every forked process): the
            key of the page's search inputs and the entries, as JSON.
        layout: The key of the page's layout inputs.
        output: The page as MkDocs writes it (after every ``on_post_page``).
    """

    search: dict[int, tuple[bytes, str]]
    layout: bytes
    output: str


@dataclass
class Recording:
    """The keys `PageMemo` computes while a worker lays a page out."""

    search: dict[int, tuple[bytes, str]]
    layout: bytes | None = None


class LayoutAhead:
    """The workers of one build, and their results in MkDocs' order."""

    def __init__(self) -> None:
        self._workers: Ahead[LaidOut | None] | None = None
        self._results: Iterator[LaidOut | None] | None = None
        self._pages: list[Page] = []
        self._next = 0
        self._current: tuple[Page, LaidOut | None] | None = None
        #: Set in a worker while it lays a page out: `PageMemo` records its keys here.
        self.recording: Recording | None = None

    def start(
        self,
        config: MkDocsConfig,
        nav: Navigation,
        files: Sequence[File],
        env: Any,
    ) -> None:
        """MkDocs is about to lay out the pages of ``files`` (its documentation pages, in its
        order): start laying them out, if that pays."""
        pages = [file.page for file in files if file.page is not None]
        if not would_fork(len(pages) * LAYOUT_WEIGHT):
            return
        self._pages = pages

        def lay_out(page: Page) -> LaidOut | None:
            return self._lay_out(page, config, nav, files, env)

        self._workers = map_ahead(lay_out, pages, weights=[LAYOUT_WEIGHT] * len(pages))
        self._results = self._workers.stream()

    def take(self, page: Page) -> LaidOut | None:
        """What a worker made of ``page``, if a worker laid it out."""
        if self._current is not None and self._current[0] is page:
            return self._current[1]
        found = None
        pending = self._next < len(self._pages) and self._pages[self._next] is page
        if self._results is not None and pending:
            self._next += 1
            found = next(self._results)
        self._current = (page, found)
        return found

    def close(self) -> None:
        """The build ends: stop the workers, if any are left."""
        if self._workers is not None:
            self._workers.close()

    def _lay_out(
        self,
        page: Page,
        config: MkDocsConfig,
        nav: Navigation,
        files: Sequence[File],
        env: Any,
    ) -> LaidOut | None:
        """In a worker: MkDocs' ``_build_page`` for ``page``, but writing."""
        recording = self.recording = Recording({})
        logged: list[int] = []
        config._current_page = page
        page.active = True
        try:
            with _noting(logged.append):
                context = get_context(nav, files, config, page)
                template = env.get_template(page.meta.get("template", "main.html"))
                context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
                output = config.plugins.on_post_page(
                    template.render(context), page=page, config=config
                )
        except Exception:  # MkDocs' own steps meet it again, and report it
            return None
        finally:
            page.active = False
            config._current_page = None
            self.recording = None
        if logged or recording.layout is None:
            return None
        return LaidOut(recording.search, recording.layout, output)


@contextmanager
def _noting(note: Callable[[int], None]) -> Iterator[None]:
    """Nothing logged is shown (in a worker); each record's level is noted instead."""
    call_handlers = logging.Logger.callHandlers

    def noted(logger: logging.Logger, record: logging.LogRecord) -> None:
        note(record.levelno)

    logging.Logger.callHandlers = noted  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        logging.Logger.callHandlers = call_handlers  # type: ignore[method-assign]
