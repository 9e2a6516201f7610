"""An index page converted in parts (`errorbook.docs.page_parts`) is the page converted whole.

Hostile catalogs (every field attacked, `hostile_catalog`) are generated with each site
configuration of the hostile site tests, with and without raw HTML in Markdown fields, and
every page with an index table is converted both ways, in runs of two rows so that each table
is made of several runs. Then the cases where the parts could differ: each must be converted
whole.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page

from conftest import run_cli
from errorbook.docs import page_parts
from errorbook.docs.page_convert import Converted, MarkdownRun, convert, files_key
from errorbook.docs.page_parts import convert_in_parts, in_parts
from errorbook.speed.memo import Memo, digest
from hostile_catalog import hostile_catalog
from sitetools import ROOT, copy_project, with_site_url
from test_hostile_site import CONFIGS, SITE_URL, write_project

CASE = ROOT / "tests" / "cases" / "docs-pages"
# Letters: brackets ("](" + "a@b.example)") make links to missing pages, which MkDocs warns
# of; YAML and header values take letters anywhere.
_NO_ANGLES = str.maketrans("<>", "LG")
EXAMPLES = int(os.environ.get("ERRORBOOK_HOSTILE_EXAMPLES", "20")) // 2 or 1


def _project(
    project: Path, files: dict[str, str], config: str, *, markdown_html: bool = False
) -> MkDocsConfig:
    """``files`` (a catalog) generated with ``config`` of `CONFIGS`; the loaded MkDocs
    configuration, as the plugin leaves it."""
    settings = f"markdown-html = {str(markdown_html).lower()}\n"
    write_project(project, files, config, SITE_URL, settings)
    result = run_cli(["generate"], project)
    assert result.exit_code == 0, result.stderr
    return _loaded(project)


def _loaded(project: Path) -> MkDocsConfig:
    loaded = load_config(str(project / "mkdocs.yml"))
    loaded.plugins.on_startup(command="build", dirty=False)
    return loaded.plugins.on_config(loaded)


def _both_ways(
    config: MkDocsConfig, files: Files, file: File, *, required: bool = True
) -> tuple[Page, Page] | None:
    """``file``'s page converted whole and in parts, compared; None if it was converted whole
    instead (``required``: asserted not to be, unless converting it logged something)."""
    digest_of_files = files_key(files)
    whole = Page(None, file, config)
    whole.read_source(config)
    expected = convert(whole, config, files, digest_of_files)
    assert expected is not None
    file.page = None
    parts = Page(None, file, config)
    parts.read_source(config)
    runs: Memo[MarkdownRun] = Memo()
    found = convert_in_parts(parts, config, files, digest_of_files, runs, digest)
    if found is None:
        # A conversion that logs (a link to a missing page, say) is never made in parts.
        assert not (required and expected.quiet), file.src_uri
        return None
    assert found.content == expected.content, file.src_uri
    assert (found.toc_tokens, found.title, found.anchors, found.anchor_links) == (
        expected.toc_tokens,
        expected.title,
        expected.anchors,
        expected.anchor_links,
    )
    assert sorted(found.links) == sorted(expected.links)
    return whole, parts


def _index_pages(config: MkDocsConfig, files: Files) -> Iterator[File]:
    for file in files.documentation_pages():
        if '<div class="errorbook-index" markdown>' in file.content_string:
            yield file


@pytest.fixture
def two_rows_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_parts, "ROWS", 2)


@pytest.mark.parametrize("variant", ["as generated", "raw HTML allowed", "no angle brackets"])
@pytest.mark.parametrize("config", sorted(CONFIGS))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a site takes minutes
)
@given(catalog=hostile_catalog(SITE_URL, size=3))
def test_hostile_index_pages_in_parts_are_the_pages_converted_whole(
    config: str,
    variant: str,
    catalog: dict[str, str],
    two_rows_a_run: None,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    if variant == "no angle brackets":  # else most pages hold raw HTML, and are converted whole
        catalog = {name: text.translate(_NO_ANGLES) for name, text in catalog.items()}
    project = tmp_path_factory.mktemp("parts")
    loaded = _project(project, catalog, config, markdown_html=variant == "raw HTML allowed")
    files = get_files(loaded)
    pages = list(_index_pages(loaded, files))
    assert len(pages) >= 2  # the home and the by-status page at least
    compared = 0
    for file in pages:
        assert in_parts(loaded, file.content_string)
        # Raw HTML in a row (a Markdown field's, or errorbook's for text a reader would
        # take for something else) could reach out of it: such a page is converted whole.
        rows = [line for line in file.content_string.splitlines() if line.startswith("|")]
        raw_html = [re.sub("<code>[^<>]*</code>", "", row) for row in rows]
        both = _both_ways(loaded, files, file, required=not any("<" in row for row in raw_html))
        if both is None:
            continue
        whole, parts = both
        compared += 1
        assert (parts.content, parts.title) == (whole.content, whole.title)
        assert [str(item) for item in parts.toc] == [str(item) for item in whole.toc]
        assert parts.present_anchor_ids == whole.present_anchor_ids
        assert parts.links_to_anchors == whole.links_to_anchors
    assert compared or variant != "no angle brackets"


@pytest.fixture
def example(tmp_path: Path) -> tuple[Path, MkDocsConfig]:
    """A catalog of the docs-pages case, generated with the repository's mkdocs.yml."""
    project = copy_project(CASE, tmp_path / "project", ("errorbook.toml", "catalog"))
    repo_config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(with_site_url(repo_config, SITE_URL), encoding="utf-8")
    result = run_cli(["generate"], project)
    assert result.exit_code == 0, result.stderr
    return project, _loaded(project)


