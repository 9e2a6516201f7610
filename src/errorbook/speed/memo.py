"""Remember the result of a pure step by a digest of everything it reads.

Serves the live-preview targets of ``docs/benchmarks.md`` (``errorbook serve`` / ``mkdocs
serve``: from saving an entry to the served page showing it, at most 2 s at 1,000 entries and
5 s at 10,000) and the cold 10,000-entry site build (at most half of the old time): each page
of a site is converted, indexed and laid out by steps whose inputs can be named exactly, so a
rebuild after one entry changed finds every other page's results here, and a build whose pages
were converted in workers finds theirs.

A key is a digest of the step's inputs made by `fingerprint`, which spells out any value the
way `repr` would but without anything that changes from one process to the next (object
addresses), so equal inputs always give equal keys. A `Memo` holds results by key; it keeps
what the last build used and forgets the rest when the next build ends (`Memo.sweep`), so a
preview server's memory follows the site, not its history of edits.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from errorbook.speed.parallel import parallel_map

T = TypeVar("T")
V = TypeVar("V")

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
#: Deeper than any configuration value errorbook has met; a cycle stops here too.
_MAX_DEPTH = 12


def digest(*parts: str | bytes) -> bytes:
    """A 16-byte digest of the parts, each length-prefixed so no two lists of parts collide."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.digest()


def fingerprint(value: object) -> str:
    """``value`` spelled out as text that is equal for equal values in any process.

    Mappings are sorted by key, functions and classes are named by module and qualified name,
    other objects by their class and attributes (slots included); object addresses never appear.
    """
    out: list[str] = []
    _spell(value, out, 0)
    return "".join(out)


