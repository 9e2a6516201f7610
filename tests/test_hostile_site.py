"""Hostile catalogs through the real MkDocs build: catalog text never becomes live markup.

Every field of the entry format gets generated hostile text (`hostile_catalog`, which walks the
JSON Schema, so a field added later is attacked too). The site is built with the repository's
mkdocs.yml (``strict`` off: hostile entries draw catalog warnings) and with a minimal one
(site_url, the Material theme, the search and errorbook plugins). The structure a benign
catalog's build has (tests/cases/docs-pages) is what the template puts there; a hostile page
may add only the elements of the Markdown policy, with no event handler, no script URL and no
image on an index page, and plain text must show as exactly its characters.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from conftest import run_cli
from hostile import MARKDOWN_ATTRIBUTES, MARKDOWN_TAGS, SAFE_URL, Html, visible
from hostile_catalog import hostile_catalog
from sitetools import ROOT, with_site_url

SITE_URL = "https://errors.example/docs/"
BENIGN = ROOT / "tests" / "cases" / "docs-pages"
CONFIGS = {
    "mkdocs.yml": (ROOT / "mkdocs.yml")
    .read_text(encoding="utf-8")
    .replace("strict: true", "strict: false"),
    "minimal": "site_name: Errors\nsite_url: x\ntheme:\n  name: material\nplugins:\n  - search\n"
    "  - errorbook\n",
}
# Highlighting a sample in an unknown language makes Pygments load every lexer plugin, and one
# of them (IPython's, where it is installed) imports jedi, which sets the recursion limit: do it
# now, not inside a Hypothesis example (which warns when the limit changes under it), and put
# the limit back for the other tests.
_LIMIT = sys.getrecursionlimit()
with contextlib.suppress(ClassNotFound):
    get_lexer_by_name("no-such-language")
sys.setrecursionlimit(_LIMIT)
#: Examples per configuration; each is a whole site build (about a second).
EXAMPLES = int(os.environ.get("ERRORBOOK_HOSTILE_EXAMPLES", "20"))
#: Material's search index keeps these tags of a page's HTML, escaping all other text.
SEARCH_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
_BARE_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;|quot;)")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href")
Element = tuple[str, frozenset[str]]


def _parse(path: Path) -> Html:
    return Html(path.read_text(encoding="utf-8"))


def _shape(page: Html) -> set[Element]:
    return {(tag, frozenset(attributes)) for tag, attributes in page.elements}


def build_project(
    project: Path, files: dict[str, str], config: str, site_url: str = SITE_URL
) -> Path:
    """Build ``files`` (a catalog) with ``config``, one of `CONFIGS`; the site's folder."""
    write_project(project, files, config, site_url)
    result = run_cli(["build"], project)
    assert result.exit_code == 0, result.stderr
    return project / "site"


def write_project(
    project: Path, files: dict[str, str], config: str, site_url: str, settings: str = ""
) -> None:
    """Write a project of ``files`` (a catalog), ``config`` (one of `CONFIGS`) and the
    errorbook ``settings`` (TOML lines)."""
    project.mkdir(parents=True, exist_ok=True)
    toml = f'base-uri = "{site_url}"\n{settings}'
    (project / "errorbook.toml").write_text(toml, encoding="utf-8")
    mkdocs = with_site_url(CONFIGS[config], site_url)
    (project / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    for name, text in files.items():
        target = project / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _pages(site: Path) -> Iterator[Path]:
    return iter(sorted(site.rglob("*.html")))


@dataclass(frozen=True)
class Template:
    """What a benign catalog's build has, so what the templates put there: its elements (tag and
    attribute names), and the values of its attributes (Material's buttons link to
    ``javascript:void(0)``)."""

    elements: set[Element]
    values: set[str]


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Template]:
    """Per configuration, what a build of a benign catalog (tests/cases/docs-pages) has."""
    files = {
        path.relative_to(BENIGN).as_posix(): path.read_text(encoding="utf-8")
        for path in (BENIGN / "catalog").rglob("*.yaml")
    }
    site_url = tomllib.loads((BENIGN / "errorbook.toml").read_text(encoding="utf-8"))["base-uri"]
    found = {}
    for name in CONFIGS:
        site = build_project(tmp_path_factory.mktemp("benign"), files, name, site_url)
        pages = [_parse(page) for page in _pages(site)]
        values = {
            v for page in pages for _, attributes in page.elements for v in attributes.values()
        }
        found[name] = Template(set().union(*map(_shape, pages)), {v for v in values if v})
    return found


