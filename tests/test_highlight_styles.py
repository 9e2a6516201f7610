"""Reused style tables give every code block the HTML Pygments gives it by itself."""

from __future__ import annotations

import markdown
from pygments import highlight
from pygments.formatters.html import HtmlFormatter
from pygments.lexers import get_lexer_by_name

from errorbook.docs.highlight_styles import styles_reused

SAMPLES = {
    "python": 'raise OrderNotFound(order_id="7")  # a comment\n',
    "json": '{"type": "https://acme.example.com/errors/orders/order_not_found", "status": 404}\n',
    "bash": "curl -H 'X-Request-Id: 1' https://api.example.com/orders/7\n",
}
PAGE = "\n\n".join(f"```{lexer}\n{code}```" for lexer, code in SAMPLES.items())
EXTENSIONS = ["pymdownx.highlight", "pymdownx.superfences", "pymdownx.inlinehilite"]


def _highlighted() -> list[str]:
    found = []
    for style in ("default", "monokai"):
        for prefix in ("", "hl-"):
            for lexer, code in SAMPLES.items():
                formatter = HtmlFormatter(style=style, classprefix=prefix)
                found.append(highlight(code, get_lexer_by_name(lexer), formatter))
                found.append(formatter.get_style_defs(".highlight"))
    return found


def test_formatters_made_while_reusing_give_the_same_html() -> None:
    alone = _highlighted()
    with styles_reused():
        first, again = _highlighted(), _highlighted()
    assert first == alone
    assert again == alone


def test_a_page_converts_to_the_same_html() -> None:
    alone = markdown.markdown(PAGE + "\n\n`#!python x = 1`", extensions=EXTENSIONS)
    with styles_reused():
        reused = [
            markdown.markdown(PAGE + "\n\n`#!python x = 1`", extensions=EXTENSIONS)
            for _ in range(2)
        ]
    assert reused == [alone, alone]
    assert 'class="highlight"' in alone


def test_pygments_is_itself_again_after_and_nesting_patches_once() -> None:
    own = HtmlFormatter.__dict__["_create_stylesheet"]
    with styles_reused():
        patched = HtmlFormatter.__dict__["_create_stylesheet"]
        assert patched is not own
        with styles_reused():
            assert HtmlFormatter.__dict__["_create_stylesheet"] is patched
        assert HtmlFormatter.__dict__["_create_stylesheet"] is patched
    assert HtmlFormatter.__dict__["_create_stylesheet"] is own
