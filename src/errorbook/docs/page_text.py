"""How catalog text is written into a page: escaped for the site, or as authored for a terminal.

The views ask one of these objects for every piece of catalog text they prepare, naming the spot
it lands in (a paragraph, a table cell, a callout title, inline code, a Markdown field ...), so the
escaping policy of `errorbook.core.escape` is applied in one place per spot, and ``errorbook
explain`` (whose output is escaped for the terminal as a whole) shares the same views.
"""

from __future__ import annotations

from errorbook.core import escape
from errorbook.core.markdown_scan import code_span, one_line


class SiteText:
    """Catalog text for a documentation page: each value escaped for the spot it lands in.

    Args:
        raw_html: The project lets Markdown fields hold raw HTML (``markdown-html = true``).
    """

    def __init__(self, *, raw_html: bool = False) -> None:
        self.raw_html = raw_html

    def plain(self, text: str) -> str:
        """Plain text inside a line (a list item, bold lead, heading)."""
        return escape.markdown_text(text)

    def lead(self, text: str) -> str:
        """Plain text that opens a paragraph."""
        return escape.markdown_text(text, block_start=True)

    def title(self, text: str) -> str:
        """Plain text in the quotes of a callout or tab title."""
        return escape.admonition_title(text)

    def cell(self, text: str) -> str:
        """Plain text in a table cell."""
        return escape.markdown_text(text, cell=True)

    def code(self, text: str) -> str:
        """Plain text shown as inline code."""
        return escape.code_text(text)

    def markdown(self, text: str) -> str:
        """A Markdown field that may land anywhere: in a list item, a callout, a table."""
        return escape.markdown_block(text, raw_html=self.raw_html)

    def top_markdown(self, text: str) -> str:
        """A Markdown field printed at the page's left margin, where fences stay fences."""
        return escape.markdown_block(text, raw_html=self.raw_html, top_level=True)

    def summary(self, text: str) -> str:
        """A summary as a paragraph of its own."""
        return escape.markdown_inline(text, raw_html=self.raw_html, block_start=True)

    def summary_cell(self, text: str) -> str:
        """A summary in a table cell or after a list item's lead."""
        return escape.markdown_inline(text, raw_html=self.raw_html, cell=True)


class TerminalText(SiteText):
    """Catalog text for ``errorbook explain``: as authored, on the lines the page gives it.

    The terminal sees Markdown source, not HTML, and the command escapes control characters
    in its whole output (`errorbook.core.escape.terminal`).
    """

    def plain(self, text: str) -> str:
        return one_line(text)

    def lead(self, text: str) -> str:
        return one_line(text)

    def title(self, text: str) -> str:
        return one_line(text)

    def cell(self, text: str) -> str:
        return one_line(text)

    def code(self, text: str) -> str:
        return code_span(text)

    def markdown(self, text: str) -> str:
        return text

    def top_markdown(self, text: str) -> str:
        return text

    def summary(self, text: str) -> str:
        return one_line(text)

    def summary_cell(self, text: str) -> str:
        return one_line(text)


#: The site's text with the default policy (no raw HTML).
SITE = SiteText()
TERMINAL = TerminalText()
