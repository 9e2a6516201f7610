"""An index page converted a part at a time: the rows of its tables in runs, the rest alone.

Serves the 10,000-entry live-preview target (from saving an entry to the served page showing
it, at most 5 s): the home and the by-status page list every error, about 2.2 MB of Markdown
each at 10,000 entries, and converting one whole takes about 2.5 s, though after one entry
changed only the row of that entry differs. `convert_in_parts` converts each run of `ROWS`
rows of an index table (``<div class="errorbook-index" markdown>``, as errorbook's templates
write it) as a table of its own, under the same heading row, remembered by its Markdown; and
the page with each such table replaced by a placeholder paragraph. The page's HTML is the
latter's, with each placeholder replaced by its table: the first run's HTML up to its rows,
every run's rows in order, then the rest of the first run's HTML.

That is what converting the page whole gives, because:

- a table's rows are converted one by one, each from its own cells and the heading row (the
  columns' alignment), and written one after the other;
- every extension configured is one of `PER_BLOCK`, which convert a block or a line from what
  it holds alone: not abbreviations or footnotes, defined in one place of a page and used in
  any other; and a table row holds no block (a heading, a code block, tabs) that a counter or
  the table of contents numbers across the page;
- no row holds raw HTML but inline code (``<code>`` and text without tags): raw HTML (a
  Markdown field's, where the project allows it) is read across lines and blocks before
  anything else, so a ``</div>`` in a row would end the table early when the page is
  converted whole (the hostile tests found it);
- what the rest of the page could give the rows, or the rows the rest, is checked each time,
  and the page is converted whole when any is there: a link reference defined in the page, an
  element with an id in a row (the table of contents keeps its ids apart from all others), a
  row's link to an anchor, a placeholder not found once in the HTML, anything logged (held
  back, so the whole conversion logs it once, as MkDocs would);
- the links are resolved for the same page among the same files, so the same way.

The tests convert index pages of hostile catalogs both ways and compare.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files

from errorbook.docs.page_convert import Converted, MarkdownRun, held_logs, reuse, run_markdown
from errorbook.speed.memo import Memo

#: Rows converted together: small enough that a run costs little, large enough that a page's
#: runs stay few.
ROWS = 64
#: Markdown extensions that convert a table row from the row alone (MkDocs always adds the
#: first three).
PER_BLOCK = frozenset(
    {
        "toc", "tables", "fenced_code", "admonition", "attr_list", "def_list", "md_in_html",
        "pymdownx.details", "pymdownx.emoji", "pymdownx.highlight", "pymdownx.inlinehilite",
        "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.betterem", "pymdownx.caret",
        "pymdownx.mark", "pymdownx.tilde", "pymdownx.keys", "pymdownx.smartsymbols",
        "sane_lists",
    }
)  # fmt: skip
#: An index table as errorbook's templates write it: the wrapper, the heading and delimiter
#: rows, then the rows.
_TABLE = re.compile(
    r'^<div class="errorbook-index" markdown>\n\n'
    r"(\|[^\n]*\|\n\|[-:| ]+\|\n)"
    r"((?:\|[^\n]*\|\n)+)"
    r"\n</div>(?=\n|\Z)",
    re.MULTILINE,
)
#: Inline code as HTML, as errorbook writes text that Markdown would read as something else
#: (`errorbook.core.markdown_scan.inert_code`): it holds no tag, so it ends where it starts.
_INLINE_CODE = re.compile(r"<code>[^<>]*</code>")
_TABLE_HTML = re.compile(r"(.*?<tbody>\n)(<tr>.*</tr>\n)(</tbody>.*)", re.DOTALL)


def in_parts(config: MkDocsConfig, markdown: str) -> bool:
    """Whether a page of this Markdown may be converted in parts: it has an index table, and
    every extension configured is one of `PER_BLOCK`."""
    if '<div class="errorbook-index" markdown>' not in markdown:
        return False
    names = config.markdown_extensions
    return all(isinstance(name, str) and name in PER_BLOCK for name in names)


def convert_in_parts(
    page: mkdocs_pages.Page,
    config: MkDocsConfig,
    files: Files,
    files_digest: bytes,
    runs: Memo[MarkdownRun],
    key: Callable[[str], bytes],
) -> Converted | None:
    """Convert ``page`` as `errorbook.docs.page_convert.convert` does, its index tables a run
    of rows at a time; None, with nothing set, when that is not sure to give the same
    (convert it whole then).

    Args:
        runs: Conversions of runs by key, from earlier builds; this one's new ones are added.
        key: The key of a run's Markdown.
    """
    markdown = page.markdown or ""
    tables = list(_TABLE.finditer(markdown))
    if not tables or any(_raw_html(table.group(2)) for table in tables):
        return None
    token = f"errorbookpart{secrets.token_hex(8)}n"
    if token in markdown:
        return None
    rest: list[str] = []
    start = 0
    for number, table in enumerate(tables):
        rest += [markdown[start : table.start()], f"{token}{number}"]
        start = table.end()
    rest.append(markdown[start:])
    with held_logs() as said:
        whole = run_markdown("".join(rest), page.file, config, files)
    if said.anything or whole.defines_references:
        return None
    parts = [_table(table, page, config, files, runs, key) for table in tables]
    content, links = whole.content, list(whole.links)
    for number, part in enumerate(parts):
        placeholder = f"<p>{token}{number}</p>"
        if part is None or content.count(placeholder) != 1:
            return None
        content = content.replace(placeholder, part[0])
        links += part[1]
    spliced = dataclasses.replace(whole, content=content, links=tuple(links))
    converted = spliced.record(files_digest, quiet=True)
    if converted is None or not reuse(converted, page, config, files, files_digest):
        return None
    return converted


def _raw_html(rows: str) -> bool:
    """Whether ``rows`` hold raw HTML other than inline code (`_INLINE_CODE`)."""
    return "<" in rows and "<" in _INLINE_CODE.sub("", rows)


def runs_of(markdown: str) -> list[str]:
    """The Markdown of each run `convert_in_parts` converts in ``markdown``'s tables."""
    return [text for table in _TABLE.finditer(markdown) for text in _rows(table)]


