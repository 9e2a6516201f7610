"""Material's search entries of a long page, parsed a section at a time, each remembered.

Serves the 10,000-entry live-preview target (from saving an entry to the served page showing
it, at most 5 s): the search plugin parses each page's whole HTML into sections, one per
heading, and the home and by-status pages, about 2.5 MB of HTML each at 10,000 entries, took
1.5 s of a page rebuild, though one entry's change touches one section of each.
`add_in_sections` cuts a page's HTML before each heading that starts a line and parses each
piece with the plugin's own parser, remembered by the piece's HTML, then makes the entries
from all the sections in order, as the plugin does.

A piece parsed alone gives the sections the whole page's parse gives there when the parser is
in the same state at its start: no element open, no element skipped, and, past the first
piece, a section already begun (the piece is parsed after a stand-in one). That holds when the
piece before it ended with every element closed and the skipped ones back to the parser's own,
and the piece's first tag begins a section (a heading with an id): so a piece that does not
end so, or that adds anything to the stand-in section, makes the page parsed whole.
"""

from __future__ import annotations

import importlib
import itertools
import re
from dataclasses import dataclass
from typing import Any

from errorbook.speed.memo import Memo, digest

#: Pages shorter than this are parsed whole: cutting them would save nothing worth the keys.
LONG = 100_000
_HEADING = re.compile(r"\n(?=<h[1-6][\s>])")


@dataclass(frozen=True, slots=True)
class SectionText:
    """One section as the search plugin's parser leaves it."""

    tag: str
    attrs: tuple[tuple[str, str | None], ...]
    id: str | None
    title: tuple[str, ...]
    text: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A piece's sections, or None when the piece cannot be parsed alone."""

    sections: tuple[SectionText, ...] | None


def add_in_sections(index: Any, page: Any, html: str, parsed: Memo[Parsed]) -> bool:
    """Add ``page``'s entries to Material's search ``index`` from ``html`` (its content, as
    the plugin would parse it), as ``add_entry_from_context`` does; False, adding nothing,
    when the page must be parsed whole.

    Args:
        parsed: Pieces parsed before, by key; this page's new ones are added.
    """
    if len(html) < LONG:
        return False
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return True
    sections: list[SectionText] = []
    for number, (key, piece) in enumerate(_pieces(html)):
        found = parsed.get(key)
        if found is None:
            found = parsed.put(key, _parse(piece, after=number > 0))
        if found.sections is None:
            return False
        sections += found.sections
    material = _material()
    for text in sections:
        section = material.Section(material.Element(text.tag, dict(text.attrs)))
        section.id, section.title, section.text = text.id, list(text.title), list(text.text)
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)
    return True


def _material() -> Any:
    """Material's search plugin module (`errorbook.docs.search_html` checks it is the one)."""
    return importlib.import_module("material.plugins.search.plugin")


def keep_pieces(html: str, parsed: Memo[Parsed]) -> None:
    """Mark the pieces of ``html`` that `add_in_sections` parsed as used in this build."""
    if len(html) >= LONG:
        for key, _ in _pieces(html):
            parsed.get(key)


def _pieces(html: str) -> list[tuple[bytes, str]]:
    """The pieces of ``html``, each with its key: its text, and whether it is the first."""
    starts = [0, *(match.end() for match in _HEADING.finditer(html)), len(html)]
    return [
        (digest(b"after" if start else b"first", html[start:end]), html[start:end])
        for start, end in itertools.pairwise(starts)
        if end > start
    ]


def _parse(piece: str, *, after: bool) -> Parsed:
    """The sections of ``piece``, parsed at the start of a page or after a section."""
    material = _material()
    reader = material.Parser()
    skipped = set(reader.skip)
    stand_in = None
    if after:
        stand_in = material.Section(material.Element("hx"))
        reader.section = stand_in
        reader.data.append(stand_in)
    reader.feed(piece)
    reader.close()
    if reader.context or reader.skip != skipped:
        return Parsed(None)
    if stand_in is not None and (stand_in.text or stand_in.title):
        return Parsed(None)
    found = reader.data[1:] if after else reader.data
    return Parsed(
        tuple(
            SectionText(
                section.el.tag,
                tuple(section.el.attrs.items()),
                section.id,
                tuple(section.title),
                tuple(section.text),
            )
            for section in found
        )
    )
