"""The MkDocs side of errorbook: the ``errorbook`` plugin, and the builds behind `build`/`serve`.

This is the only module that imports MkDocs. The plugin regenerates stale pages before every
build, so a plain ``mkdocs build`` or ``mkdocs serve`` after editing an entry just works; it
writes only files whose text changed, so the dev server's watcher does not loop::

    plugins:
      - search
      - errorbook          # optional: config: path/to/errorbook.toml
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import base, load_config
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from errorbook.config import Config
from errorbook.config import load_config as load_project
from errorbook.diagnostics import display_path
from errorbook.errors import CatalogError, SiteError
from errorbook.listen import check_listen
from errorbook.refresh import refresh_outputs
from errorbook.whitespace import collapse_whitespace

log = get_plugin_logger("errorbook")
PLUGIN_NAME = "errorbook"
#: errorbook's few style rules, served with the site (see the file for why).
STYLESHEET = "assets/stylesheets/errorbook.css"
STYLESHEET_SOURCE = Path(__file__).parent / "site" / "errorbook.css"


# mkdocs' Config.__init_subclass__ carries no annotations, hence the ignores below.
class ErrorbookPluginConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``errorbook`` plugin in mkdocs.yml."""

    #: The errorbook configuration (pyproject.toml or errorbook.toml); default: the one in
    #: mkdocs.yml's folder.
    config = options.Optional(options.File(exists=True))


class ErrorbookPlugin(BasePlugin[ErrorbookPluginConfig]):  # type: ignore[no-untyped-call]
    """Regenerates errorbook's pages before each build and watches the catalog under serve."""

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        project = self._project(config)
        try:
            refresh = refresh_outputs(project)
        except CatalogError as error:
            raise PluginError(f"errorbook: {error}") from None
        for diagnostic in refresh.warnings:
            where = f"{display_path(diagnostic.path)}:{diagnostic.line}:{diagnostic.column}"
            log.warning(f"{where}: {diagnostic.message} [{diagnostic.code} {diagnostic.rule}]")
        if refresh.changes:
            log.info(f"regenerated {len(refresh.changes)} of {refresh.files} files")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        problem = site_dir_problem(self._project(config), Path(config.site_dir))
        if problem:
            raise PluginError(f"errorbook: {problem}")
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        css = STYLESHEET_SOURCE.read_text(encoding="utf-8")
        files.append(File.generated(config, STYLESHEET, content=css))
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Any) -> Navigation:
        nav.items = [_flatten(item) for item in nav.items]
        return nav

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        # Material's indentation is a fifth of every page; see errorbook.whitespace.
        return collapse_whitespace(output)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        project = self._project(config)
        for folder in (project.catalog, project.templates):
            if folder is not None and folder.is_dir():
                server.watch(str(folder))
        return server

    def _project(self, config: MkDocsConfig) -> Config:
        explicit = Path(self.config.config) if self.config.config else None
        try:
            return load_project(explicit, cwd=Path(config.config_file_path).parent)
        except CatalogError as error:
            raise PluginError(f"errorbook: {error}") from None


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


def build_site(mkdocs_file: Path, *, strict: bool | None = None) -> Path:
    """Build the site described by ``mkdocs_file``, as ``mkdocs build`` would.

    Args:
        mkdocs_file: The MkDocs configuration.
        strict: Abort on warnings; None leaves it to the ``strict`` setting of the file.

    Returns:
        The folder the site was written to.

    Raises:
        SiteError: MkDocs reported a configuration or build error (already logged).
    """
    with _mkdocs_logging(), _site_errors():
        config = load_config(str(mkdocs_file), strict=strict)
        # The plugin checks this too, but a site may be built without it.
        problem = None
        with contextlib.suppress(CatalogError):
            problem = site_dir_problem(load_project(cwd=mkdocs_file.parent), Path(config.site_dir))
        if problem:
            raise SiteError(problem)
        mkdocs_build(config)
        return Path(config.site_dir)


def site_dir_problem(project: Config, site_dir: Path) -> str | None:
    """Why MkDocs must not build into ``site_dir``, or None: it empties the folder first."""
    site_dir = Path(os.path.normpath(site_dir))
    inputs = {
        "the project folder": project.root,
        "the errorbook configuration": project.source,
        "the catalog": project.catalog,
        "the templates": project.templates,
        "the generated package": project.python_package,
        "the docs folder": project.docs_dir,
    }
    for what, place in inputs.items():
        if place is None:
            continue
        if place.is_relative_to(site_dir) or (
            what != "the project folder" and site_dir.is_relative_to(place)
        ):
            return (
                f"site_dir {display_path(site_dir)} overlaps {what} ({display_path(place)}), and "
                "MkDocs empties site_dir before every build: set site_dir in mkdocs.yml to a "
                "folder of its own, e.g. site"
            )
    return None


def serve_site(
    mkdocs_file: Path, *, dev_addr: str | None = None, open_browser: bool = False
) -> None:
    """Serve the site with live reload until interrupted, as ``mkdocs serve`` would.

    Raises:
        SiteError: MkDocs reported a configuration or build error (already logged).
        UsageError: The server cannot listen on its address.
    """
    with _mkdocs_logging(), _site_errors():
        host, port = load_config(str(mkdocs_file), dev_addr=dev_addr).dev_addr
        check_listen(host, port)
        mkdocs_serve(str(mkdocs_file), dev_addr=dev_addr, open_in_browser=open_browser)


def uses_plugin(mkdocs_file: Path) -> bool:
    """True when the MkDocs configuration enables the ``errorbook`` plugin."""
    with _mkdocs_logging(), _site_errors():
        return PLUGIN_NAME in load_config(str(mkdocs_file)).plugins


@contextlib.contextmanager
def _site_errors() -> Iterator[None]:
    try:
        yield
    except MkDocsException as error:
        raise SiteError(error.format_message()) from None


@contextlib.contextmanager
def _mkdocs_logging() -> Iterator[None]:
    """Show MkDocs' messages as its own CLI does (it configures logging only in its CLI)."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    previous = (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]
