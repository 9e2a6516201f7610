"""The built site in a real browser: Debian's headless Chromium, driven by Playwright.

The site is served from localhost under the path of its site_url, as it is in production (a
missing page gets the site's 404.html). The tests open the seed page and search it by its
code; ask Material's own search for every error's code, URN and type URI; open every page of
the site built with the smallest mkdocs.yml on a 390 px wide phone; and follow a mistyped type
URI to the 404 page and its search. Screenshots go to test-artifacts/. Without chromium the
tests skip, except under CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from errorbook.python.examples import example_responses
from sitetools import ROOT, BuiltSite, serving

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SEED = "unkey/authentication/key_not_found"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SECTIONS = ("Example", "What Happened?", "How To Fix", "Common Mistakes", "Related Errors")
PHONE = {"width": 390, "height": 844}
#: Material's search worker, fed the site's index and asked each query in turn, exactly as the
#: search box asks it: the first group of results is the page listed first.
_SEARCH = """async ([worker, queries]) => {
    const index = await (await fetch("search/search_index.json")).json()
    const search = new Worker(worker)
    const answer = () => new Promise(done =>
        search.addEventListener("message", event => done(event.data), {once: true}))
    search.postMessage({type: 0, data: {...index, options: {suggest: false}}})
    await answer()
    const firsts = []
    for (const query of queries) {
        search.postMessage({type: 2, data: query})
        const {data} = await answer()
        const group = data.items[0] || []
        const article = group.find(item => !item.location.includes("#")) || group[0]
        firsts.push(article ? [article.location, article.title.replace(/<[^>]+>/g, "")] : null)
    }
    search.terminate()
    return firsts
}"""
#: What a phone shows of one page: horizontal scrolling, Markdown shown as text (outside
#: code), and index table cells (but the summary) that are off-screen or not laid out.
_PHONE_CHECK = """() => {
    const article = document.querySelector("article").cloneNode(true)
    for (const code of article.querySelectorAll("pre, code")) code.remove()
    const markup = (article.innerText.match(/^.*(!!! |\\?\\?\\? |=== "|```|~~~).*$/gm) || [])
    const hidden = []
    for (const row of document.querySelectorAll(".errorbook-index tbody tr"))
        for (const cell of [...row.cells].slice(0, -1)) {
            const box = cell.getBoundingClientRect()
            if (box.width === 0 || box.left < 0 || box.right > innerWidth)
                hidden.push(cell.innerText)
        }
    return {scroll: document.documentElement.scrollWidth - innerWidth, markup, hidden}
}"""


def chromium_or_skip() -> str:
    """Debian's chromium, or skip (fail under CI) with the reason."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    reason = None
    if found is None:
        reason = "Debian's chromium is not installed (apt-get install chromium; .ci/run does)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = 'playwright is not installed (pip install -e ".[dev]")'
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the browser test cannot run under CI: {reason}")
        pytest.skip(reason)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def served(repo_site: BuiltSite) -> Iterator[str]:
    with serving(repo_site.site, urlsplit(repo_site.site_url).path) as url:
        yield url


def _search_box(page: Page, query: str) -> None:
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("")
    search.press_sequentially(query)


def test_seed_page_in_a_real_browser(repo_site: BuiltSite, served: str, browser: Browser) -> None:
    from playwright.sync_api import expect

    seed = repo_site.catalog.get(SEED)
    assert seed is not None
    expected = json.loads(
        json.dumps(example_responses(repo_site.catalog, repo_site.config)[SEED].body)
    )
    requested: list[str] = []
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(served + SEED + "/")

        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^" + SEED))
        for name in SECTIONS:
            # headings end in a permalink mark, so match their start
            heading = page.get_by_role("heading", name=re.compile("^" + re.escape(name)))
            expect(heading).to_be_visible()
        expect(page.get_by_text("err:unkey:authentication:key_not_found")).to_be_visible()
        example = page.locator("h2#example ~ div.highlight code").first
        assert json.loads(example.inner_text()) == expected
        page.screenshot(path=str(ARTIFACTS / "key_not_found.png"), full_page=True)

        # Its code finds it first; two errors named key_not_found are told apart by title.
        _search_box(page, SEED)
        first = page.locator(".md-search-result__item").first
        expect(first.locator("a").first).to_have_attribute("href", re.compile(f"/{SEED}/(\\?|$)"))
        expect(first.locator("h1")).to_have_text(SEED)
        _search_box(page, "key_not_found")
        titles = page.locator(".md-search-result__item > a h1")
        expect(titles.filter(has_text="unkey/data/key_not_found")).to_have_count(1)
        expect(titles.filter(has_text=SEED)).to_have_count(1)
        page.screenshot(path=str(ARTIFACTS / "search-key_not_found.png"))
    finally:
        context.close()
    outside = [url for url in requested if not url.startswith((served, "data:", "blob:"))]
    assert outside == [], "the page fetched something from another host"


@pytest.mark.parametrize("which", ["repository", "minimal"])
def test_searching_a_code_urn_or_type_uri_finds_its_page_first(
    repo_site: BuiltSite, minimal_site: BuiltSite, browser: Browser, which: str
) -> None:
    built = repo_site if which == "repository" else minimal_site
    queries = {
        (entry.code, form): query
        for entry in built.catalog.entries
        for form, query in (
            ("code", entry.code),
            ("URN", "err:" + ":".join(entry.segments)),  # as this repository's pages show it
            ("type URI", entry.type_uri),
        )
    }
    worker = next((built.site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    with serving(built.site, urlsplit(built.site_url).path) as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(url)
            script = f"{url}assets/javascripts/workers/{worker.name}"
            firsts = page.evaluate(_SEARCH, [script, list(queries.values())])
        finally:
            context.close()
    found = dict(zip(queries, firsts, strict=True))
    wrong = {
        f"{code} by its {form}": first
        for (code, form), first in found.items()
        if first != [code + "/", code]  # its page, titled with its full code
    }
    assert wrong == {}
    assert len(found) == 3 * len(built.catalog) == 267


def test_every_page_of_a_minimal_site_on_a_phone(minimal_site: BuiltSite, browser: Browser) -> None:
    """mkdocs.yml holds site_url, the Material theme, search and errorbook: every page renders
    its callouts, tabs and fences, fits 390 px without scrolling sideways, shows each index
    row's code, status and title, and fetches nothing from another host."""
    site = minimal_site.site
    pages = sorted(
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("*.html")
        if path.name != "404.html"
    )
    problems: dict[str, object] = {}
    requested: list[str] = []
    ARTIFACTS.mkdir(exist_ok=True)
    with serving(site, urlsplit(minimal_site.site_url).path) as url:
        context = browser.new_context(viewport=PHONE)
        try:
            page = context.new_page()
            page.on("request", lambda request: requested.append(request.url))
            for name in pages:
                page.goto(url + name)
                seen = page.evaluate(_PHONE_CHECK)
                if seen["scroll"] > 0 or seen["markup"] or seen["hidden"]:
                    problems[name] = seen
            page.goto(url)
            page.locator(".errorbook-index").first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "phone-home.png"))
        finally:
            context.close()
    assert len(pages) > len(minimal_site.catalog)
    assert problems == {}
    outside = [link for link in requested if not link.startswith((url, "data:", "blob:"))]
    assert outside == [], "a page fetched something from another host"


def test_a_mistyped_type_uri_gets_a_404_page_that_searches_for_it(
    repo_site: BuiltSite, served: str, browser: Browser
) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        response = page.goto(served + "unkey/data/api_not_foun")
        assert response is not None and response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(page.get_by_role("link", name="all errors")).to_have_attribute(
            "href", urlsplit(served).path
        )
        box = page.get_by_label("Error code, type URI or words")
        expect(box).to_have_value("unkey/data/api_not_foun")
        page.screenshot(path=str(ARTIFACTS / "404.png"))
        page.get_by_role("button", name="Search").click()
        first = page.locator(".md-search-result__item").first
        expect(first.locator("h1")).to_have_text("unkey/data/api_not_found", timeout=15_000)
    finally:
        context.close()
