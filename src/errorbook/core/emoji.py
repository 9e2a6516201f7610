"""Emoji shortcodes: which ``:name:`` a Markdown reader with pymdownx.emoji turns into an image.

Material's setup replaces ``:smile:`` with an image from a CDN (a page would fetch from another
host) and ``:material-check:`` with an inline icon: either way catalog text became markup. Only
names the emoji indexes know (or an icon set's prefix) are replaced, so only those are written
with ``&#58;`` for their first colon; without pymdownx installed, every ``:name:`` is.
"""

from __future__ import annotations

import functools
import importlib
import re

#: ``:name`` followed by a colon, or by the end of the text (a template may print one next).
_SHAPE = re.compile(r":(?=([+\-\w]+)(?::|$))")
_ICON_SETS = ("material-", "fontawesome-", "octicons-", "simple-")
_INDEXES = ("twemoji", "emoji1", "gemoji")


@functools.cache
def _names() -> frozenset[str] | None:
    try:
        indexes = [importlib.import_module(f"pymdownx.{name}_db") for name in _INDEXES]
    except ImportError:  # pragma: no cover - pymdownx comes with mkdocs-material
        return None
    names: set[str] = set()
    for index in indexes:
        names.update(index.emoji, index.aliases)
    return frozenset(name.strip(":") for name in names)


def _is_shortcode(name: str) -> bool:
    names = _names()
    return names is None or name in names or name.startswith(_ICON_SETS)


def neutralise(text: str) -> str:
    """``text`` with the first colon of each emoji shortcode written ``&#58;``."""
    if ":" not in text:
        return text
    return _SHAPE.sub(lambda m: "&#58;" if _is_shortcode(m[1]) else ":", text)


def has_shortcode(text: str) -> bool:
    """True when ``text`` holds an emoji shortcode (that is not at its very end)."""
    return any(_is_shortcode(m[1]) for m in _SHAPE.finditer(text) if m.end(1) < len(text))
