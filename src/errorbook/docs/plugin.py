"""The ``errorbook`` MkDocs plugin: a thin adapter from MkDocs' events to `errorbook.pipeline`.

The plugin regenerates stale pages before every build, so a plain ``mkdocs build`` or
``mkdocs serve`` after editing an entry just works; it writes only files whose text changed, so
the dev server's watcher does not loop::

    plugins:
      - search
      - errorbook          # optional: config: path/to/errorbook.toml
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from errorbook.core.diagnostics import display_path, render_text
from errorbook.core.errors import CatalogError
from errorbook.core.escape import terminal_text
from errorbook.docs.kept_site import keep_site, release_site
from errorbook.docs.markdown_config import unrendered_markup
from errorbook.docs.mkdocs_setup import prepare_site
from errorbook.docs.page_memo import PageMemo
from errorbook.docs.page_rebuild import REPLAYED, PageRebuild
from errorbook.docs.serve_polls import polls_held
from errorbook.docs.site_dir import site_dir_problem
from errorbook.pipeline import regenerate, write_last_record
from errorbook.read.config import Config
from errorbook.read.config import load_config as load_project
from errorbook.speed.file_status import file_status
from errorbook.speed.kept_site import KeptSite
from errorbook.speed.memo import keep_results, keeping_results

log = get_plugin_logger("errorbook")
#: errorbook's few style rules, served with the site (see the file for why).
STYLESHEET = "assets/stylesheets/errorbook.css"
STYLESHEET_SOURCE = Path(__file__).parent / "assets" / "errorbook.css"


# mkdocs' Config.__init_subclass__ carries no annotations, hence the ignores below.
class ErrorbookPluginConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``errorbook`` plugin in mkdocs.yml."""

    #: The errorbook configuration (pyproject.toml or errorbook.toml); default: the one in
    #: mkdocs.yml's folder.
    config = options.Optional(options.File(exists=True))


