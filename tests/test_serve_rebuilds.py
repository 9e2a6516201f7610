"""Under ``serve``, every rebuild gives the site a full build gives, byte for byte.

A preview server keeps the plugin (and so what it remembered of each page and entry) across
rebuilds; these tests edit, add, delete and rename entries between rebuilds, as an author does,
and compare each served site with a plain ``mkdocs build`` of the project as it then is, in a
fresh process that remembers nothing. They also check that the remembered path was taken: after
a one-entry edit, only a few pages are converted again.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.config.defaults import MkDocsConfig

from conftest import run_cli
from errorbook.docs import page_memo, page_parts, search_sections
from errorbook.docs import plugin as plugin_module
from sitetools import (
    EPOCH,
    ROOT,
    build_in_fresh_process,
    copy_project,
    site_differences,
    with_site_url,
)

CASE = Path(__file__).parent / "cases" / "docs-pages"
SITE_URL = "https://errors.example.com/"
#: MkDocs serve sets site_url to the address it serves on; the full builds use the same.
SERVE_URL = "http://127.0.0.1:8000/"
#: A full build, as serve's first one but in a fresh process: it remembers nothing.
FULL_BUILD = f"""
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.site_url = {SERVE_URL!r}
config.plugins.on_startup(command="build", dirty=False)
build(config, serve_url={SERVE_URL!r})
"""


class _Server:
    """What the plugins' ``on_serve`` sees of MkDocs' live-reload server."""

    def __init__(self, builder: Callable[[], None]) -> None:
        self.builder = builder
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


class _Serve:
    """MkDocs 1.6's ``serve`` without the server: one plugin collection kept from the first
    build on (as ``serve`` keeps plugins that have ``on_startup``), a fresh configuration per
    full build, the site built with the serve URL, and each rebuild made by the server's
    builder as the plugins' ``on_serve`` left it (``full=True``: MkDocs' own full build)."""

    def __init__(self, project: Path, site: Path) -> None:
        self.project, self.site = project, site
        self.cache = MkDocsConfig.plugins.plugin_cache  # type: ignore[attr-defined]
        self.cache.clear()  # plugins kept by an earlier test of this process start afresh
        self.config = self._config()
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.converted: list[str] = []
        self.full_builds = 0
        self.server = _Server(self._full_build)

    def _config(self) -> MkDocsConfig:
        config = load_mkdocs_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        return config

    def _full_build(self) -> None:
        self.full_builds += 1
        mkdocs_build(self._config(), serve_url=SERVE_URL)

    def start(self) -> None:
        mkdocs_build(self.config, serve_url=SERVE_URL)
        self.config.plugins.on_serve(self.server, config=self.config, builder=self._full_build)

    def rebuild(self, *, full: bool = False) -> None:
        if full:
            self._full_build()
        else:
            self.server.builder()

    def close(self) -> None:
        self.config.plugins.on_shutdown()
        self.cache.clear()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(CASE, tmp_path / "project", ("errorbook.toml", "catalog"))
    (project / "docs").mkdir()
    repo_config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(with_site_url(repo_config, SITE_URL), encoding="utf-8")
    return project


@pytest.fixture
def serve(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[_Serve]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    session = _Serve(project, tmp_path / "served")
    # Index tables in runs of two rows, every page indexed for search a section at a time:
    # the site must still be the full build's, which converts and indexes each page whole.
    monkeypatch.setattr(page_parts, "ROWS", 2)
    monkeypatch.setattr(search_sections, "LONG", 0)
    for name in ("convert", "convert_in_parts"):  # a page converted whole or in parts
        monkeypatch.setattr(page_memo, name, _counted(session, getattr(page_memo, name)))
    try:
        session.start()
        yield session
    finally:
        session.close()


def _counted(session: _Serve, convert: Callable[..., Any]) -> Callable[..., Any]:
    """``convert``, noting in ``session`` each page it converts."""

    def counted(page: Any, *args: Any) -> Any:
        converted = convert(page, *args)
        if converted is not None or convert.__name__ == "convert":
            session.converted.append(page.file.src_uri)
        return converted

    return counted


def _full_build(project: Path, dest: Path) -> Path:
    """A full build of a copy of the project as it is now, in a fresh process."""
    copy = copy_project(project, dest / "project", ("errorbook.toml", "catalog", "mkdocs.yml"))
    (copy / "docs").mkdir()
    build_in_fresh_process(FULL_BUILD, copy, dest / "site")
    return dest / "site"


def _assert_same_as_full_build(serve: _Serve, dest: Path) -> None:
    assert site_differences(serve.site, _full_build(serve.project, dest)) == []


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _add(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _rename(catalog: Path, old: str, new: str) -> None:
    """Move an entry to a new code, and point every entry that named it at the new one."""
    target = catalog / f"{new}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    (catalog / f"{old}.yaml").rename(target)
    for path in catalog.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new), encoding="utf-8")


REVOKED = """\
title: Key Revoked
status: 401
detail: The key was revoked.
description: The key in the `Authorization` header was revoked by its owner.
causes:
  - Someone revoked the key in the dashboard.