def _plain_values(entry: dict[str, object]) -> Iterator[str]:
    """The plain-text values an error page shows (see README, "Escaping")."""
    yield str(entry["title"])
    for key in ("fixes", "mistakes", "examples"):
        for item in entry.get(key, []) or []:  # type: ignore[attr-defined]
            if isinstance(item, dict) and item.get("title"):
                yield str(item["title"])
    deprecated = entry.get("deprecated")
    if isinstance(deprecated, dict):
        yield str(deprecated["since"])
    yield from (str(alias) for alias in entry.get("aliases", []) or [])  # type: ignore[attr-defined]
    yield from (str(name) for name in entry.get("headers", {}) or {})  # type: ignore[attr-defined]


def _check_elements(site: Path, template: Template) -> None:
    for path in _pages(site):
        index_page = path.parent.name in ("attack", "by-status") or path.parent == site
        for tag, attributes in _parse(path).elements:
            where = f"{path.relative_to(site)}: <{tag} {sorted(attributes)}>"
            shape = (tag, frozenset(attributes))
            policy = tag in MARKDOWN_TAGS and set(attributes) <= MARKDOWN_ATTRIBUTES
            assert shape in template.elements or policy, f"{where} is not the template's"
            assert not index_page or tag != "img", f"{where}: a summary showed an image"
            for name, value in attributes.items():
                assert not name.startswith("on"), f"{where}: an event handler"
                if value is None or value in template.values:
                    continue
                if attributes.get("http-equiv") == "refresh" and name == "content":
                    value = value.partition("url=")[2]
                elif name not in _URL_ATTRIBUTES:
                    continue
                assert SAFE_URL.match(value.strip()), f"{where}: {name}={value!r}"


def _check_plain_text(site: Path, files: dict[str, str], with_tags: bool) -> None:
    for name, source in files.items():
        entry = yaml.safe_load(source)
        code = name.removeprefix("catalog/").removesuffix(".yaml")
        page = _parse(site / code / "index.html")
        shown = visible("".join(page.text))
        assert "generatedbyerrorbook" not in shown, f"{code}: front matter shown as content"
        # Without the admonition extension (the minimal configuration) a callout's body is a
        # code block, which shows the character references of inline code as written.
        in_code_block = html.unescape(shown)
        values = [*_plain_values(entry), *(entry.get("tags", []) if with_tags else [])]
        for value in values:
            text = visible(value)
            assert text in shown or text in in_code_block, f"{code}: {value!r} not shown as written"


def _check_search_index(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for text in (doc["title"], doc["text"]):
            tags = {match.lower() for match in re.findall(r"</?([A-Za-z][\w-]*)", text)}
            assert tags <= SEARCH_TAGS, f"{doc['location']}: {text!r}"
        for tag in doc.get("tags", []):  # rendered with innerHTML by Material's search
            assert "<" not in tag and not _BARE_AMPERSAND.search(tag), tag


@pytest.mark.parametrize("config", sorted(CONFIGS))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(files=hostile_catalog(SITE_URL, size=2))
def test_hostile_catalog_text_never_becomes_markup(
    config: str,
    files: dict[str, str],
    templates: dict[str, Template],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    site = build_project(tmp_path_factory.mktemp("hostile"), files, config)
    _check_elements(site, templates[config])
    _check_plain_text(site, files, with_tags=config == "mkdocs.yml")
    _check_search_index(site)