def _spell(value: object, out: list[str], depth: int) -> None:
    if depth > _MAX_DEPTH:
        out.append("…")
    elif value is None or isinstance(value, bool | int | float | str | bytes):
        out.append(repr(value))
    elif isinstance(value, Mapping):
        out.append("{")
        for key in sorted(value, key=repr):
            _spell(key, out, depth + 1)
            out.append(":")
            _spell(value[key], out, depth + 1)
            out.append(",")
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[" if isinstance(value, list) else "(")
        for item in value:
            _spell(item, out, depth + 1)
            out.append(",")
        out.append("]" if isinstance(value, list) else ")")
    elif isinstance(value, set | frozenset):
        out.append("{" + ",".join(sorted(fingerprint(item) for item in value)) + "}")
    elif isinstance(value, type) or (callable(value) and hasattr(value, "__qualname__")):
        name = getattr(value, "__qualname__", type(value).__qualname__)
        out.append(f"<{getattr(value, '__module__', '?')}.{name}>")
    else:
        kind = type(value)
        out.append(f"<{kind.__module__}.{kind.__qualname__}")
        attributes = _attributes(value)
        if attributes is None:
            out.append(" " + _ADDRESS.sub("", repr(value)))
        else:
            _spell(attributes, out, depth + 1)
        out.append(">")


def _attributes(value: object) -> dict[str, object] | None:
    found: dict[str, object] = dict(getattr(value, "__dict__", {}))
    for kind in type(value).__mro__:
        for name in getattr(kind, "__slots__", ()):
            if isinstance(name, str) and hasattr(value, name):
                found.setdefault(name, getattr(value, name))
    return found or None


class Memo(Generic[V]):
    """Results by key, kept while they are used.

    `get` and `put` mark a key as used in the current build; `sweep`, at the end of a build,
    forgets every result the build did not use.
    """

    def __init__(self) -> None:
        self._results: dict[bytes, V] = {}
        self._used: set[bytes] = set()

    def get(self, key: bytes) -> V | None:
        """The result stored under ``key``, or None."""
        found = self._results.get(key)
        if found is not None:
            self._used.add(key)
        return found

    def put(self, key: bytes, result: V) -> V:
        """Store ``result`` under ``key`` and return it."""
        self._results[key] = result
        self._used.add(key)
        return result

    def take(self, key: bytes) -> V | None:
        """The result stored under ``key``, forgotten: for a one-off build, which uses each once."""
        return self._results.pop(key, None)

    def get_or_make(self, key: bytes, make: Callable[[], V]) -> V:
        """The result under ``key``, made and stored first when there is none."""
        found = self.get(key)
        return self.put(key, make()) if found is None else found

    def sweep(self) -> None:
        """Forget every result that was not used since the last sweep."""
        self._results = {key: self._results[key] for key in self._used if key in self._results}
        self._used = set()

    def __len__(self) -> int:
        return len(self._results)

    def items(self) -> list[tuple[bytes, V]]:
        """Every result with its key."""
        return list(self._results.items())


class Recall(Generic[V]):
    """Results by name, reused while their inputs are the same objects, or equal ones.

    Only while `keeping` is on (a preview server turns it on) is anything kept: a one-off run
    never sees the same inputs twice. Inputs that are the very objects of the last run (an entry
    loaded from an unchanged file is) are compared by identity, which costs nothing.
    """

    def __init__(self) -> None:
        self._results: dict[object, tuple[tuple[object, ...], V]] = {}
        self._used: set[object] = set()
        _RECALLS.append(self)

    def get_or_make(self, name: object, inputs: tuple[object, ...], make: Callable[[], V]) -> V:
        """The result for ``name`` if it was made from the same ``inputs``, else ``make()``."""
        if not _keeping:
            return make()
        found = self._results.get(name)
        self._used.add(name)
        if found is not None and _same(found[0], inputs):
            return found[1]
        result = make()
        self._results[name] = (inputs, result)
        return result

    def map(
        self,
        function: Callable[[T], V],
        items: Sequence[T],
        key: Callable[[T], tuple[object, tuple[object, ...]] | None],
        weights: Sequence[float] | None = None,
    ) -> list[V]:
        """``parallel_map(function, items)``, reusing the results whose ``key(item)`` (a name
        and its inputs; None: never reuse) matches a kept one. Only the rest are computed,
        in workers when they are many, and kept here, in this process."""
        if not _keeping:
            return parallel_map(function, items, weights=weights)
        keys = [key(item) for item in items]
        results: list[V] = []
        missing: list[int] = []
        for index, found in enumerate(keys):
            kept = None if found is None else self._results.get(found[0])
            if found is not None:
                self._used.add(found[0])
            if kept is not None and found is not None and _same(kept[0], found[1]):
                results.append(kept[1])
            else:
                missing.append(index)
                results.append(None)  # type: ignore[arg-type]  # filled in below
        chosen = None if weights is None else [weights[index] for index in missing]
        made = parallel_map(function, [items[index] for index in missing], weights=chosen)
        for index, result in zip(missing, made, strict=True):
            results[index] = result
            found = keys[index]
            if found is not None:
                self._results[found[0]] = (found[1], result)
        return results

    def sweep(self) -> None:
        """Forget every result that was not asked for since the last sweep."""
        self._results = {name: self._results[name] for name in self._used if name in self._results}
        self._used = set()


def _same(kept: tuple[object, ...], given: tuple[object, ...]) -> bool:
    return len(kept) == len(given) and all(
        a is b or (type(a) is type(b) and a == b) for a, b in zip(kept, given, strict=True)
    )


_RECALLS: list[Recall[Any]] = []
_keeping = False


def keep_results(on: bool = True) -> None:
    """Keep results between runs in this process (a preview server), or stop and forget them."""
    global _keeping
    _keeping = on
    if not on:
        for recall in _RECALLS:
            recall._results.clear()
            recall._used.clear()


def keeping_results() -> bool:
    """Whether results are kept between runs (see `keep_results`)."""
    return _keeping


def sweep_results() -> None:
    """End of a run: forget what it did not ask for, so memory follows the catalog."""
    for recall in _RECALLS:
        recall.sweep()
