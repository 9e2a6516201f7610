"""The built documentation site of the example catalog, checked page by page.

Every entry has a page at its type URI, every example is what the generated package sends,
every internal link resolves, search finds every code, and error pages stay out of the sidebar.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import run_cli
from errorbook.python.examples import example_responses
from sitetools import (
    MINIMAL_MKDOCS_YML,
    BuiltSite,
    article,
    broken_links,
    build,
    copy_project,
    example_json,
    literal_markup,
    read_page,
    search_locations,
    visible_text,
    with_site_url,
)

CASES = Path(__file__).parent / "cases"
#: An element that makes the browser fetch something as the page loads.
_FETCHED = re.compile(
    r'<(?:script|img|iframe|source)\b[^>]*\bsrc="(https?:)?//|'
    r'<link\b(?![^>]*\brel="(?:canonical|alternate)")[^>]*\bhref="(https?:)?//'
)
SEED = "unkey/authentication/key_not_found"
SEED_SECTIONS = (
    "example",
    "what-happened",
    "how-to-fix",
    "common-mistakes",
    "related-errors",
    "use-it-in-python",
)


def test_every_entry_has_a_page_at_its_type_uri(repo_site: BuiltSite) -> None:
    missing = [
        entry.type_uri
        for entry in repo_site.catalog.entries
        if not repo_site.page(entry.type_uri).is_file()
    ]
    assert not missing
    assert len(repo_site.catalog) == 89


def test_every_example_is_the_generated_package_output(repo_site: BuiltSite) -> None:
    runtime = example_responses(repo_site.catalog, repo_site.config)
    for entry in repo_site.catalog.entries:
        page = repo_site.page(entry.type_uri).read_text(encoding="utf-8")
        shown = example_json(page)
        assert shown == json.loads(json.dumps(runtime[entry.code].body)), entry.code
        assert isinstance(shown, dict)
        problem = shown.get("error", shown)
        assert (problem["type"], problem["status"], problem["title"]) == (
            entry.type_uri,
            entry.status,
            entry.title,
        )


def test_internal_links_resolve(repo_site: BuiltSite) -> None:
    assert broken_links(repo_site.site, repo_site.site_url) == []


def test_search_index_holds_every_code(repo_site: BuiltSite) -> None:
    texts: dict[str, str] = {}
    for location, text in search_locations(repo_site.site):
        page = location.partition("#")[0]
        texts[page] = texts.get(page, "") + " " + text
    for entry in repo_site.catalog.entries:
        assert entry.code in texts.get(entry.code + "/", ""), entry.code


def test_seed_page_has_every_section_in_order(repo_site: BuiltSite) -> None:
    seed = repo_site.catalog.get(SEED)
    assert seed is not None
    text = repo_site.page(seed.type_uri).read_text(encoding="utf-8")
    positions = [text.find(f'id="{section}"') for section in SEED_SECTIONS]
    assert -1 not in positions and positions == sorted(positions), positions
    visible = visible_text(text)
    assert "err:unkey:authentication:key_not_found" in visible
    assert "Bearer unkey_NONEXISTENT_KEY" in visible  # the failing request
    assert "Still stuck?" in visible  # the repository's templates/ override
    assert "from unkey_errors" in visible


def test_error_pages_stay_out_of_the_sidebar(repo_site: BuiltSite) -> None:
    entry_pages = {repo_site.page(entry.type_uri) for entry in repo_site.catalog.entries}
    seed = repo_site.page(repo_site.catalog.entries[0].type_uri)
    text = seed.read_text(encoding="utf-8")
    sidebar = text[text.index("md-sidebar--primary") : text.index("md-sidebar--secondary")]
    targets = {
        (seed.parent / href).resolve() / "index.html"
        for href in re.findall(r'href="([^"#]+)"', sidebar)
    }
    assert targets, "the sidebar has no links at all"
    assert not targets & {page.resolve() for page in entry_pages}


def test_top_level_folders_are_plain_sidebar_links(repo_site: BuiltSite) -> None:
    # A folder whose pages are all out of the sidebar would otherwise render as a section with
    # an empty sub-navigation on every page (the errorbook plugin's on_nav flattens it).
    seed = repo_site.page(repo_site.catalog.entries[0].type_uri)
    text = seed.read_text(encoding="utf-8")
    sidebar = text[text.index("md-sidebar--primary") : text.index("md-sidebar--secondary")]
    links = {
        (seed.parent / href).resolve()
        for href in re.findall(r'<a href="([^"#]+)" class="md-nav__link">', sidebar)
    }
    systems = {entry.segments[0] for entry in repo_site.catalog.entries}
    assert {repo_site.site / system for system in systems} <= links
    assert "md-nav__item--section" not in sidebar


def test_plugin_stylesheet_is_served_and_linked(repo_site: BuiltSite) -> None:
    # Keeps codes in index tables whole; see src/errorbook/docs/assets/errorbook.css.
    stylesheet = repo_site.site / "assets" / "stylesheets" / "errorbook.css"
    assert "word-break: normal" in stylesheet.read_text(encoding="utf-8")
    home = read_page(repo_site.site / "index.html")
    assert "assets/stylesheets/errorbook.css" in home.links


def test_small_catalog_site(tmp_path: Path) -> None:
    """Redirects, a type URI apart from the code, deprecation, tabs and template-looking text."""
    project = copy_project(CASES / "docs-pages", tmp_path, ("errorbook.toml", "catalog"))
    site_url = "https://errors.example.com/"
    repo_config = (Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(with_site_url(repo_config, site_url), encoding="utf-8")

    built = build(project, site_url)

    assert broken_links(built.site, site_url) == []
    redirect = read_page(built.site / "cards" / "expired" / "index.html")
    assert "../../billing/card/expired/" in redirect.links
    # An entry whose `type:` is another path of the site: its type URI leads to its page.
    token = built.catalog.get("auth/expired")
    assert token is not None and token.type_uri == site_url + "token-expired"
    assert "../auth/expired/" in read_page(built.page(token.type_uri)).links
    declined_html = built.page(site_url + "billing/card/declined").read_text(encoding="utf-8")
    declined = visible_text(declined_html)
    assert "{{ customer.name }} and {% if paid %}" in declined
    assert re.search(r">Bash</label><label[^>]*>Python</label>", declined_html)  # one tab set
    assert "still inside" in declined
    expired = built.page(site_url + "billing/card/expired").read_text(encoding="utf-8")
    assert "Deprecated since 2.0" in expired


@pytest.mark.parametrize(
    ("page", "prefix"),
    [("index.html", ""), ("by-status/index.html", ""), ("unkey/data/index.html", "unkey/data/")],
)
def test_index_pages_link_every_error_they_list(
    repo_site: BuiltSite, page: str, prefix: str
) -> None:
    path = repo_site.site / page
    linked = {(path.parent / href).resolve() for href in read_page(path).links}
    expected = {
        repo_site.page(entry.type_uri).parent.resolve()
        for entry in repo_site.catalog.entries
        if entry.code.startswith(prefix)
    }
    assert expected <= linked


def test_a_minimal_mkdocs_yml_builds_the_same_pages(
    repo_site: BuiltSite, minimal_site: BuiltSite
) -> None:
    # site_url, the Material theme, the search and errorbook plugins: the plugin adds the rest
    # and says what; every page's content is then the repository's (tags aside: a plugin).
    assert "added the Markdown extensions its pages use: admonition, " in minimal_site.build_output
    full = sorted(path.relative_to(repo_site.site) for path in repo_site.site.rglob("*.html"))
    minimal = sorted(
        path.relative_to(minimal_site.site) for path in minimal_site.site.rglob("*.html")
    )
    assert minimal == full
    different = [
        str(path)
        for path in full
        if article((repo_site.site / path).read_text(encoding="utf-8"))
        != article((minimal_site.site / path).read_text(encoding="utf-8"))
    ]
    assert different == []


@pytest.mark.parametrize("which", ["repository", "minimal"])
def test_no_page_shows_markdown_as_text_or_fetches_from_another_host(
    repo_site: BuiltSite, minimal_site: BuiltSite, which: str
) -> None:
    site = (repo_site if which == "repository" else minimal_site).site
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert literal_markup(text) == [], path
        assert not _FETCHED.search(text), f"{path}: {_FETCHED.search(text)}"


def test_a_setting_the_pages_cannot_use_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(CASES / "docs-pages", tmp_path, ("errorbook.toml", "catalog"))
    broken = MINIMAL_MKDOCS_YML.format(site_url="https://errors.example.com/") + (
        "markdown_extensions:\n  - pymdownx.tabbed:\n      alternate_style: false\n"
    )
    (project / "mkdocs.yml").write_text(broken, encoding="utf-8")
    result = run_cli(["build", "--strict"], project)
    assert result.exit_code == 1
    assert (
        "errorbook: error: mkdocs.yml sets `alternate_style: false` for the Markdown extension "
        "`pymdownx.tabbed` in markdown_extensions" in result.stderr
    )
    assert not (project / "site").exists()


def test_errorbook_build_renders_the_pages_without_the_plugin_too(tmp_path: Path) -> None:
    project = copy_project(CASES / "docs-pages", tmp_path, ("errorbook.toml", "catalog"))
    site_url = "https://errors.example.com/"
    text = MINIMAL_MKDOCS_YML.format(site_url=site_url).replace("  - errorbook\n", "")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    built = build(project, site_url, "--strict")
    for path in built.site.rglob("*.html"):
        assert literal_markup(path.read_text(encoding="utf-8")) == [], path
    declined = built.page(site_url + "billing/card/declined").read_text(encoding="utf-8")
    assert re.search(r">Bash</label><label[^>]*>Python</label>", declined)  # tabs work


def test_strict_build_fails_when_a_page_shows_its_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The plugin's safety net: were its list of extensions ever short of one (here: callouts),
    # the pages would show `!!!` as text, and --strict must not pass that.
    from errorbook.docs import markdown_config

    short = tuple(e for e in markdown_config.EXTENSIONS if e.name != "admonition")
    monkeypatch.setattr(markdown_config, "EXTENSIONS", short)
    project = copy_project(CASES / "docs-pages", tmp_path, ("errorbook.toml", "catalog"))
    site_url = "https://errors.example.com/"
    (project / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML.format(site_url=site_url))
    result = run_cli(["build", "--strict"], project)
    assert result.exit_code == 1
    assert "billing/card/declined.md shows Markdown as text (!!! " in result.stderr


@pytest.mark.parametrize("which", ["repository", "minimal"])
def test_every_error_page_shows_its_code_as_text_and_as_its_title(
    repo_site: BuiltSite, minimal_site: BuiltSite, which: str
) -> None:
    # The repository's template replaces the callout (it shows the URN): the code must still be
    # on the page as text, and be its <title>, which search results and browser tabs show.
    built = repo_site if which == "repository" else minimal_site
    missing = []
    for entry in built.catalog.entries:
        text = built.page(f"{built.site_url}{entry.code}/").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", text)
        if entry.code not in visible_text(text) or not title or entry.code not in title.group(1):
            missing.append(entry.code)
    assert missing == []
