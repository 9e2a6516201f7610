"""The search index is the same whether Material's plugin parses the code blocks' spans or not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from material.plugins.search.plugin import Parser, SearchIndex

from benchmarks.synthetic import BASE_URI, write_catalog
from errorbook.docs import search_sections
from errorbook.docs.search_html import lean_add, without_code_spans
from errorbook.docs.search_sections import Parsed, add_in_sections
from errorbook.speed.memo import Memo
from sitetools import ROOT, build_in_fresh_process, with_site_url

ENTRIES = 40
#: A one-core build (no workers, whose pages this process would not see) that saves the HTML
#: of every page the search plugin indexed; with ``plain``, the plugin parses it unchanged.
BUILD = """
import json, os, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from errorbook.docs import search_html

seen = []
lean = search_html.without_code_spans
def recorded(html):
    seen.append(html)
    return html if os.environ.get("PLAIN") else lean(html)
search_html.without_code_spans = recorded

config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="build", dirty=False)
build(config)
Path(sys.argv[1], "indexed.json").write_text(json.dumps(seen))
"""


def _sections(html: str) -> list[tuple[object, ...]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [
        (s.id, s.el.tag, s.depth, "".join(s.title), "".join(s.text), s.is_excluded())
        for s in parser.data
    ]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("search-html")
    project = write_catalog(root / "project", ENTRIES, seed=11)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(with_site_url(config, BASE_URI))
    (project / "docs").mkdir()
    lean, plain = root / "lean", root / "plain"
    build_in_fresh_process(BUILD, project, lean, ERRORBOOK_JOBS="1")
    build_in_fresh_process(BUILD, project, plain, ERRORBOOK_JOBS="1", PLAIN="1")
    return lean, plain


def test_a_site_search_index_is_the_same_without_the_spans(sites: tuple[Path, Path]) -> None:
    lean, plain = sites
    index = "search/search_index.json"
    assert (lean / index).read_bytes() == (plain / index).read_bytes()


def test_every_page_parses_to_the_same_sections(sites: tuple[Path, Path]) -> None:
    pages: list[str] = json.loads((sites[1] / "indexed.json").read_text())
    assert len(pages) > ENTRIES
    leaner = 0
    for html in pages:
        lean = without_code_spans(html)
        leaner += lean != html
        assert _sections(lean) == _sections(html)
    assert leaner >= ENTRIES  # every error page's example is a highlighted code block


HIGHLIGHTED = (
    '<div class="highlight"><pre><span></span><code><span class="p">{</span>\n'
    '  <span class="nt">&quot;a&quot;</span><span class="p">:</span>  \n\n'
    '<span class="w">  </span><span class="mi">1</span> &lt;b&gt;&amp;\n'
    '<span class="p">}</span>\n</code></pre></div>'
)


@pytest.mark.parametrize(
    ("html", "changed"),
    [
        (f"<h2 id='x'>X</h2><p>Before</p>{HIGHLIGHTED}<p>After</p>", True),
        (f"<h2 id='x'>X <code>a</code></h2>{HIGHLIGHTED}{HIGHLIGHTED}", True),
        # Inline code is not in a <pre>: white space is collapsed there, piece by piece.
        (
            '<p>Say <code class="highlight"><span class="n">x</span>\n <span class="o">=</span>'
            "</code></p>",
            False,
        ),
        # The markers that make the plugin skip elements, compared by tag name.
        (f"<div data-search-exclude><span>hidden</span></div>{HIGHLIGHTED}", False),
        (f'<div class="linenodiv"><pre>1</pre></div>{HIGHLIGHTED}', False),
        # Spans with other attributes, unbalanced, or with a comment: left as they are.
        ('<div><pre><span class="a" id="b">x</span> <span>y</span></pre></div>', False),
        ("<div><pre><span>x <span>y</span></pre></div>", False),
        ('<div><pre><span class="a">x</span><!-- </span> --></pre></div>', False),
        # "<pre" in an attribute's text is not a block.
        ('<p title="<pre>"><span>a\n</span>  <span>b</span></p><p>c</pre>', False),
    ],
)
def test_only_safe_blocks_lose_their_spans(html: str, changed: bool) -> None:
    lean = without_code_spans(html)
    assert (lean != html) is changed
    assert _sections(lean) == _sections(html)


class _Page:
    def __init__(self, content: Any) -> None:
        self.content = content
        self.meta: dict[str, Any] = {}
        self.toc: list[Any] = []
        self.url = "page/"
        self.title = "Page"


def test_the_page_keeps_its_html_and_other_search_plugins_parse_it_as_it_is() -> None:
    from material.plugins.search.plugin import SearchPlugin

    seen: list[Any] = []
    page = _Page(HIGHLIGHTED)
    lean_add(lambda p: seen.append(p.content), SearchPlugin())(page)
    assert seen == [without_code_spans(HIGHLIGHTED)]
    assert page.content == HIGHLIGHTED

    def add(page: Any) -> None:
        pass

    assert lean_add(add, object()) is add


def _entries(html: str, parsed: Memo[Parsed] | None = None) -> list[Any] | None:
    """The page's search entries, parsed whole or (``parsed``) a section at a time; None if
    the sections would not give the same."""
    index = SearchIndex()
    if parsed is None:
        index.add_entry_from_context(_Page(html))
    elif not add_in_sections(index, _Page(html), html, parsed):
        assert index.entries == []
        return None
    return list(index.entries)


NESTED = "<div><h2 id='n'>Nested</h2><p>in</p></div><p>out</p>"


@pytest.mark.parametrize(
    ("html", "in_pieces"),
    [
        ("<h1 id='a'>A</h1>\n<p>x</p>\n<h2 id='b'>B <code>c</code></h2>\n<table>t</table>", True),
        (f"<p>preface</p>\n<h2 id='b'>B</h2>\n{NESTED}\n<h3 id='c'>C</h3>\n<p>y  z</p>\n", True),
        # A heading without an id begins no section: what follows belongs to the one before.
        ("<h2 id='a'>A</h2>\n<p>x</p>\n<h2>No id</h2>\n<p>y</p>\n", False),
        # An element open across a heading, skipped elements, scripts.
        ("<h2 id='a'>A</h2>\n<div>\n<h2 id='b'>B</h2>\n<p>y</p></div>\n<h2 id='c'>C</h2>", False),
        ("<div data-search-exclude>\n<h2 id='a'>A</h2>\n</div>\n<h2 id='b'>B</h2><p>z</p>", False),
        ("<h2 id='a'>A</h2>\n<script>\n<h2 id='b'>x</h2></script>\n<h2 id='c'>C</h2>", False),
        ("<h2 id='a'>A</h2><p>unclosed\n<h2 id='b'>B</h2>\n<p>y</p>", False),
    ],
)
def test_a_page_parsed_a_section_at_a_time_has_the_same_entries(
    html: str, in_pieces: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_sections, "LONG", 0)
    parsed: Memo[Parsed] = Memo()
    found = _entries(html, parsed)
    assert (found is not None) is in_pieces
    assert found is None or found == _entries(html)
    assert _entries(html, parsed) == found  # the pieces remembered give the same


def test_every_page_of_a_site_parsed_a_section_at_a_time_has_the_same_entries(
    sites: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_sections, "LONG", 0)
    pages: list[str] = json.loads((sites[1] / "indexed.json").read_text())
    parsed: Memo[Parsed] = Memo()
    for html in pages:
        assert _entries(html, parsed) == _entries(html)