def _home(project: Path, config: MkDocsConfig, change: str) -> tuple[Files, File]:
    """The home page with ``change`` appended, and the site's files."""
    home = project / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + change, encoding="utf-8")
    files = get_files(config)
    found = files.get_file_from_path("index.md")
    assert found is not None
    return files, found


def _in_parts(
    config: MkDocsConfig, files: Files, file: File, runs: Memo[MarkdownRun] | None = None
) -> Converted | None:
    page = Page(None, file, config)
    page.read_source(config)
    found = Memo() if runs is None else runs
    return convert_in_parts(page, config, files, files_key(files), found, digest)


def test_the_docs_pages_case_index_pages_in_parts_are_the_pages_whole(
    example: tuple[Path, MkDocsConfig], two_rows_a_run: None
) -> None:
    _, config = example
    files = get_files(config)
    for file in _index_pages(config, files):
        _both_ways(config, files, file)


@pytest.mark.parametrize(
    "change",
    [
        "\n[quota]: https://example.com/quota\n",  # a link reference a row could use
        "\n*[API]: Application Programming Interface\n",  # text without abbr: the parts stand
    ],
)
def test_a_page_defining_a_link_reference_is_converted_whole(
    example: tuple[Path, MkDocsConfig], change: str
) -> None:
    project, config = example
    files, home = _home(project, config, change)
    expected = "[quota]" in change
    assert (_in_parts(config, files, home) is None) == expected


def _table(row: str) -> str:
    """An index table of one ``row``, as errorbook's templates write one."""
    return (
        f'\n<div class="errorbook-index" markdown>\n\n| A | B |\n| --- | --- |\n{row}\n\n</div>\n'
    )


@pytest.mark.parametrize(
    "row",
    [
        "| [x](by-status.md){#made-up} | y |",  # an id, which the table of contents avoids
        "| [x](by-status.md#400-bad-request) | y |",  # checked once the whole page is built
        "| <b>x</b> | y |",  # raw HTML, read across blocks
    ],
)
def test_a_row_with_an_id_a_link_to_an_anchor_or_raw_html_is_converted_whole(
    example: tuple[Path, MkDocsConfig], row: str
) -> None:
    project, config = example
    files, home = _home(project, config, _table(row))
    assert _in_parts(config, files, home) is None


def test_what_a_part_logs_is_held_back_and_the_page_converted_whole(
    example: tuple[Path, MkDocsConfig],
) -> None:
    project, config = example
    files, home = _home(project, config, _table("| [x](no-such-page.md) | y |"))
    shown: list[logging.LogRecord] = []

    class Shown(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            shown.append(record)

    handler = Shown()
    logging.getLogger("mkdocs").addHandler(handler)
    runs: Memo[MarkdownRun] = Memo()
    try:
        assert _in_parts(config, files, home, runs) is None
        # Nor is the run that logged remembered, to be used silently by the next change.
        assert _in_parts(config, files, home, runs) is None
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    assert shown == []


def test_extensions_that_read_across_a_page_turn_the_parts_off(
    example: tuple[Path, MkDocsConfig],
) -> None:
    _, config = example
    markdown = '<div class="errorbook-index" markdown>\n'
    assert in_parts(config, markdown)
    for name in ("abbr", "footnotes", "pymdownx.snippets", "markdown.extensions.abbr"):
        config.markdown_extensions.append(name)
        assert not in_parts(config, markdown)
        config.markdown_extensions.pop()
    assert not in_parts(config, "no index table here")
