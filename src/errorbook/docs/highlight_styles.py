"""Pygments' CSS classes of a highlighting style, worked out once per conversion process.

pymdownx.highlight makes a new Pygments ``HtmlFormatter`` for every code block, and each one
works out, from its style, which CSS class every token type gets (``_create_stylesheet``): the
same two tables each time, for about a fifteenth of converting an error page, whose examples
are code blocks (`python -m benchmarks --only site`). While `styles_reused` is active, the
formatter takes copies of the tables the first formatter of the same style and class prefix
made, which are what it would have made itself: a formatter reads nothing else there.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: (style class, class prefix) → (token type → CSS class, CSS class → style).
_tables: dict[tuple[Any, str], tuple[dict[Any, str], dict[str, Any]]] = {}


def _reusing(own: Any) -> Any:
    def create_stylesheet(formatter: Any) -> None:
        key = (formatter.style, formatter.classprefix)
        found = _tables.get(key)
        if found is None:
            own(formatter)
            _tables[key] = (dict(formatter.ttype2class), dict(formatter.class2style))
        else:
            formatter.ttype2class, formatter.class2style = dict(found[0]), dict(found[1])

    return create_stylesheet


@contextmanager
def styles_reused() -> Iterator[None]:
    """Let every ``HtmlFormatter`` made inside reuse the style tables made before."""
    try:
        formatter = importlib.import_module("pygments.formatters.html").HtmlFormatter
    except ImportError:  # no Pygments: nothing is highlighted with it
        yield
        return
    own = formatter.__dict__.get("_create_stylesheet")
    if own is None or getattr(own, "__module__", None) != formatter.__module__:
        yield  # already reusing (a nested conversion), or a Pygments we do not know
        return
    formatter._create_stylesheet = _reusing(own)
    try:
        yield
    finally:
        formatter._create_stylesheet = own
