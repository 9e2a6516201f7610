"""Helpers for tests of built sites: copy a project aside, build it, and read the HTML back."""

from __future__ import annotations

import filecmp
import functools
import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import run_cli
from errorbook.check.load import load_catalog
from errorbook.model import Catalog
from errorbook.read.config import Config, load_config
from errorbook.read.yaml_source import read_setting

ROOT = Path(__file__).resolve().parent.parent
#: What a copy of the repository needs to build its site.
PROJECT_FILES = ("pyproject.toml", "mkdocs.yml", "catalog", "templates", "docs")
#: The smallest mkdocs.yml that errorbook suggests; its plugin adds what the pages need.
MINIMAL_MKDOCS_YML = (
    "site_name: Errors\nsite_url: {site_url}\ntheme:\n  name: material\n"
    "plugins:\n  - search\n  - errorbook\n"
)
_ARTICLE = re.compile(r"<article.*?</article>", re.DOTALL)
#: Material renders the tags of a page only with the tags plugin, which is the user's choice.
_TAGS = re.compile(r'<nav class="md-tags".*?</nav>', re.DOTALL)
_BETWEEN_TAGS = re.compile(r">\s+<")
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL)
#: Markdown that a page shows as text when its extension is missing: a callout, a tab, a fence.
_LITERAL_MARKUP = re.compile(r"!!! |\?\?\? |=== \"|```|~~~")
_EXAMPLE_BLOCK = re.compile(r'<h2 id="example">.*?<pre[^>]*>(.*?)</pre>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_BODY = re.compile(r"<body.*</body>", re.DOTALL)


@dataclass(frozen=True)
class BuiltSite:
    """A project whose site was built: its configuration, its catalog, and the site folder."""

    project: Path
    site: Path
    config: Config
    catalog: Catalog
    site_url: str
    build_output: str

    def page(self, uri: str) -> Path:
        """The built file that serves ``uri`` (an absolute URL below site_url)."""
        assert uri.startswith(self.site_url), uri
        rest = unquote(urlsplit(uri).path)[len(urlsplit(self.site_url).path) :]
        target = self.site / rest
        return (
            target / "index.html" if not rest or rest.endswith("/") or target.is_dir() else target
        )


def copy_project(source: Path, dest: Path, names: tuple[str, ...] = PROJECT_FILES) -> Path:
    """Copy the parts of a project that building its site needs."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, dest / name)
        elif path.is_file():
            shutil.copy2(path, dest / name)
    return dest


def build(project: Path, site_url: str, *args: str) -> BuiltSite:
    """Run ``errorbook build ARGS`` in ``project`` and describe the result."""
    result = run_cli(["build", *args], project)
    assert result.exit_code == 0, result.stderr
    config = load_config(cwd=project)
    catalog = load_catalog(config).catalog
    assert catalog is not None
    return BuiltSite(project, project / "site", config, catalog, site_url, result.stderr)


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site folder below the site_url's path, as the production host does."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__not_found__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's 404.html, as GitHub Pages, Netlify or nginx serve it."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serving(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``site`` on localhost below ``prefix``; yields the URL of that prefix."""
    handler = type("Handler", (SiteHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def visible_text(page_html: str) -> str:
    """The page's text with tags removed (code highlighting splits words into spans)."""
    body = _BODY.search(page_html)
    return html.unescape(_TAG.sub("", body.group(0) if body else page_html))


def article(page_html: str) -> str:
    """The page's content (its ``<article>``), without the tags and the white space between
    elements."""
    match = _ARTICLE.search(page_html)
    assert match, "no article"
    return _BETWEEN_TAGS.sub("><", _TAGS.sub("", match.group(0)))


def literal_markup(page_html: str) -> list[str]:
    """Callout, tab and fence markers the page shows as text, outside code."""
    text = visible_text(_CODE.sub("", page_html))
    return [line.strip() for line in text.splitlines() if _LITERAL_MARKUP.search(line)]


def example_json(page_html: str) -> object:
    """The JSON of the first code block after the page's "Example" heading."""
    match = _EXAMPLE_BLOCK.search(page_html)
    assert match, "no code block after the Example heading"
    return json.loads(visible_text(match.group(1)))


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name):
                self.ids.add(str(values[name]))
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(str(values[name]))
        refresh = values.get("content") or ""
        if values.get("http-equiv") == "refresh" and "url=" in refresh:
            self.links.append(refresh.split("url=", 1)[1])


def read_page(path: Path) -> _Page:
    """The links (href, src, meta refresh) and ids of one HTML file."""
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path, site_url: str) -> list[str]:
    """Every link between the site's own pages (or to its assets) that leads nowhere."""
    pages = {path: read_page(path) for path in site.rglob("*.html")}
    base = "http://site.test/"
    root = urlsplit(site_url).path  # the 404 page links by absolute path
    broken = []
    for path, page in pages.items():
        here = base + path.relative_to(site).as_posix()
        for link in page.links:
            url = link.replace(site_url, base, 1) if link.startswith(site_url) else link
            url = base + url[len(root) :] if url.startswith(root) else url
            target = urljoin(here, url)
            if not target.startswith(base):
                continue  # another site, mailto:, javascript:, data:
            problem = _resolve(site, pages, target[len(base) :])
            if problem:
                broken.append(f"{path.relative_to(site)}: {link} ({problem})")
    return broken


def _resolve(site: Path, pages: dict[Path, _Page], target: str) -> str | None:
    location, _, fragment = target.partition("#")
    location = unquote(posixpath.normpath("/" + location.split("?")[0])).lstrip("/")
    path = site / location
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return "no such file"
    page = pages.get(path)
    if fragment and page is not None and unquote(fragment) not in page.ids:
        return f"no element with id {fragment!r}"
    return None


def search_locations(site: Path) -> Iterator[tuple[str, str]]:
    """``(location, text)`` of every entry in the MkDocs search index."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        yield doc["location"], doc["title"] + " " + doc["text"]


def site_url_of(project: Path) -> str:
    """The site_url of a project's mkdocs.yml."""
    setting = read_setting(project / "mkdocs.yml", "site_url")
    assert setting is not None and setting[0], "mkdocs.yml has no site_url"
    return setting[0]


def with_site_url(mkdocs_yml: str, site_url: str) -> str:
    """The repository's MkDocs configuration, for another project's site_url."""
    return re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", mkdocs_yml)


#: Sitemaps carry the build time; builds compared byte for byte build "at" the same one.
EPOCH = "1700000000"


def build_in_fresh_process(script: str, project: Path, site: Path, **env: str) -> str:
    """Run a Python build ``script`` (given the site folder as its argument) in ``project``,
    in a new process that remembers nothing; its standard output."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **env}
    result = subprocess.run(
        [sys.executable, "-c", script, str(site)],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def site_differences(one: Path, other: Path) -> list[str]:
    """The files that are in only one of two sites, or differ between them."""
    names = {
        path.relative_to(root).as_posix()
        for root in (one, other)
        for path in root.rglob("*")
        if path.is_file()
    }
    return sorted(
        name
        for name in names
        if not (one / name).is_file()
        or not (other / name).is_file()
        or not filecmp.cmp(one / name, other / name, shallow=False)
    )