fixes:
  - Create a new key.
headers:
  WWW-Authenticate:
    description: The scheme to use.
    value: Bearer
related: [auth/missing]
examples:
  - kind: request
    lang: bash
    code: 'curl -H "Authorization: Bearer $REVOKED" https://api.example.com/charges'
  - kind: fix
    lang: bash
    code: 'curl -H "Authorization: Bearer $NEW" https://api.example.com/charges'
"""

MISSING_SCOPE = (
    REVOKED.replace("Key Revoked", "Missing Scope")
    .replace("status: 401", "status: 403")
    .replace("was revoked by its owner", "lacks the scope this route needs")
    .replace("Someone revoked the key in the dashboard", "The key was made for reading only")
)

Change = Callable[[Path], None]

CHANGES: dict[str, Change] = {
    "nothing": lambda catalog: None,
    "edit a description": lambda catalog: _edit(
        catalog / "auth" / "missing.yaml",
        "carried no `Authorization` header.",
        "carried no `Authorization` header at all.",
    ),
    # Another page links to this entry by its title: that page must change too.
    "edit a linked title": lambda catalog: _edit(
        catalog / "auth" / "missing.yaml", "title: Unauthorized", "title: No Credentials"
    ),
    "add an entry": lambda catalog: _add(catalog / "auth" / "revoked.yaml", REVOKED),
    # auth/missing_scope extends the words of auth/missing, whose page gains a search boost.
    "add an entry extending another's code": lambda catalog: _add(
        catalog / "auth" / "missing_scope.yaml", MISSING_SCOPE
    ),
    "delete an entry": lambda catalog: (catalog / "auth" / "expired.yaml").unlink(),
    "rename an entry others link to": lambda catalog: _rename(
        catalog, "auth/missing", "auth/absent"
    ),
    "move an entry to another folder": lambda catalog: _rename(
        catalog, "billing/card/expired", "cards/expired_card"
    ),
}


@pytest.mark.parametrize("full", [False, True], ids=["server's builder", "MkDocs' build"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_a_rebuild_after_a_change_is_the_full_build(
    serve: _Serve, tmp_path: Path, change: str, full: bool
) -> None:
    CHANGES[change](serve.project / "catalog")
    serve.rebuild(full=full)

    _assert_same_as_full_build(serve, tmp_path / "full")


@pytest.mark.parametrize(
    ("change", "full_builds"),
    [("nothing", 0), ("edit a description", 0), ("edit a linked title", 0), ("add an entry", 1)],
)
def test_edits_rebuild_only_their_pages_and_the_rest_gets_a_full_build(
    serve: _Serve, change: str, full_builds: int
) -> None:
    CHANGES[change](serve.project / "catalog")
    serve.rebuild()

    assert serve.full_builds == full_builds


def test_a_session_of_changes_stays_the_full_build(serve: _Serve, tmp_path: Path) -> None:
    pages = len(list(serve.site.rglob("*.html")))
    for step, change in enumerate(CHANGES.values()):
        change(serve.project / "catalog")
        serve.rebuild()
        _assert_same_as_full_build(serve, tmp_path / f"full-{step}")
    assert pages > 8


def test_a_one_entry_edit_converts_only_the_pages_that_show_it(serve: _Serve) -> None:
    serve.converted.clear()
    serve.rebuild()
    assert serve.converted == []  # nothing changed: every page is remembered

    CHANGES["edit a description"](serve.project / "catalog")
    serve.rebuild()
    # The entry's page, the index pages that list it, and the page that names it as related
    # (each shows its description); not the other entries' pages.
    assert sorted(serve.converted) == [
        "auth/index.md",
        "auth/missing.md",
        "billing/card/declined.md",
        "by-status.md",
        "index.md",
    ]


def test_a_page_rebuild_ends_as_a_build_does(
    serve: _Serve, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.commands.build")
    serve.rebuild()
    CHANGES["edit a description"](serve.project / "catalog")
    serve.rebuild()

    said = [r.getMessage() for r in caplog.records if r.name == "mkdocs.commands.build"]
    assert serve.full_builds == 0
    assert len(said) == 2
    assert said[0].startswith("Documentation built in ")
    assert said[0].endswith(" seconds (nothing changed)")
    # The entry's page, the pages that list or link it, and its JSON files.
    assert re.fullmatch(r"Documentation built in [0-9.]+ seconds \(\d+ changed files\)", said[1])


def test_the_servers_first_regeneration_loads_the_catalog_even_when_nothing_changed(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """So that the first edit finds every other entry's results, as later edits do."""
    assert run_cli(["generate"], project).exit_code == 0  # nothing left to change
    loads: list[bool] = []
    regenerate = plugin_module.regenerate

    def recorded(*args: Any, **kwargs: Any) -> Any:
        loads.append(kwargs.get("load", False))
        return regenerate(*args, **kwargs)

    monkeypatch.setattr(plugin_module, "regenerate", recorded)
    session = _Serve(project, tmp_path / "served")
    try:
        session.start()
        CHANGES["edit a description"](project / "catalog")
        session.rebuild()
    finally:
        session.close()
    assert loads == [True, False]