def _rows(table: re.Match[str]) -> list[str]:
    """The Markdown of each run of rows, as a table of its own."""
    heading, rows = table.group(1), table.group(2).splitlines(keepends=True)
    return [
        f'<div class="errorbook-index" markdown>\n\n{heading}{"".join(rows[at : at + ROWS])}'
        "\n</div>\n"
        for at in range(0, len(rows), ROWS)
    ]


def _table(
    table: re.Match[str],
    page: mkdocs_pages.Page,
    config: MkDocsConfig,
    files: Files,
    runs: Memo[MarkdownRun],
    key: Callable[[str], bytes],
) -> tuple[str, list[tuple[str, str]]] | None:
    """The HTML of the table from its runs' (converted now or before), and its links; None
    when a run logs anything, holds what the rest of the page could read (an id, a link to an
    anchor) or is not one table."""
    first: re.Match[str] | None = None
    bodies: list[str] = []
    links: list[tuple[str, str]] = []
    for text in _rows(table):
        run_key = key(text)
        run = runs.get(run_key)
        if run is None:
            with held_logs() as said:
                run = run_markdown(text, page.file, config, files)
            if said.anything:  # not remembered: the page, converted whole, says it each time
                return None
            runs.put(run_key, run)
        if run.anchors or run.links_to_anchors or run.toc_tokens or run.defines_references:
            return None
        found = _TABLE_HTML.fullmatch(run.content)
        if found is None:
            return None
        if first is None:
            first = found
        elif (found.group(1), found.group(3)) != (first.group(1), first.group(3)):
            return None
        bodies.append(found.group(2))
        links += run.links
    assert first is not None
    return first.group(1) + "".join(bodies) + first.group(3), links
