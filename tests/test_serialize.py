"""errorbook lays out indented JSON itself, for speed: it must be the standard library's, byte
for byte, or every committed schema and example would change; the only differences are the
ones YAML readers need (see `errorbook.core.escape.json_string`)."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from errorbook.core.serialize import dump_json, encoded, pretty_json

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner) | st.dictionaries(_KEYS, inner) | st.tuples(inner, inner),
    max_leaves=40,
)


_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _as_the_standard_library_writes_it(value: object) -> bool:
    """No code point YAML refuses, and no float written with an exponent but no dot."""
    if isinstance(value, str):
        return _YAML_UNSAFE.search(value) is None
    if isinstance(value, float):
        return "e" not in repr(value) or "." in repr(value)
    if isinstance(value, dict):
        return all(map(_as_the_standard_library_writes_it, [*value, *value.values()]))
    if isinstance(value, list | tuple):
        return all(map(_as_the_standard_library_writes_it, value))
    return True


@settings(max_examples=500)
@given(_VALUES)
def test_the_layout_is_the_standard_librarys(value: object) -> None:
    theirs = json.dumps(value, indent=2, ensure_ascii=False)
    if _as_the_standard_library_writes_it(value):
        assert pretty_json(value) == theirs
    else:  # the same values, as JSON reads them
        assert json.dumps(json.loads(pretty_json(value))) == json.dumps(json.loads(theirs))


def test_what_yaml_reads_differently_is_escaped() -> None:
    text = pretty_json({"a\x85": ["\x7f\u2028\ufeff\ufffe", 1e100, 5e-324, 1.5e300]})
    assert "\\u0085" in text and "\\u007f\\u2028\\ufeff\\ufffe" in text
    assert "1.0e+100" in text and "5.0e-324" in text and "1.5e+300" in text
    assert yaml.safe_load(text) == json.loads(text)


def test_a_file_ends_in_one_newline() -> None:
    assert dump_json({"a": [1, "é", {}]}) == '{\n  "a": [\n    1,\n    "é",\n    {}\n  ]\n}\n'


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"when": object()}, "Object of type object is not JSON serializable"),
        ({(1, 2): "pair"}, "keys must be str, int, float, bool or None"),
    ],
)
def test_what_json_cannot_carry_is_refused_as_json_refuses_it(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        pretty_json(value)
    with pytest.raises(TypeError):
        json.dumps(value, indent=2)


@settings(max_examples=200, deadline=None)
@given(_VALUES, _VALUES, st.text())
def test_a_part_written_ahead_is_placed_as_if_written_in_place(
    part: object, other: object, key: str
) -> None:
    # catalog.json and the combined schema include each entry's part as written last time.
    whole = {key: [other, part, {"nested": part}]}
    ahead = {key: [other, encoded(part), {"nested": encoded(part)}]}
    assert pretty_json(ahead) == pretty_json(whole)
