"""The YAML reader: positions on tricky YAML, and no input that makes it raise or crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from errorbook.read.yaml_source import MAX_BYTES, Location, locate, parse_document

TRICKY = """\
# yaml-language-server: $schema=x.json
title: "Flow: style"
fixes: [plain, {title: T, text: "x"}, 'single']
description: |
  Block scalar
  over two lines.
causes:
  - first
  -   - nested
      - deeper: {k: v}
detail: >-
  folded
  text
fields:
  apiId: {type: string, description: d, example: "é€😀"}
"""


def doc():
    document, problems = parse_document(Path("t.yaml"), TRICKY.encode())
    assert document is not None, problems
    return document


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        (["title"], False, Location(2, 8, "Flow: style")),
        (["title"], True, Location(2, 1, "title")),
        (["fixes", 0], False, Location(3, 9, "plain")),
        (["fixes", 1, "text"], False, Location(3, 33, "x")),
        (["fixes", 1, "text"], True, Location(3, 27, "text")),
        (["fixes", 2], False, Location(3, 39, "single")),
        (["description"], False, Location(4, 14, "Block scalar\nover two lines.\n")),
        (["causes", 1, 0], False, Location(9, 9, "nested")),
        (["causes", 1, 1, "deeper", "k"], False, Location(10, 21, "v")),
        (["detail"], False, Location(11, 9, "folded text")),
        (["fields", "apiId", "example"], False, Location(15, 50, "é€😀")),
        (["fields", "apiId", "missing"], False, Location(15, 10, None)),
        ([], False, Location(2, 1, None)),
        (["causes", 7], False, Location(8, 3, None)),
    ],
)
def test_locate_points_at_the_value_or_key(path, key, expected) -> None:
    assert locate(doc(), path, key=key) == expected


def test_data_is_plain_python() -> None:
    data = doc().data
    assert data["fixes"] == ["plain", {"title": "T", "text": "x"}, "single"]
    assert data["causes"][1][1] == {"deeper": {"k": "v"}}
    assert data["fields"]["apiId"]["example"] == "é€😀"


def test_columns_count_characters_not_bytes() -> None:
    text = "title: é€😀\nstatus: x: y\n"
    _, problems = parse_document(Path("t.yaml"), text.encode())
    assert [(p.line, p.column) for p in problems] == [(2, 10)]


def test_nesting_that_crashes_libyaml_is_refused() -> None:
    # libyaml's recursive composer segfaults somewhere past 20,000 levels.
    for text in ("a: " + "[" * 100_000 + "]" * 100_000, "- " * 100_000 + "x"):
        document, problems = parse_document(Path("t.yaml"), text.encode())
        assert document is None
        assert [p.code for p in problems] == ["E008"]


def test_oversized_file_is_refused_before_parsing() -> None:
    document, problems = parse_document(Path("t.yaml"), b"a: " + b"x" * MAX_BYTES)
    assert document is None
    assert problems[0].code == "E009"
    assert "1,048,576" in problems[0].message


def test_billion_laughs_is_refused_without_expanding() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    document, problems = parse_document(Path("t.yaml"), "\n".join(lines).encode())
    assert document is None
    assert {p.code for p in problems} == {"E003"}
    assert (problems[0].line, problems[0].column) == (1, 5)


def test_byte_order_mark_is_accepted() -> None:
    document, problems = parse_document(Path("t.yaml"), b"\xef\xbb\xbftitle: T\n")
    assert problems == [] and document is not None
    assert document.data == {"title": "T"}


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("2021-02-29", "E012"),
        ("2020-13-45", "E012"),
        ("2020-01-01 25:00:00", "E012"),
        ("2020-01-01 10:00:00 +25:00", "E012"),
        ("0x_", "E012"),
        ("-0b_", "E012"),
        ("!!int abc", "E004"),
        ('!!int ""', "E004"),
        ("!!int 0x", "E004"),
        ("!!float abc", "E004"),
        ("!!bool maybe", "E004"),
        ("!!timestamp abc", "E004"),
        ("!<tag:yaml.org,2002:int> x", "E004"),
        ("9" * 5000, "E013"),
        ("0x" + "f" * 4000, "E013"),
        ("1:" * 400_000 + "1", "E013"),
    ],
)
def test_scalars_yaml_cannot_build_are_reported_where_they_are(value: str, code: str) -> None:
    document, problems = parse_document(Path("t.yaml"), f"title: T\nstatus: {value}\n".encode())
    assert document is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 9, code)]


def test_integers_python_can_print_are_kept() -> None:
    document, _ = parse_document(Path("t.yaml"), f"a: {'9' * 4300}\nb: 0x_1\n".encode())
    assert document is not None
    assert document.data["a"] == 10**4300 - 1 and document.data["b"] == 1


YAMLISH = st.text(
    alphabet=st.sampled_from(list(" \t\n-:?[]{},#&*!|>'\"%@`abcxyz019.é\x00\u2028")), max_size=200
)


@settings(max_examples=600, deadline=None)
@given(YAMLISH)
def test_no_text_makes_the_reader_raise(text: str) -> None:
    document, problems = parse_document(Path("t.yaml"), text.encode())
    assert (document is None) == bool(problems)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_no_bytes_make_the_reader_raise(raw: bytes) -> None:
    document, problems = parse_document(Path("t.yaml"), raw)
    assert (document is None) == bool(problems)
