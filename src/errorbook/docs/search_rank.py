"""How error pages rank in the site's search (Material for MkDocs' lunr-based search).

Material splits text into words at its search ``separator`` (by default spaces and hyphens),
gives a match in a page's title a thousand times the weight of one in its text, and appends a
wildcard to every word of a query: ``unkey/data/api_not_found`` is sought as the words
``unkey*``, ``data*`` and ``api_not_found*`` once ``/`` separates words. Every error page is
titled with its full code, so its title holds every word of its code, of its URN
(``err:unkey:data:api_not_found``, once ``:`` separates words too) and the last words of its
type URI: searching any of them finds that page's title first.

The wildcard has one blind spot: the words of ``invalid_query`` also begin the words of
``invalid_query_type``, so a search for the first matches the second's title as well, and
lunr prefers neither (it has no bonus for an exact word). Such a page is boosted
(`search_boosts`): it weighs `BOOST` times as much per level of codes that extend it. That
wins the tie on its own code, and stays small enough that the longer code, whose last word
the shorter one lacks, still ranks first on its own search (with twice the weight it did not,
for a type URI: its shared words count for every page). Codes made of the same words in
another order (``a/b`` and ``b/a``) cannot be told apart by this search.
"""

from __future__ import annotations

import bisect
import re

from errorbook.model import Catalog

#: The search plugin's word separator for an errorbook site: Material's own (white space and
#: hyphens) plus ``/`` and ``:``, which join the words of codes, URNs and type URIs.
SEPARATOR = r"[\s\-/:]+"
#: How much more a page weighs than the codes that extend its code (see above).
BOOST = 1.4
_WORDS = re.compile(SEPARATOR)


def search_boosts(catalog: Catalog) -> dict[str, float]:
    """``{code: boost}`` for the error pages whose code's words begin another code's words.

    Each depends on the whole catalog's codes: compute it once per run, for every page.
    """
    codes = [entry.code for entry in catalog.entries]
    words = {code: [w for w in _WORDS.split(code.lower()) if w] for code in codes}
    index = sorted({(word, code) for code, parts in words.items() for word in parts})
    keys = [word for word, _ in index]

    def beginning(word: str) -> set[str]:
        start = bisect.bisect_left(keys, word)
        end = bisect.bisect_left(keys, word + "\uffff")
        return {code for _, code in index[start:end]}

    def extends(other: str, parts: list[str]) -> bool:
        return all(any(mine.startswith(part) for mine in words[other]) for part in parts)

    extended_by: dict[str, set[str]] = {}
    for code, parts in words.items():
        if not parts:
            continue
        # The codes with a word beginning with this code's longest word are few; each is then
        # checked for the other words, instead of intersecting the many codes of short words.
        longest, *others = sorted(set(parts), key=lambda w: -len(w))
        longer = {
            other
            for other in beginning(longest)
            if len(other) > len(code) and extends(other, others)
        }
        if longer:
            extended_by[code] = longer
    heights: dict[str, int] = {}

    def height(code: str) -> int:
        if code not in heights:
            heights[code] = 1 + max((height(o) for o in extended_by.get(code, ())), default=-1)
        return heights[code]

    return {code: round(BOOST ** height(code), 3) for code in extended_by}
