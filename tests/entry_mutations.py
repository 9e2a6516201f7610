"""Valid entries, and a strategy that spoils them: for tests of what invalid entries do."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_catalog
from errorbook.read.yaml_source import parse_document, read_document

ROOT = Path(__file__).parent.parent


def _real_entries() -> list[dict[str, Any]]:
    documents = [read_document(path)[0] for path in sorted((ROOT / "catalog").rglob("*.yaml"))]
    return [document.data for document in documents if document is not None]


def _synthetic_entries() -> list[dict[str, Any]]:
    files = synthetic_catalog(40, seed=11)
    parsed = [parse_document(Path(name), text.encode()) for name, text in files.items()]
    return [document.data for document, _ in parsed if document is not None]


#: The repository's entries and synthetic ones, as data.
ENTRIES = _real_entries() + _synthetic_entries()


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-1, max_value=700),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2030, 1, 1)),
    st.text(max_size=6),
    st.sampled_from(
        [
            *("", " ", "a\nb", "line\n", "x", "TODO", "request", "fix", "bash", "json!"),
            *("string", "unkey/data/x", "Unkey/x", "nofolder", "https://e.com/x", "ftp://e.com"),
            *(400, 599, 600, 399, 404.0, 1.5, True, 0),
        ]
    ),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["title", "text", "type", "x", "a b", ""]), children)
    ),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def mutate(data: Any, draw: st.DrawFn) -> Any:
    """A copy of ``data`` with one value replaced, deleted or added."""
    data = copy.deepcopy(data)
    path = draw(st.sampled_from(_paths(data)))
    if not path:
        return draw(_VALUES) if draw(st.booleans()) else data
    parent = data
    for item in path[:-1]:
        parent = parent[item]
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "replace":
        parent[path[-1]] = draw(_VALUES)
    elif action == "delete":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(st.sampled_from([*parent, "since", "extra", "kind", "Bad Name"]))] = draw(
            _VALUES
        )
    else:
        parent.append(draw(_VALUES))
    return data
