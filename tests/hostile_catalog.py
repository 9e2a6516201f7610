"""Hostile catalogs, generated from the entry JSON Schema: every string field gets hostile text.

The walk follows ``error.schema.json``, so a string field added to the format later is attacked
without a change here. Strings the schema leaves free get `hostile.ATTACK_TEXT`; strings with a
pattern get hostile text that still matches it (names, URIs, languages). A few fix-ups keep the
entry valid under the semantic rules (placeholders, related codes, examples of the declared
type), since an entry that does not validate never reaches a page.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from errorbook.check.schema import entry_schema
from errorbook.machine.yaml_text import dump_yaml
from hostile import ATTACK_TEXT

SCHEMA: dict[str, Any] = entry_schema()
Json = Any
#: Hostile but printable ASCII, without spaces at either end: what a header value can carry.
_HEADER_TEXT = st.text(
    alphabet=st.sampled_from(string.printable.replace("\n", "").replace("\r", "")[:-2]),
    min_size=1,
    max_size=20,
).map(lambda text: text.strip(" \t") or "v")
#: What a hostile author can put in a URI path that still validates: quotes, parentheses,
#: sub-delimiters, and escapes of the characters a URI may not hold raw ("<>`{}).
_URI_PATH = st.lists(
    st.sampled_from(["a", "'", "(", ")", "*", "!", "$", "&", "+", ",", ";", "=", ":", "@", "~",
                     "_", "%22", "%3C", "%3E", "%60", "%7B", "%7D", "é"]),
    max_size=10,
).map("".join)  # fmt: skip
_NAMES = ("alpha", "bravo", "charlie", "delta")
_HEADERS = ("X-Alpha", "X-'|`*_", "X-&lt", "X-~^!", "Retry-After", "WWW-Authenticate")
_LANGS = st.from_regex(r"[A-Za-z0-9_+#.-]{1,8}", fullmatch=True)


def _one_line(text: str) -> str:
    line = re.sub("[\r\n\u2028\u2029\x85]", " ", text)
    return line if line.strip() else line + "t"


def _text(schema: dict[str, Any], where: str) -> st.SearchStrategy[str]:
    pattern = schema.get("pattern")
    if where == "headers.*.value":
        return _HEADER_TEXT
    if pattern is None:
        return ATTACK_TEXT
    if where == "title":  # one line of text
        return ATTACK_TEXT.map(_one_line)
    if where.endswith(".lang"):
        return _LANGS
    return st.from_regex(pattern, fullmatch=True)


def _from_schema(schema: dict[str, Any], where: str, depth: int = 0) -> st.SearchStrategy[Json]:
    """Values of ``schema``; ``depth`` counts the definitions followed, which may recurse."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name == "uri":  # type and aliases: see fix_up
            return _URI_PATH
        target = {**SCHEMA["$defs"][name], **{k: v for k, v in schema.items() if k != "$ref"}}
        return _from_schema(target, where, depth + 1)
    if "oneOf" in schema:
        return st.one_of([_from_schema(option, where, depth) for option in schema["oneOf"]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "string":
        return _text(schema, where)
    if kind == "integer":
        return st.integers(schema.get("minimum", 0), schema.get("maximum", 1000))
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        item = _from_schema(schema.get("items", {}), where + "[]", depth)
        size = max(schema.get("minItems", 0), 1)
        unique = schema.get("uniqueItems", False)
        return st.lists(item, min_size=size, max_size=size + 1, unique=unique)
    if kind == "object":
        return _object(schema, where, depth)
    return st.just(None)  # a field's example: set to its declared type by the fix-ups


def _object(schema: dict[str, Any], where: str, depth: int) -> st.SearchStrategy[Json]:
    properties = schema.get("properties", {})
    if properties:
        required = set(schema.get("required", ()))
        # Every key is there, so every field is attacked in every example; definitions that
        # recurse (an item of an item ...) stop after a few levels.
        keys = [name for name in properties if name in required or depth < 3]
        return st.fixed_dictionaries(
            {
                name: _from_schema(properties[name], f"{where}.{name}".lstrip("."), depth)
                for name in keys
            }
        )
    names = _HEADERS if where == "headers" else _NAMES
    value = _from_schema(schema["additionalProperties"], where + ".*", depth)
    return st.dictionaries(st.sampled_from(names), value, min_size=1, max_size=3)


ENTRY = _from_schema(SCHEMA, "")
_EXAMPLES: dict[str, Callable[[], Json]] = {
    "string": lambda: "<img src=x onerror=alert(1)> ``` {{x}}",
    "integer": lambda: 7,
    "number": lambda: 1e-7,
    "boolean": lambda: True,
    "array": lambda: ["</code>", "[x](javascript:alert(1))"],
    "object": lambda: {"<b>": "\x85\u2028 :smile:"},
}


def _typed(shape: dict[str, Json]) -> dict[str, Json]:
    """A field (or item, or member) whose type can hold what it says it holds: an array when it
    has items, an object when it has properties (one or the other, by its description)."""
    if "items" in shape and "properties" in shape:
        del shape["items" if len(str(shape.get("description"))) % 2 else "properties"]
    if "items" in shape:
        shape["type"] = "array"
    elif "properties" in shape:
        shape["type"] = "object"
    if "items" in shape:
        _typed(shape["items"])
    for member in shape.get("properties", {}).values():
        _typed(member)
    return shape


def _example(shape: dict[str, Json]) -> Json:
    """An example value of ``shape``, hostile where it is a string."""
    if "items" in shape:
        return [_example(shape["items"])]
    if "properties" in shape:
        return {name: _example(member) for name, member in shape["properties"].items()}
    return _EXAMPLES[shape["type"]]()


def fix_up(entry: dict[str, Json], code: str, codes: list[str], base_uri: str) -> dict[str, Json]:
    """``entry`` made valid under the semantic rules, keeping its hostile text."""
    entry = dict(entry)
    # Literal braces, so that no {placeholder} names an undeclared field.
    entry["detail"] = entry["detail"].replace("{", "{{").replace("}", "}}")
    for field in entry.get("fields", {}).values():
        field["example"] = _example(_typed(field))
    headers = {}
    for name, header in entry.get("headers", {}).items():
        if name.lower() != "content-type" and name.lower() not in {h.lower() for h in headers}:
            headers[name] = header
        if "value" in header:
            header["value"] = header["value"].replace("{", "{{").replace("}", "}}")
    if "headers" in entry:
        entry["headers"] = headers
    others = [other for other in codes if other != code]
    entry["related"] = others[:1]
    if "deprecated" in entry:
        entry["deprecated"] = (
            {**entry["deprecated"], "replaced_by": others[0]}
            if others
            else {k: v for k, v in entry["deprecated"].items() if k != "replaced_by"}
        )
    if "type" in entry:  # off-site: the page stays at base-uri + code
        entry["type"] = f"https://types.example/{code}/{entry['type']}"
    # One former type URI below base-uri (a redirect page), the others off-site.
    aliases = entry.get("aliases", [])
    entry["aliases"] = [
        f"{base_uri}moved/{code}/{path}" if index == 0 else f"https://old.example/{code}/{path}"
        for index, path in enumerate(aliases)
    ]
    for example in entry.get("examples", []):
        if example["kind"] == "response" and example["lang"].lower() == "json":
            example["lang"] = "text"  # a JSON response example must match its type (E051)
    return entry


@st.composite
def hostile_catalog(draw: st.DrawFn, base_uri: str, size: int = 2) -> dict[str, str]:
    """``{relative path: YAML text}`` of ``size`` hostile entries."""
    codes = [f"attack/case_{index}" for index in range(size)]
    files = {}
    for code in codes:
        entry = fix_up(draw(ENTRY), code, codes, base_uri)
        files[f"catalog/{code}.yaml"] = dump_yaml(entry)
    return files
