"""The catalog model: plain frozen dataclasses that every generator reads. No I/O here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import unquote

from errorbook.speed.pickling import Record

FieldType = Literal["string", "integer", "number", "boolean", "array", "object"]
ExampleKind = Literal["request", "fix", "response"]
Envelope = Literal["rfc9457", "wrapped"]
#: Who sends an error: the application's own code, something in front of it, or nothing yet.
RaisedBy = Literal["application", "external", "nobody"]
#: A JSON value as YAML delivers it: str, int, float, bool, None, list or dict.
JsonValue = object

#: The members RFC 9457 defines; an extension member may never take one of these names.
STANDARD_MEMBERS = ("type", "title", "status", "detail", "instance")

_PLACEHOLDER = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`*\[(\"'])")


@dataclass(frozen=True, slots=True)
class Step(Record):
    """A fix or a common mistake: Markdown text with an optional short bold title."""

    text: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Shape(Record):
    """What a value holds: its JSON type and, for an array or an object, what it holds in turn.

    ``items`` is the shape of every item of an array; ``properties`` are the members of an
    object. Both are empty when the catalog leaves them open (``list[Any]``, ``dict[str, Any]``).
    """

    type: FieldType
    description: str = ""
    items: Shape | None = None
    properties: tuple[Property, ...] = ()


@dataclass(frozen=True, slots=True)
class Property(Record):
    """A member of an object value: its name, its shape, and whether every object has it."""

    name: str
    shape: Shape
    required: bool = True


@dataclass(frozen=True, slots=True)
class Field(Record):
    """A typed extension member that occurrences of a problem type carry.

    An array or object member may say what it holds (``items``, ``properties``), recursively.
    """

    name: str
    type: FieldType
    description: str
    example: JsonValue
    required: bool = True
    items: Shape | None = None
    properties: tuple[Property, ...] = ()

    @property
    def shape(self) -> Shape:
        """The member's value as a `Shape`, for code that walks nested values."""
        return Shape(self.type, self.description, self.items, self.properties)


@dataclass(frozen=True, slots=True)
class Header(Record):
    """An HTTP response header the problem type sends; ``value`` may hold {placeholders}."""

    name: str
    description: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Example(Record):
    """A code sample: the failing request, the corrected request, or another sample."""

    kind: ExampleKind
    lang: str
    code: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Deprecation(Record):
    """Why and since when an entry is deprecated, and what replaces it."""

    since: str
    reason: str
    replaced_by: str | None = None


@dataclass(frozen=True, slots=True)
class ErrorDef(Record):
    """One error of the catalog, with every default already applied.

    ``code`` is the entry's path below the catalog folder without ``.yaml``
    (``unkey/authentication/key_not_found``); ``source`` is the file's path relative to the
    project root, in POSIX form, for generated-file headers and edit links. ``raised_by``
    says who sends it; ``errorbook check-source`` expects the application to raise only those
    of ``application``.
    """

    code: str
    type_uri: str
    status: int
    title: str
    detail: str
    description: str
    summary: str
    causes: tuple[str, ...]
    fixes: tuple[Step, ...]
    source: str
    mistakes: tuple[Step, ...] = ()
    fields: tuple[Field, ...] = ()
    headers: tuple[Header, ...] = ()
    examples: tuple[Example, ...] = ()
    related: tuple[str, ...] = ()
    since: str | None = None
    deprecated: Deprecation | None = None
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    raised_by: RaisedBy = "application"

    @property
    def segments(self) -> tuple[str, ...]:
        """The code split at ``/``: ``("unkey", "authentication", "key_not_found")``."""
        return tuple(self.code.split("/"))

    @property
    def folder(self) -> str:
        """The code without its last segment: ``unkey/authentication``."""
        return self.code.rpartition("/")[0]

    @property
    def name(self) -> str:
        """The last segment of the code: ``key_not_found``."""
        return self.code.rpartition("/")[2]

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The ``{names}`` used in ``detail``, in order of first use."""
        return placeholders(self.detail)


@dataclass(frozen=True)
class Catalog:
    """Every entry, sorted by code, plus the facts that hold for all of them."""

    base_uri: str
    envelope: Envelope
    entries: tuple[ErrorDef, ...]
    _by_code: Mapping[str, ErrorDef] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {entry.code: entry for entry in self.entries})

    def get(self, code: str) -> ErrorDef | None:
        """The entry with this code, or None."""
        return self._by_code.get(code)

    def __len__(self) -> int:
        return len(self.entries)


def placeholders(template: str) -> tuple[str, ...]:
    """The ``{name}`` placeholders of a detail or header template, in order, without repeats.

    ``{{`` and ``}}`` are literal braces, as in Python's str.format.
    """
    unescaped = template.replace("{{", "").replace("}}", "")
    return tuple(dict.fromkeys(_PLACEHOLDER.findall(unescaped)))


def first_sentence(markdown: str) -> str:
    """The first sentence of the first paragraph, on one line: the default summary."""
    paragraph = " ".join(markdown.strip().split("\n\n", 1)[0].split())
    return _SENTENCE_END.split(paragraph, maxsplit=1)[0]


def has_dot_segment(path: str) -> bool:
    """True when a URI path has a ``.`` or ``..`` segment, even percent-encoded (``%2e%2e``)."""
    return any(unquote(segment) in (".", "..") for segment in path.split("/"))
