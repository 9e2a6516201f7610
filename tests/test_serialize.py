"""errorbook lays out indented JSON itself, for speed: it must be the standard library's, byte
for byte, or every committed schema and example would change."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from errorbook.core.serialize import dump_json, pretty_json

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner) | st.dictionaries(_KEYS, inner) | st.tuples(inner, inner),
    max_leaves=40,
)


@settings(max_examples=500)
@given(_VALUES)
def test_the_layout_is_the_standard_librarys(value: object) -> None:
    assert pretty_json(value) == json.dumps(value, indent=2, ensure_ascii=False)


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
