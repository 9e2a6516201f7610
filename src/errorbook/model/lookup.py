"""Find entries by whatever a reader has at hand: a code, a URN, a type URI, or just a name."""

from __future__ import annotations

import difflib

from errorbook.model import Catalog, ErrorDef


def find_entries(catalog: Catalog, query: str) -> list[ErrorDef]:
    """The entries ``query`` names, best match first; several only when a bare name is shared.

    Accepted forms: the code (``unkey/data/api_not_found``), the URN
    (``err:unkey:data:api_not_found``), the type URI or a former one, and the last segment of
    the code (``api_not_found``) when it is unambiguous or to list the candidates.
    """
    text = query.strip()
    code = _as_code(text)
    exact = catalog.get(code.strip("/"))
    if exact is not None:
        return [exact]
    uri = text.rstrip("/")
    by_uri = [e for e in catalog.entries if uri in (e.type_uri.rstrip("/"), *e.aliases)]
    if by_uri:
        return by_uri
    return [entry for entry in catalog.entries if entry.name == code]


def candidates(catalog: Catalog, query: str) -> tuple[str, list[ErrorDef]]:
    """What ``query`` names when it is not one entry: the entries of an HTTP status
    (``404``), of a folder of codes (``unkey/data``), or that share a bare name; and what
    they have in common, in words. No entries when it names none of these."""
    text = _as_code(query.strip()).strip("/")
    if text.isdigit():
        return f"{text} is the status of", [e for e in catalog.entries if str(e.status) == text]
    below = [entry for entry in catalog.entries if entry.code.startswith(text + "/")]
    if below:
        return f"{text}/ holds", below
    return f"{text} names", [entry for entry in catalog.entries if entry.name == text]


def suggest(catalog: Catalog, query: str) -> list[str]:
    """Codes that look like ``query``, closest first, for a "did you mean" hint."""
    query = _as_code(query.strip())
    codes = [entry.code for entry in catalog.entries]
    names = {entry.name: entry.code for entry in catalog.entries}
    close = difflib.get_close_matches(query, codes, n=3, cutoff=0.6)
    close += [names[name] for name in difflib.get_close_matches(query, list(names), n=3)]
    return list(dict.fromkeys(close))[:3]


def _as_code(text: str) -> str:
    return text.removeprefix("err:").replace(":", "/") if text.startswith("err:") else text
