"""The escaping policy, sink by sink, against the Markdown readers the site is built with.

Each sink function gets generated hostile text and its output is rendered by Python-Markdown
with the extensions of this repository's mkdocs.yml and with MkDocs' minimal set (toc, tables,
fenced_code). Plain text must come out as exactly its characters, in no element but the ones
around it; Markdown must come out as elements of the Markdown policy only, with no event
handler, no remote emoji image and no link to a scheme other than http, https and mailto.
The whole pages, built by MkDocs, are attacked in test_hostile_site.py.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import jinja2
import markdown as python_markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.utils.meta import get_data

from errorbook.check.load import load_catalog
from errorbook.core import escape
from errorbook.docs.markdown import hang
from errorbook.pipeline import generate_outputs
from errorbook.read.config import load_config
from hostile import HOSTILE_TEXT, MARKDOWN_ATTRIBUTES, MARKDOWN_TAGS, SAFE_URL, Html, visible
from sitetools import ROOT

Render = Callable[[str], str]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


def _engines() -> dict[str, Render]:
    site = load_mkdocs_config(str(ROOT / "mkdocs.yml"))
    full = python_markdown.Markdown(
        extensions=site.markdown_extensions, extension_configs=site.mdx_configs
    )
    minimal = python_markdown.Markdown(extensions=["toc", "tables", "fenced_code"])

    def renderer(md: python_markdown.Markdown) -> Render:
        def render(text: str) -> str:
            md.reset()
            return md.convert(text)

        return render

    return {"mkdocs.yml": renderer(full), "minimal": renderer(minimal)}


ENGINES = _engines()


def _assert_plain(rendered: str, text: str, around: set[str]) -> None:
    tree = Html(rendered)
    extra = [element for element in tree.elements if element[0] not in around]
    assert not extra, f"{text!r} became {rendered!r}"
    assert visible("".join(tree.text)) == visible(text), rendered


def _assert_markdown(rendered: str, text: str) -> None:
    for tag, attributes in Html(rendered).elements:
        assert tag in MARKDOWN_TAGS, f"{text!r} became {rendered!r}"
        for name, value in attributes.items():
            assert name in MARKDOWN_ATTRIBUTES, f"{text!r} became {rendered!r}"
            if name in ("href", "src"):
                assert SAFE_URL.match(value or ""), f"{text!r} became {rendered!r}"
            if name == "src":
                assert "twemoji" not in str(attributes.get("class")), rendered
            if name == "style":  # only the tabs extension's own, never catalog text
                assert tag == "div" and "tabbed" in str(attributes.get("class")), rendered


@pytest.mark.parametrize("engine", sorted(ENGINES))
@SETTINGS
@given(text=HOSTILE_TEXT)
def test_plain_text_is_text_in_every_markdown_sink(engine: str, text: str) -> None:
    render = ENGINES[engine]
    _assert_plain(render(escape.markdown_text(text, block_start=True)), text, {"p"})
    cell = escape.markdown_text(text, cell=True)
    table = {"table", "thead", "tbody", "tr", "th", "td"}
    _assert_plain(render(f"| a |\n| --- |\n| {cell} |"), "a" + text, table)
    lead = escape.markdown_text(text + ":")
    _assert_plain(render(f"- **{lead}** step"), text + ":step", {"ul", "li", "strong"})
    code = escape.code_text(text)
    _assert_plain(render(f"- **Type:** {code}"), "Type:" + text, {"ul", "li", "strong", "code"})
    if engine == "mkdocs.yml" and text.split():
        title = escape.admonition_title(text)
        _assert_plain(render(f'!!! danger "{title}"\n\n    x\n'), text + "x", {"div", "p"})


@pytest.mark.parametrize("engine", sorted(ENGINES))
@SETTINGS
@given(text=HOSTILE_TEXT)
def test_markdown_fields_render_only_the_markdown_the_policy_allows(engine: str, text: str) -> None:
    render = ENGINES[engine]
    _assert_markdown(render(escape.markdown_block(text, top_level=True)), text)
    _assert_markdown(render("- " + hang(escape.markdown_block(text))), text)
    _assert_markdown(render("!!! note\n\n    " + hang(escape.markdown_block(text))), text)
    cell = escape.markdown_inline(text, cell=True)
    _assert_markdown(render(f"| a |\n| --- |\n| {cell} |"), text)
    summary = render(escape.markdown_inline(text, block_start=True))
    _assert_markdown(summary, text)
    assert "<img" not in summary, "a summary never shows an image"


BYPASSES = {
    "attribute list after a link": '[x](#a){: onfocus="alert(1)" autofocus }',
    "attribute list after code": '`code`{: onmouseover="alert(1)" }',
    "javascript link": "[x](javascript:alert(1))",
    "javascript link, entity-encoded": "[x](&#106;avascript:alert(1))",
    "javascript link, angle brackets": "[x](<javascript:alert(1)>)",
    "data link": "[x](data:text/html,<script>alert(1)</script>)",
    "escaped backtick": "\\`<img src=x onerror=alert(1)>`",
    "escaped pipe": "`a\\|<img src=x onerror=alert(1)>`|",
    "raw HTML": "<img src=x onerror=alert(1)>",
    "autolink to javascript": "<javascript:alert(1)>",
    "reference definition": "[x]\n\n[x]: javascript:alert(1)",
    "link label across lines": "[a\nb](javascript:alert(1))",
    "emoji from a CDN": "a:b:c :smile:",
    "fence in a list item": "x\n\n~~~\n<img src=x onerror=alert(1)>\n~~~",
    "md_in_html": '<div markdown="1">*x*</div>',
}


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("name", sorted(BYPASSES))
def test_the_known_bypasses_stay_closed(engine: str, name: str) -> None:
    render, text = ENGINES[engine], BYPASSES[name]
    for rendered in (
        render(escape.markdown_text(text, block_start=True)),
        render("- " + hang(escape.markdown_block(text))),
        render(escape.markdown_block(text, top_level=True)),
        render(f"| a |\n| --- |\n| {escape.markdown_inline(text, cell=True)} |"),
    ):
        _assert_markdown(rendered, text)
        assert "onerror" not in re.sub(r"&lt;|&gt;|&quot;", "", rendered) or "<img" not in rendered


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("line_break", ["\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\r"])
def test_a_line_break_only_python_sees_never_frees_an_attribute_list(
    engine: str, line_break: str
) -> None:
    # error.md.j2 indents a deprecation's reason with Jinja's `indent`, which splits lines as
    # str.splitlines does: at NEL and the rest too, where a Markdown reader sees no break.
    text = f'Old.{line_break}{{#id .c onmouseover="alert(1)"}}'
    escaped = escape.markdown_block(text)
    indented = jinja2.Environment().from_string("{{ text | indent(4) }}").render(text=escaped)
    rendered = ENGINES[engine](f'!!! warning "Deprecated"\n\n    {indented}\n')
    _assert_markdown(rendered, text)
    assert all("onmouseover" not in attributes for _, attributes in Html(rendered).elements)


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("text", ["::: ", "#!python x", ":::js y", "#!x\t<b>y</b>"])
def test_code_text_never_reads_as_a_highlighting_language(engine: str, text: str) -> None:
    # pymdownx.inlinehilite reads a code span starting `#!lang ` or `:::lang ` as a language.
    rendered = ENGINES[engine](f"- **Type:** {escape.code_text(text)}")
    _assert_plain(rendered, "Type:" + text, {"ul", "li", "strong", "code"})


def test_allowed_markdown_still_renders() -> None:
    render = ENGINES["mkdocs.yml"]
    text = "See [the guide](https://example.com/a?b=1&c=2), `code <x>` and *emphasis*."
    rendered = render(escape.markdown_block(text))
    assert '<a href="https://example.com/a?b=1&amp;c=2">the guide</a>' in rendered
    assert "<code>code &lt;x&gt;</code>" in rendered
    assert "<em>emphasis</em>" in rendered
    fenced = render(escape.markdown_block("Run:\n\n```bash\necho '<x>'\n```", top_level=True))
    assert '<span class="nb">echo</span>' in fenced and "&lt;x&gt;" in fenced  # highlighted


def test_raw_html_is_shown_unless_the_project_opts_in() -> None:
    render = ENGINES["mkdocs.yml"]
    assert "&lt;kbd&gt;" in render(escape.markdown_block("Press <kbd>Enter</kbd>."))
    opted_in = render(escape.markdown_block("Press <kbd>Enter</kbd>.", raw_html=True))
    assert "<kbd>Enter</kbd>" in opted_in


def test_the_opt_in_reaches_every_markdown_field_of_a_page(tmp_path: Path) -> None:
    case = ROOT / "tests" / "cases" / "docs-pages"
    shutil.copytree(case / "catalog", tmp_path / "catalog")
    entry = tmp_path / "catalog" / "auth" / "missing.yaml"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace(
            "description: ", "description: Press <kbd>Enter</kbd>. ", 1
        ),
        encoding="utf-8",
    )
    pages = {}
    for opt_in in ("false", "true"):
        (tmp_path / "errorbook.toml").write_text(
            f'base-uri = "https://errors.example.com/"\nmarkdown-html = {opt_in}\n'
        )
        config = load_config(cwd=tmp_path)
        catalog = load_catalog(config).catalog
        assert catalog is not None
        outputs = generate_outputs(catalog, config)
        pages[opt_in] = outputs[config.docs_dir / "auth" / "missing.md"]
    assert "Press &lt;kbd>Enter&lt;/kbd>." in pages["false"]
    assert "Press <kbd>Enter</kbd>." in pages["true"]


def test_front_matter_reads_back_exactly_in_mkdocs(tmp_path: Path) -> None:
    # PyYAML refuses C1 controls, DEL and U+FFFE/FFFF; MkDocs then shows the whole front
    # matter as page content (notice, tags and all) and still builds.
    summary = "Gone\x85 \x9f\x7f\ufffe\uffff \u2028<b>&amp;"
    tags = ["<img src=x onerror=alert(1)>", "R&D\x85"]
    (tmp_path / "errorbook.toml").write_text('base-uri = "https://errors.example.com/"\n')
    entry = tmp_path / "catalog" / "a" / "gone.yaml"
    entry.parent.mkdir(parents=True)
    entry.write_text(
        "title: Gone\nstatus: 410\ndetail: Gone.\ndescription: Gone.\ncauses: [x]\n"
        f"fixes: [x]\nsummary: {escape.yaml_string(summary)}\n"
        f"tags: [{', '.join(map(escape.yaml_string, tags))}]\n",
        encoding="utf-8",
    )
    config = load_config(cwd=tmp_path)
    catalog = load_catalog(config).catalog
    assert catalog is not None
    page = generate_outputs(catalog, config)[config.docs_dir / "a" / "gone.md"]
    content, meta = get_data(page)
    assert content.startswith("# a/gone")
    assert meta["description"] == escape.html_text(" ".join(summary.split()))
    assert [html.unescape(tag) for tag in meta["tags"]] == [" ".join(t.split()) for t in tags]
    assert all("<" not in tag for tag in meta["tags"])


def test_front_matter_and_json_strings_read_back_exactly() -> None:
    text = "a\x7fb\x85c\x9f\u2028\ufeff\ufffe\uffff\ud800\"'\\\n\t\U0001f600"
    assert yaml.safe_load("key: " + escape.yaml_string(text)) == {"key": text}
    assert json.loads(escape.json_string(text)) == text


def test_terminal_text_shows_control_sequences_as_escapes() -> None:
    osc52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
    shown = escape.terminal_text(f"title {osc52} \x9b31m \u202eevil\r\tend\n")
    assert shown == "title \\x1b]52;c;cm0gLXJmIH4=\\x07 \\x9b31m \\u202eevil\\r\tend\n"


def test_html_text_escapes_markup() -> None:
    assert escape.html_text('<a href="x">&</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
    assert html.unescape(escape.html_text("R&D <b>")) == "R&D <b>"


def test_plain_text_of_the_bundled_catalog_is_written_as_before() -> None:
    # Only characters that need it are escaped: words with _ inside, colons, quotes stay.
    for text in ("Confusing it with key_not_found", "Bearer: 'token'", "snake_case names"):
        assert escape.markdown_text(text) == text


def test_source_tree_has_no_other_markdown_escaper() -> None:
    docs = ROOT / "src" / "errorbook" / "docs"
    for path in docs.rglob("*.py"):
        text = Path(path).read_text(encoding="utf-8")
        assert "&lt;" not in text and '"&quot;"' not in text, f"{path} escapes by itself"
