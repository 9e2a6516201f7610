"""Generated hostile text: what an attacker would put into any catalog field.

The pieces are the syntax of every Markdown extension the site uses, raw HTML, URL schemes,
character references, YAML and terminal control characters; hypothesis joins them in any order
and mixes in arbitrary text, so escaping that only works for whole known payloads fails.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import strategies as st

PIECES = (
    # HTML, and the ways around a naive `<` check
    "<", ">", "&", "&lt;", "&#106;", "&#x3C;script&#x3E;", "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>", "<div markdown>", "</div>", "<!--", "-->", "<kbd>",
    # links, images, references, footnotes, abbreviations
    "[", "]", "(", ")", "!", "](", "](javascript:alert(1))", "](&#106;avascript:alert(1))",
    "]( <javascript:alert(1)> )", '](https://ok.example "t")', "](//evil.example/x.png)",
    "![", "[x](javascript:alert(1))", "[x](https://ok.example)", "![a](https://e.example/i.png)",
    "[![b](https://x.example/y.png)](https://z.example)", "[a]: javascript:alert(1)", "[a]",
    "[a][]", "[^1]", "[^1]: <i>", "*[HTML]: x", "<https://a.example>", "<mailto:a@b.example>",
    "<a@b.example>", "<javascript:alert(1)>", "javascript:alert(1)", "data:x", "https://e.example/",
    # code spans and fences, and what changes where they are read
    "`", "``", "```", "~~~", "\\", "\\`", "\\|", "|", "\n```js\n", "\n~~~\n", "\n    ```\n",
    "\n> ```\n", "\t```", "`<i>`", "`` ` ``", "| --- |",
    # attribute lists, emoji, other extensions
    "{", "}", "{: onclick=alert(1)}", '{#id .c onmouseover="alert(1)"}', ":smile:", ":b:",
    ":material-check:", '=== "x"', "??? note", '!!! note "<i>"', "--8<--",
    # block starts and emphasis
    "*", "_", "#", "-", "1.", "===", "!!!", "---", "  \n", "    ", '"', "'", "=", "?", ":",
    # whitespace and controls (YAML, Markdown placeholders, terminals)
    " ", "\n", "\n\n", "\t", "\x85", "\x02", "\x03", "\x01", "\x04", "\x7f", "\u2028", "\ufffe",
    "\x1b]52;c;eA==\x07", "\u202e",
    "a", "b", "word",
)  # fmt: skip

HOSTILE_TEXT = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=20).map("".join),
    st.text(max_size=30),
)
#: Payloads that are live markup wherever escaping fails.
PAYLOADS = (
    "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", '`c`{: onclick="alert(1)"}',
    "\\`<img src=x onerror=alert(1)>`", "`a\\|<img src=x onerror=alert(1)>`|", ":smile:",
    "<https://evil.example>", "[x]\n\n[x]: javascript:alert(1)", "*em* **strong** _u_",
    "~~~\n<i>fence</i>\n~~~",
)  # fmt: skip
#: Hostile text that holds at least one payload: every field attacked in every example.
ATTACK_TEXT = st.tuples(HOSTILE_TEXT, st.sampled_from(PAYLOADS), HOSTILE_TEXT).map("".join)

#: What a Markdown field may become: Python-Markdown's own elements and those of the
#: extensions in mkdocs.yml (admonitions, details, tabs, highlighted code, definition lists).
MARKDOWN_TAGS = frozenset((
    "p", "em", "strong", "code", "pre", "a", "img", "ul", "ol", "li", "blockquote", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "br", "div", "span", "table", "thead", "tbody", "tr", "th",
    "td", "dl", "dt", "dd", "details", "summary", "input", "label",
))  # fmt: skip
MARKDOWN_ATTRIBUTES = frozenset((
    "href", "src", "alt", "class", "id", "title", "type", "name", "checked", "for", "data-tabs",
    "open", "style",
))  # fmt: skip
#: A URL a link or image may have: http, https, mailto, or relative (no scheme at all).
SAFE_URL = re.compile(r"(?i)(?:https?:|mailto:|#|/|\.|[^:/?#]*(?:[/?#]|$))")


class Html(HTMLParser):
    """The elements (tag, attributes) and text of an HTML document, references decoded."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible(text: str) -> str:
    """Text without whitespace and controls, which no page shows as characters."""
    return "".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", "", text).split())
