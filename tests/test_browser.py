"""The built site in a real browser: Debian's headless Chromium, driven by Playwright.

The site is served from localhost under the path of its site_url, as it is in production. The
test opens the seed page, checks its sections and example, searches for ``key_not_found`` and
keeps a screenshot in test-artifacts/. Without chromium it skips, except under CI=true, where
a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from errorbook.python.examples import example_responses
from sitetools import ROOT, BuiltSite, serving

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


@pytest.fixture
def served(repo_site: BuiltSite) -> Iterator[str]:
    with serving(repo_site.site, urlsplit(repo_site.site_url).path) as url:
        yield url


def test_seed_page_in_a_real_browser(repo_site: BuiltSite, served: str, tmp_path: Path) -> None:
    chromium = chromium_or_skip()
    from playwright.sync_api import expect, sync_playwright

    seed = repo_site.catalog.get(SEED)
    assert seed is not None
    expected = json.loads(
        json.dumps(example_responses(repo_site.catalog, repo_site.config)[SEED].body)
    )
    requested: list[str] = []
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, args=CHROMIUM_FLAGS
        )
        try:
            page = context.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.goto(served + SEED + "/")

            for name in SECTIONS:
                # headings end in a permalink mark, so match their start
                heading = page.get_by_role("heading", name=re.compile("^" + re.escape(name)))
                expect(heading).to_be_visible()
            expect(page.get_by_text("err:unkey:authentication:key_not_found")).to_be_visible()
            example = page.locator("h2#example ~ div.highlight code").first
            assert json.loads(example.inner_text()) == expected
            page.screenshot(path=str(ARTIFACTS / "key_not_found.png"), full_page=True)

            search = page.locator("input.md-search__input")
            search.click()
            search.press_sequentially("key_not_found")
            hit = page.locator(f".md-search-result a[href*='/{SEED}/']").first
            expect(hit).to_be_visible(timeout=15_000)
            page.screenshot(path=str(ARTIFACTS / "search-key_not_found.png"))
        finally:
            context.close()
    outside = [url for url in requested if not url.startswith((served, "data:", "blob:"))]
    assert outside == [], "the page fetched something from another host"
