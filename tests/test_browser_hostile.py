"""A hostile catalog in a real browser: no page of its site may ever open an ``alert``.

Every field of every entry holds the payloads of the known attacks on this kind of site (raw
HTML, attribute lists, ``javascript:`` links in all spellings, code-span tricks, reference
definitions, fences, search-result HTML), each calling ``alert`` with its own number. The site
is built with the repository's mkdocs.yml and with a minimal one, served on localhost, and every
page is opened in Debian's headless Chromium (as test_browser.py does): each element is
hovered, focused and, for ``javascript:`` links, clicked, and the search box is used so that
Material renders the hostile entries as search results. Any dialog fails the test.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from errorbook.machine.yaml_text import dump_yaml
from sitetools import serving
from test_browser import CHROMIUM_FLAGS, chromium_or_skip
from test_hostile_site import CONFIGS, SITE_URL, build_project

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Page

PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "[x](javascript:alert(3))",
    '[x](#a){: onfocus="alert(4)" autofocus }',
    '`code`{: onmouseover="alert(5)" }',
    "\\`<img src=x onerror=alert(6)>`",
    "`a\\|<img src=x onerror=alert(7)>`|",
    "<svg onload=alert(8)>",
    "[x](&#106;avascript:alert(9))",
    '<a href="javascript:alert(10)">x</a>',
    '"><img src=x onerror=alert(11)>',
    "'><img src=x onerror=alert(12)>",
    '<iframe src="javascript:alert(13)"></iframe>',
    "<details open ontoggle=alert(14)>",
    "<div markdown>[x](javascript:alert(15))</div>",
    "{: onclick=alert(16) autofocus onfocus=alert(16)}",
    "![x](javascript:alert(17))",
    "<javascript:alert(18)>",
    "[x](<javascript:alert(19)>)",
    "[x](data:text/html,<script>alert(20)</script>)",
)
#: The payloads on one line (plain-text fields), and as separate Markdown blocks.
LINE = "hostile " + " ".join(PAYLOADS)
BLOCKS = (
    "hostile\n\n"
    + "\n\n".join(PAYLOADS)
    + "\n\n[r]\n\n[r]: javascript:alert(21)\n\n"
    + ("```\n<img src=x onerror=alert(22)>\n```\n\n~~~\n<img src=x onerror=alert(23)>\n~~~\n")
)
URI_PAYLOAD = "%22%3E%3Cimg%20src=x%20onerror=alert(24)%3E'();alert(27)"


def _entry(code: str, other: str) -> dict[str, object]:
    step = {"title": LINE, "text": BLOCKS}
    return {
        "title": LINE,
        "status": 429,
        "detail": LINE.replace("{", "{{").replace("}", "}}"),
        "summary": LINE,
        "description": BLOCKS,
        "causes": [BLOCKS, LINE],
        "fixes": [step, BLOCKS],
        "mistakes": [step],
        "fields": {
            "retryAfter": {"type": "integer", "description": BLOCKS, "example": 30},
            "note": {"type": "string", "description": BLOCKS, "example": LINE},
        },
        "headers": {
            "Retry-After": {"description": BLOCKS, "value": "{retryAfter}"},
            "X-'|`*_": {"description": LINE, "value": "{note}"},
            "X-Static": {"description": LINE, "value": "<img src=x onerror=alert(25)>"},
        },
        "examples": [
            {"kind": kind, "lang": lang, "title": LINE, "code": BLOCKS}
            for kind in ("request", "fix", "response")
            for lang in ("bash", "python")
        ],
        "related": [other],
        "since": LINE,
        "deprecated": {"since": LINE, "reason": BLOCKS, "replaced_by": other},
        "aliases": [
            f"{SITE_URL}moved/{code}/{URI_PAYLOAD}",
            f"https://old.example/{code}/{URI_PAYLOAD}",
        ],
        "type": f"https://types.example/{code}/{URI_PAYLOAD}",
        "tags": [LINE, "<img src=x onerror=alert(26)>", "hostile"],
    }


def _catalog() -> dict[str, str]:
    codes = ("hostile/one", "hostile/two")
    return {
        f"catalog/{code}.yaml": dump_yaml(_entry(code, codes[1 - index]))
        for index, code in enumerate(codes)
    }


_POKE = """() => {
    for (const el of document.querySelectorAll("*")) {
        for (const type of ["mouseover", "mouseenter", "focus", "focusin", "toggle"])
            el.dispatchEvent(new Event(type, {bubbles: true}));
        if (el.tagName === "A" && el.protocol === "javascript:") el.click();
    }
}"""


def _record(dialog: Dialog, dialogs: list[str]) -> None:
    dialogs.append(f"{dialog.type}({dialog.message}) on {dialog.page.url if dialog.page else '?'}")
    dialog.dismiss()


def _visit(page: Page, address: str) -> None:
    """Open `address`, again if a redirect stub visited before took the tab elsewhere."""
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(3):
        try:
            page.goto(address)
            return
        except PlaywrightError as error:
            if "interrupted by another navigation" not in str(error) or attempt == 2:
                raise


@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_no_page_of_a_hostile_catalog_opens_a_dialog(config: str, tmp_path: Path) -> None:
    chromium = chromium_or_skip()
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    site = build_project(tmp_path / "project", _catalog(), config)
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    dialogs: list[str] = []
    with serving(site, urlsplit(SITE_URL).path) as url, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, args=CHROMIUM_FLAGS
        )
        try:
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.on("dialog", lambda dialog: _record(dialog, dialogs))
            for name in pages:
                # A page that does open dialogs may open hundreds: the first ones fail the test.
                with contextlib.suppress(PlaywrightError):
                    _visit(page, url + name.removesuffix("index.html"))
                    page.evaluate(_POKE)
                    page.wait_for_timeout(50)
                if dialogs:
                    break
            if config == "mkdocs.yml" and not dialogs:
                # A fresh tab: the last page visited may be a redirect page still refreshing
                # (closing that tab can wait forever; the context closes it).
                page = context.new_page()
                page.set_default_timeout(10_000)
                page.on("dialog", lambda dialog: _record(dialog, dialogs))
                search = page.locator("input.md-search__input")
                _visit(page, url)
                search.click()
                search.press_sequentially("hostile")
                page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
                page.evaluate(_POKE)
                page.wait_for_timeout(200)
        finally:
            context.close()
    assert dialogs == [], f"dialogs opened: {dialogs[:10]}"
