"""Build or serve the documentation site with MkDocs, as ``errorbook build`` / ``serve`` do.

MkDocs is imported only here and in the plugin (`errorbook.docs.plugin`), and only when a site
is built: ``validate`` and ``generate`` never load it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import get_plugin_logger

from errorbook.core.errors import CatalogError, SiteError, UsageError
from errorbook.docs.listen import check_listen
from errorbook.docs.mkdocs_setup import prepare_site
from errorbook.docs.site_dir import site_dir_problem
from errorbook.read.config import Config
from errorbook.read.config import load_config as load_project
from errorbook.read.site_settings import MKDOCS_FILE
from errorbook.read.yaml_source import read_setting

PLUGIN_NAME = "errorbook"
#: MkDocs' default address for ``mkdocs serve``.
_DEV_ADDR = "127.0.0.1:8000"


def mkdocs_file(project: Config) -> Path:
    """The MkDocs configuration next to the errorbook configuration.

    Raises:
        UsageError: There is none; the message says what a minimal one holds.
    """
    path = project.root / MKDOCS_FILE
    if not path.is_file():
        raise UsageError(
            f"no {MKDOCS_FILE} in {project.root}: create one with `site_url: {project.base_uri}`, "
            "`theme: {name: material}` and `plugins: [search, errorbook]` (see the README)"
        )
    return path


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
        prepare_site(config, get_plugin_logger(PLUGIN_NAME).info)  # the plugin too: idempotent
        mkdocs_build(config)
        return Path(config.site_dir)


def serve_address(project: Config, dev_addr: str | None = None) -> str:
    """The address the preview will listen on, once checked that it can: ``dev_addr``
    (``IP:PORT``, or a bare ``PORT`` on 127.0.0.1), else mkdocs.yml's ``dev_addr``.

    ``errorbook serve`` asks before it regenerates anything, so a busy port costs nothing.

    Raises:
        UsageError: There is no mkdocs.yml, or nothing can listen on the address.
    """
    # Read without MkDocs, which refuses a configuration whose docs_dir does not exist yet.
    configured = read_setting(mkdocs_file(project), "dev_addr")
    given = dev_addr or (configured[0] if configured and configured[0] else _DEV_ADDR)
    host, _, port = given.strip().rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    try:
        number = int(port)
    except ValueError:
        raise UsageError(f"--dev-addr must be PORT or IP:PORT, e.g. 8001, not {given!r}") from None
    check_listen(host, number)
    return f"[{host}]:{number}" if ":" in host else f"{host}:{number}"


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
        check_listen(host, port)  # again: another program may have taken it while building
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