class ErrorbookPlugin(BasePlugin[ErrorbookPluginConfig]):  # type: ignore[no-untyped-call]
    """Regenerates errorbook's pages before each build and watches the catalog under serve."""

    def __init__(self) -> None:
        super().__init__()
        #: What MkDocs computed for each page (`errorbook.docs.page_memo`); under ``serve``
        #: this instance, and so the memo, lives across rebuilds (it has ``on_startup``).
        self.memo = PageMemo()
        self.site: KeptSite | None = None
        #: Under ``serve``, the last full build, to rebuild only the pages that changed.
        self.rebuild: PageRebuild | None = None
        self._loaded = True

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Declaring it makes MkDocs keep this instance across ``serve`` rebuilds; there, each
        # entry's results are kept too (`errorbook.speed.memo`).
        keep_results(command == "serve")
        # ...and the site folder is kept: only changed files are written (speed.kept_site).
        self.site = keep_site() if command == "serve" else None
        self.rebuild = PageRebuild() if command == "serve" else None
        #: A server's first regeneration loads the catalog even when nothing changed, so that
        #: the first edit finds every other entry's results (about 8 s at 10,000 entries).
        self._loaded = command != "serve"

    def on_shutdown(self) -> None:
        write_last_record()
        keep_results(False)
        if self.rebuild is not None:
            self.rebuild.close()
            self.rebuild = None
        if self.site is not None:
            release_site()
            self.site = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # A rebuild of the server that regenerated, then left the rebuild to this full build.
        handed = self.rebuild.hand_over() if self.rebuild is not None else None
        if self.rebuild is not None:
            self.rebuild.forget()
        if isinstance(handed, _Regenerated) and handed.project == self._project(config):
            handed.report()
        else:
            self._regenerate(config).report()
        if self.rebuild is not None:
            watched = self._watched(config)
            self.rebuild.note(config=config, watched=watched, status=file_status(watched))

    def _regenerate(self, config: MkDocsConfig) -> _Regenerated:
        project = self._project(config)
        try:
            # A one-off build starts from the memory regenerating gave back (speed.isolated);
            # a preview server keeps what it loaded, for the next rebuild (speed.memo).
            run = regenerate(
                project, on_wait=log.info, isolated=not keeping_results(), load=not self._loaded
            )
        except CatalogError as error:
            raise PluginError(terminal_text(f"errorbook: {error}")) from None
        if not run.ok:
            raise PluginError(f"errorbook: {render_text(list(run.diagnostics)).rstrip()}")
        self._loaded = True
        warnings = []
        for diagnostic in run.diagnostics:
            where = f"{display_path(diagnostic.path)}:{diagnostic.line}:{diagnostic.column}"
            line = f"{where}: {diagnostic.message} [{diagnostic.code} {diagnostic.rule}]"
            warnings.append(terminal_text(line, one_line=True))
        summary = f"regenerated {len(run.changes)} of {run.files} files" if run.changes else None
        return _Regenerated(project, tuple(warnings), summary)

    @event_priority(50)  # before the search plugin's, which reads its separator then
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        problem = site_dir_problem(self._project(config), Path(config.site_dir))
        if problem:
            raise PluginError(f"errorbook: {problem}")
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        try:
            prepare_site(config, log.info)
        except CatalogError as error:
            raise PluginError(terminal_text(f"errorbook: {error}")) from None
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        css = STYLESHEET_SOURCE.read_text(encoding="utf-8")
        files.append(File.generated(config, STYLESHEET, content=css))
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Any) -> Navigation:
        nav.items = [_flatten(item) for item in nav.items]
        self.memo.start(config, files, nav)
        if self.rebuild is not None:
            self.rebuild.note(files=files, nav=nav)
        return nav

    def on_page_content(self, html: str, /, *, page: Any, config: MkDocsConfig, files: Any) -> str:
        # The safety net of prepare_site: a page showing its Markdown as text is a warning, so
        # `--strict` never passes a broken render (a theme or extension that undoes ours).
        shown = unrendered_markup(html)
        if shown:
            log.warning(
                terminal_text(
                    f"{page.file.src_uri} shows Markdown as text ({', '.join(shown[:3])}): "
                    "an extension its pages use is missing or configured otherwise",
                    one_line=True,
                )
            )
        self.memo.release_markdown(page)
        return html

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self.memo.attach(env, config, files)
        if self.rebuild is not None:
            self.rebuild.note(env=env)
        return env

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        # Material's indentation is a fifth of every page; see errorbook.docs.whitespace.
        collapsed = self.memo.collapse(output)
        self.memo.release_content(page)
        return collapsed

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.memo.finish()
        if self.site is not None:
            self.site.finish()
        if self.rebuild is not None:
            self.rebuild.complete()
            # The heap a full build leaves is large (2 GB at 10,000 entries), and the first
            # rebuild after it would pay a full collection of it (0.9 s at 10,000 entries);
            # made now, before the server waits for an edit, later ones find it small.
            gc.collect()

    def on_build_error(self, *, error: Exception) -> None:
        self.memo.stop_ahead()
        if self.rebuild is not None:
            self.rebuild.forget()

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        project = self._project(config)
        for folder in (project.catalog, project.templates):
            if folder is not None and folder.is_dir():
                server.watch(str(folder))
        if self.rebuild is not None:
            server.builder = self._builder(server.builder, getattr(server, "observer", None))
        return server

    def _builder(self, full_build: Any, observer: Any) -> Any:
        """The server's builder: only the changed pages when that is all that changed, with
        the file watcher's polls held meanwhile (`polls_held`)."""
        rebuild = self.rebuild

        def build() -> None:
            with polls_held(observer):
                if rebuild is None or not rebuild.run(self._regenerate, self.memo.search_entries):
                    full_build()

        return build

    def _watched(self, config: MkDocsConfig) -> tuple[Path, ...]:
        """The files whose changes send the server rebuilding, but the catalog: regenerating
        turns its changes into changes of ``docs_dir``."""
        project = self._project(config)
        found = [Path(config.docs_dir), project.source]
        if config.config_file_path:
            found.append(Path(config.config_file_path))
        found += [Path(path) for path in config.watch]
        if project.templates is not None:
            found.append(project.templates)
        if config.theme.custom_dir:
            found.append(Path(config.theme.custom_dir))
        return tuple(path.absolute() for path in found)

    def _project(self, config: MkDocsConfig) -> Config:
        explicit = Path(self.config.config) if self.config.config else None
        try:
            return load_project(explicit, cwd=Path(config.config_file_path).parent)
        except CatalogError as error:
            raise PluginError(terminal_text(f"errorbook: {error}")) from None


class _Regenerated:
    """A regeneration's warnings and summary (`PageRebuild.hand_over`)."""

    def __init__(self, project: Config, warnings: tuple[str, ...], summary: str | None) -> None:
        self.project, self.warnings, self.summary = project, warnings, summary

    def report(self) -> None:
        for line in self.warnings:
            # Every rebuild regenerates and logs them again: they need no full build.
            log.warning(line, extra={REPLAYED: True})
        if self.summary:
            log.info(self.summary)


def _flatten(item: Any) -> Any:
    """A section whose only child is its own index page, as a plain link to that page.

    With the folders below it kept out of the sidebar (``not_in_nav``), Material still renders
    such a section with an empty sub-navigation: about 600 bytes on every page, per folder.
    """
    if isinstance(item, Section):
        item.children = [_flatten(child) for child in item.children]
        only = item.children[0] if len(item.children) == 1 else None
        if isinstance(only, Page) and only.is_index:
            only.parent = item.parent
            return only
    return item
