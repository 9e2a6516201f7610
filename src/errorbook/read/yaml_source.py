"""Read one YAML entry safely and keep a way back from data paths to line and column.

Only `errorbook.read` reads YAML (`errorbook.machine.yaml_text` writes it). This module
composes with libyaml (the C loader) and has `errorbook.read.yaml_builder` build the plain data,
so it can refuse what an error catalog never needs and what makes YAML dangerous: anchors and
aliases (billion laughs), non-standard tags, duplicate keys (PyYAML silently keeps the last
one), and absurd nesting (libyaml's composer is recursive C code and crashes the process
somewhere past 20,000 levels).

Positions are not stored: a clean file never needs them. `locate` composes the text again
when a later stage has something to report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from errorbook.core.diagnostics import Diagnostic
from errorbook.disk import FileTooLarge, NotRegularFile, read_regular
from errorbook.read.yaml_builder import MAP, MAX_DEPTH, SEQ, STR, Builder, char_at, mark, too_deep
from errorbook.speed.pickling import Record

MAX_BYTES = 1 << 20
#: Below this many nesting indicators, libyaml's recursive composer cannot overflow its stack.
_SAFE_INDICATOR_COUNT = 10_000

if TYPE_CHECKING:
    _BaseLoader = yaml.SafeLoader
else:  # libyaml's composer, where PyYAML was built with it
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = _BaseLoader.yaml_implicit_resolvers


class _Loader(_BaseLoader):
    """The safe loader, with tag resolution trimmed to what a safe load without path resolvers
    does: the composer asks once per node, and PyYAML's general version is a visible share of
    loading a large catalog."""

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, pattern in _IMPLICIT.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return STR
        return SEQ if kind is SequenceNode else MAP

    def descend_resolver(self, current_node: Node | None, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


#: An anchor can only start a node: after an indicator or at the start of a line.
_MAYBE_ANCHOR = re.compile(r"(?:^|[-:?\[{,!])[ \t]*&[^\s]|^[^#\n]*\s!\S*[ \t]+&", re.MULTILINE)
_TAB_HINT = "YAML does not allow tabs for indentation; indent with spaces"
_YAML_HINTS = (
    (
        "mapping values are not allowed",
        "quote a value that contains ': ', or use a block scalar (|)",
    ),
    ("single document", "one entry per file: remove the '---' separator and split the file"),
    ("undefined alias", "anchors and aliases are not supported; write the value out in full"),
    (
        "could not find expected ':'",
        "a key needs ':' after it; quote text that spans several lines",
    ),
)


@dataclass(frozen=True, slots=True)
class Document(Record):
    """One parsed entry file: its path, its text, and its data as plain Python values."""

    path: Path
    text: str
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Location(Record):
    """Where a value (or its key) is: 1-based line and column, and the raw scalar text."""

    line: int
    column: int
    raw: str | None = None


PathItem = str | int


def read_document(path: Path) -> tuple[Document | None, list[Diagnostic]]:
    """Read and parse one entry file.

    Args:
        path: The YAML file.

    Returns:
        The document, or None when the file cannot be used; and every problem found in it.
    """
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileTooLarge as error:
        return None, [_too_large(path, error.size)]
    except NotRegularFile as error:
        message = f"the entry is {error.what}, not a regular file"
        return None, [Diagnostic(path, 1, 1, "E027", message)]
    except OSError as error:
        return None, [Diagnostic(path, 1, 1, "E001", f"cannot read the file: {error.strerror}")]
    return parse_document(path, raw)


def parse_document(path: Path, raw: bytes) -> tuple[Document | None, list[Diagnostic]]:
    """Parse the bytes of one entry file; see `read_document`."""
    if len(raw) > MAX_BYTES:
        return None, [_too_large(path, len(raw))]
    text, problem = _decode(path, raw)
    if problem:
        return None, [problem]
    problems = _screen(path, text)
    if problems:
        return None, problems
    try:
        root = _compose(text)
    except yaml.YAMLError as error:
        return None, [_syntax_problem(path, text, error)]
    if root is None:
        hint = "`errorbook new CODE` writes a complete skeleton to start from"
        return None, [Diagnostic(path, 1, 1, "E006", "the file is empty", hint)]
    builder = Builder(path, text)
    data = builder.build(root)
    if builder.problems:
        return None, builder.problems
    if not isinstance(data, dict):
        line, column = mark(root)
        message = (
            f"an entry must be a mapping of keys such as title: and status:, not {_kind(data)}"
        )
        return None, [Diagnostic(path, line, column, "E007", message)]
    return Document(path, text, data), []


def _too_large(path: Path, size: int) -> Diagnostic:
    message = f"the file is {size:,} bytes; an entry may have at most {MAX_BYTES:,}"
    return Diagnostic(path, 1, 1, "E009", message)


def locate(document: Document, path: Sequence[PathItem], *, key: bool = False) -> Location:
    """Find the line and column of the value at ``path`` (or of its key, with ``key=True``).

    When ``path`` leads nowhere (a missing key), the deepest node on the way is returned.
    """
    node = _compose(document.text)
    if node is None:
        return Location(1, 1)
    key_node: Node | None = None
    for item in path:
        child = _child(node, item)
        if child is None:
            break
        key_node, node = child
    target = key_node if key and key_node is not None else node
    line, column = mark(target)
    return Location(line, column, target.value if isinstance(target, ScalarNode) else None)


def _child(node: Node, item: PathItem) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == item:
                return key_node, value_node
    elif isinstance(node, SequenceNode) and isinstance(item, int) and 0 <= item < len(node.value):
        return None, node.value[item]
    return None


def _compose(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _decode(path: Path, raw: bytes) -> tuple[str, Diagnostic | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        message = (
            f"the file is not valid UTF-8: byte 0x{raw[error.start]:02x} cannot start a character"
        )
        hint = "save the file as UTF-8"
        return "", Diagnostic(path, line, column, "E005", message, hint)


def _screen(path: Path, text: str) -> list[Diagnostic]:
    """Refuse anchors and crash-deep nesting before libyaml composes the text."""
    # Every anchor has a '&': a text without one skips the costly search.
    maybe_anchor = "&" in text and _MAYBE_ANCHOR.search(text)
    if not maybe_anchor and _indicator_count(text) < _SAFE_INDICATOR_COUNT:
        return []
    problems: list[Diagnostic] = []
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                what = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
                sigil = "*" if what == "alias" else "&"
                message = f"YAML {what} '{sigil}{anchor}' is not allowed"
                hint = (
                    "anchors, aliases and << merge keys are refused; write each value out in full"
                )
                problems.append(Diagnostic(path, line, column, "E003", message, hint))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return [*problems, too_deep(path, line, column)]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is not None and "maximum nesting depth" in str(getattr(error, "problem", "")):
            # libyaml 0.2.6 (PyYAML 6.0.4 wheels) stops deep flow nesting in its scanner, ahead
            # of the events counted above: the same problem, so the same diagnostic.
            return [*problems, too_deep(path, mark.line + 1, mark.column + 1)]
        return [*problems, _syntax_problem(path, text, error)]
    return problems


def _indicator_count(text: str) -> int:
    return sum(text.count(c) for c in "[{-:?")


def _syntax_problem(path: Path, text: str, error: yaml.YAMLError) -> Diagnostic:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    else:
        offset = getattr(error, "position", 0) or 0
        line = text.count("\n", 0, offset) + 1
        column = offset - text.rfind("\n", 0, offset)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    message = f"invalid YAML: {context}, {problem}" if context else f"invalid YAML: {problem}"
    hint = next((tip for needle, tip in _YAML_HINTS if needle in message), None)
    if char_at(text, line, column) == "\t":
        hint = _TAB_HINT
    return Diagnostic(path, line, column, "E001", message, hint)


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a single string"
    return f"a single {type(value).__name__} value"


def read_setting(path: Path, key: str) -> tuple[str | None, Location] | None:
    """A top-level setting of another tool's YAML file (``site_url`` in mkdocs.yml), and where.

    The file is only composed, never constructed, so tags such as ``!!python/name:`` that
    MkDocs resolves are never run here. Returns None when the file cannot be read or parsed
    (that tool reports its own syntax errors). The value is None, at line 1 and with no
    ``raw`` text, when the key is absent; when it is not a plain string, the value is None at
    its position, and ``raw`` shows what it is instead (``5``, ``a list``; empty for null).
    """
    try:
        node = _compose(read_regular(path, MAX_BYTES).decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    found = _child(node, key) if node is not None else None
    if found is None:
        return None, Location(1, 1)
    _, value = found
    line, column = mark(value)
    if not isinstance(value, ScalarNode):
        kind = "a list" if isinstance(value, SequenceNode) else "a mapping"
        return None, Location(line, column, kind)
    text = value.value if value.tag == STR else None
    return text, Location(line, column, value.value)
