"""Composed YAML nodes → plain data, refusing on the way what an error catalog never needs.

`Builder` replaces PyYAML's constructor: it reports duplicate keys (PyYAML silently keeps the
last), aliases and merge keys, tags other than the plain ones, keys that are not text, scalars
no value exists for (2021-02-29, ``!!int abc``) and absurd nesting, each at its line and column.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from errorbook.core.diagnostics import Diagnostic
from errorbook.read.scalar_problems import INT_LIMIT, MAX_INT_DIGITS, too_long, unreadable

MAX_DEPTH = 32
TAG = "tag:yaml.org,2002:"
STR, SEQ, MAP, MERGE = TAG + "str", TAG + "seq", TAG + "map", TAG + "merge"

_INT = TAG + "int"
_NULL = TAG + "null"
#: The texts YAML 1.1 resolves to null; anything else tagged !!null would be silently lost.
_NULL_SPELLINGS = frozenset(("", "~", "null", "Null", "NULL"))
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALARS: dict[str, Callable[[ScalarNode], Any]] = {
    _INT: _CONSTRUCTOR.construct_yaml_int,
    TAG + "float": _CONSTRUCTOR.construct_yaml_float,
    TAG + "bool": _CONSTRUCTOR.construct_yaml_bool,
    TAG + "null": _CONSTRUCTOR.construct_yaml_null,
    TAG + "timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}


def mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def too_deep(path: Path, line: int, column: int) -> Diagnostic:
    message = f"values are nested more than {MAX_DEPTH} levels deep"
    return Diagnostic(path, line, column, "E008", message, "flatten the structure")


def char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line)
    return lines[line - 1][column - 1 : column] if len(lines) >= line else ""


_SCALAR_KINDS = {"int": "an integer", "float": "a number", "bool": "a boolean", "null": "null"}


def tag_name(tag: str) -> str:
    """A tag as authors write it: ``!!int`` for YAML's own."""
    return "!!" + tag.removeprefix(TAG) if tag.startswith(TAG) else tag


class Builder:
    """Turns composed nodes into plain data, collecting every problem on the way."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Diagnostic] = []
        self._seen: set[int] = set()

    def build(self, node: Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            self.problems.append(too_deep(self.path, *mark(node)))
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if id(node) in self._seen:  # an alias the anchor screen did not see
            self._report(node, "E003", "YAML aliases are not allowed")
            return None
        self._seen.add(id(node))
        if isinstance(node, SequenceNode):
            self._check_tag(node, SEQ)
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            self._check_tag(node, MAP)
            return self._mapping(node, depth)
        return None

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == STR:
            return node.value
        construct = _SCALARS.get(node.tag)
        if construct is None:
            self._bad_tag(node)
            return None
        if node.tag == _NULL and node.value not in _NULL_SPELLINGS:
            # Only an explicit !!null gets here with other text, which PyYAML would drop.
            self._report(node, *unreadable("null", node.value, "", tagged="!!null"))
            return None
        if node.tag == _INT and len(node.value.replace("_", "")) > MAX_INT_DIGITS + 3:
            # Refused unbuilt: a long sexagesimal integer (1:2:3...) takes quadratic time.
            self._report(node, *too_long())
            return None
        try:
            value = construct(node)
        except (ValueError, KeyError, AttributeError, IndexError, OverflowError) as error:
            # PyYAML builds what its patterns match without checking it exists (2021-02-29,
            # 0x_), and trusts explicit tags blindly (!!int abc); either way it raises.
            tagged = tag_name(node.tag) if char_at(self.text, *mark(node)) == "!" else None
            kind = node.tag.removeprefix(TAG)
            self._report(node, *unreadable(kind, node.value, str(error), tagged=tagged))
            return None
        if type(value) is int and not -INT_LIMIT < value < INT_LIMIT:
            self._report(node, *too_long())
            return None
        return value

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key is None:
                continue
            if key in result:
                message = f"duplicate key '{key}' (first set on line {first_line[key]})"
                hint = "YAML would silently keep only the last value; merge the two or remove one"
                self._report(key_node, "E002", message, hint)
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        return result

    def _key(self, node: Node) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == STR:
            return str(node.value)
        if isinstance(node, ScalarNode) and node.tag == MERGE:
            hint = "write the keys out in full"
            self._report(node, "E003", "YAML merge keys (<<) are not allowed", hint)
        elif isinstance(node, ScalarNode) and node.tag in _SCALARS:
            kind = _SCALAR_KINDS.get(node.tag.removeprefix(TAG), "a date")
            message = f"key '{node.value}' is read as {kind}, not as text (YAML 1.1)"
            self._report(node, "E012", message, f"quote it: '{node.value}':")
        elif isinstance(node, ScalarNode):
            self._bad_tag(node)
        else:
            self._report(node, "E012", "a key must be plain text, not a list or a mapping")
        return None

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            self._bad_tag(node)

    def _bad_tag(self, node: Node) -> None:
        message = f"YAML tag '{tag_name(node.tag)}' is not allowed"
        hint = "entries hold plain strings, numbers, booleans, lists and mappings; remove the tag"
        self._report(node, "E004", message, hint)

    def _report(self, node: Node, code: str, message: str, hint: str | None = None) -> None:
        line, column = mark(node)
        self.problems.append(Diagnostic(self.path, line, column, code, message, hint))
