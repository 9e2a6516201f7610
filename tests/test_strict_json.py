"""The strict JSON reader of response examples: every refusal is NotStrictJSON, never a crash."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from errorbook.read.strict_json import NotStrictJSON, read_strict_json


@pytest.mark.parametrize(
    ("text", "problem", "line"),
    [
        ("[" * 5000 + "]" * 5000, "is nested too deeply to read", None),
        ('{"status":\n' + "9" * 5000 + "}", "has a number of 5,000 digits", 2),
        ('{"a": "NaN",\n "b": NaN}', "NaN is not a JSON value", 2),
        ('{"a": Infinity}', "Infinity is not a JSON value", 1),
        ('{"status": 404, "status": 500}', 'the key "status" appears twice', None),
        ('{"a": {"k": 1, "k": 1}}', 'the key "k" appears twice', None),
        ('{"a": 1,\n"b": [1e999]}', "1e999 becomes infinity", 2),
        ('{"a": 1,}', "is not JSON: Expecting property name", 1),
    ],
)
def test_refusals_say_what_and_where(text: str, problem: str, line: int | None) -> None:
    with pytest.raises(NotStrictJSON) as caught:
        read_strict_json(text)
    assert problem in caught.value.problem
    assert caught.value.line == line


def test_strict_json_reads_as_json_does() -> None:
    assert read_strict_json('{"a": [1, 2.5, -3e2, null, true], "b": {"a": 1}}') == {
        "a": [1, 2.5, -300.0, None, True],
        "b": {"a": 1},
    }


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('[]{}",:0123456789.eE-+ \nNaInfty\\u')), max_size=80))
def test_no_text_makes_the_reader_raise_anything_else(text: str) -> None:
    with contextlib.suppress(NotStrictJSON):
        read_strict_json(text)
