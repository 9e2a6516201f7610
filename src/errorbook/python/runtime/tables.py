"""What a problem class derives from its facts, made once.

A generated class states only its facts; everything the base needs to construct, check,
fill and serialise an instance quickly is derived here: when the class is made (`Tables`),
or, for what needs the JSON encoder, when an instance of it is first serialised
(`json_layout`).
"""

from __future__ import annotations

from operator import itemgetter

from .json_text import encode
from .values import KINDS

#: The members RFC 9457 defines.
STANDARD = frozenset(("type", "title", "status", "detail", "instance"))

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    #: One extension member: its JSON name, its Python attribute, its JSON type, and
    #: whether it is required.
    Member = tuple[str, str, str, bool]
    #: A detail template as a ``%`` format; what picks the values of its ``%s`` from the
    #: members' values (a tuple, in the member table's order); whether those are strings;
    #: and the position of each in the member table.
    Pick = Callable[[Sequence[object]], tuple[object, ...]]
    Plan = tuple[str, Pick, bool, tuple[int, ...]]
    #: The start of a class's JSON text, up to the detail's value, and the JSON key of
    #: each member (``,"apiId":``) with its attribute.
    Layout = tuple[str, tuple[tuple[str, str], ...]]
    #: One response header: its name and its value, a template of ``{member}``
    #: placeholders.
    Header = tuple[str, str]


class Tables:
    """What a class derives from its member table, detail template and headers."""

    __slots__ = (
        "attributes",
        "delays",
        "detail",
        "known",
        "names",
        "plan",
        "positions",
        "usual",
    )

    def __init__(
        self,
        members: Sequence[Member],
        template: str,
        headers: Sequence[Header],
    ) -> None:
        #: Each member's attribute, and its JSON name, in table order.
        self.attributes = tuple(attribute for _, attribute, _, _ in members)
        self.names = tuple(name for name, _, _, _ in members)
        #: The class each member's value usually has: values of exactly these classes
        #: need no further check.
        self.usual = tuple(KINDS[kind][0] for _, _, kind, _ in members)
        #: The position of each member in the table, by JSON name.
        self.positions = {name: index for index, name in enumerate(self.names)}
        #: Every member name a problem object of the class may have besides extensions.
        self.known = STANDARD | frozenset(self.names)
        #: How to fill the detail template, or None when it has no placeholders and
        #: ``detail`` is the text (its ``{{`` and ``}}`` unescaped).
        self.plan = _plan(template, members, self.positions)
        self.detail = template.format() if self.plan is None else template
        #: The members that are a Retry-After header's whole value: a number of seconds,
        #: so a whole number, 0 or more (RFC 9110 section 10.2.3).
        self.delays = _delays(headers, self.positions)


class _Placeholders(dict[str, str]):
    """Reads a ``{name}`` template's placeholders, in order, while it is formatted."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def __missing__(self, name: str) -> str:
        self.names.append(name)
        return "%s"


def _plan(
    template: str,
    members: Sequence[Member],
    positions: dict[str, int],
) -> Plan | None:
    """The detail template as a ``%`` format, which fills several times faster than
    ``str.format``; None when it has no placeholders."""
    placeholders = _Placeholders()
    percent = template.replace("%", "%%").format_map(placeholders)
    if not placeholders.names:
        return None
    unknown = [name for name in placeholders.names if name not in positions]
    if unknown:
        message = f"the detail template {template!r} names no member {unknown[0]}"
        raise TypeError(message)
    indices = tuple(positions[name] for name in placeholders.names)
    strings = all(members[index][2] == "string" for index in indices)
    # itemgetter picks in C; a slice, because one index alone would give no tuple.
    first = indices[0]
    many = len(indices) > 1
    pick = itemgetter(*indices) if many else itemgetter(slice(first, first + 1))
    return percent, pick, strings, indices


def _delays(headers: Sequence[Header], positions: dict[str, int]) -> tuple[int, ...]:
    found = []
    for name, template in headers:
        member = template[1:-1]
        if name.lower() == "retry-after" and template == f"{{{member}}}":
            found += [positions[member]] if member in positions else []
    return tuple(found)


def json_layout(
    type_uri: str,
    title: str,
    status: int,
    members: Sequence[Member],
) -> Layout:
    """The constant parts of a class's JSON text."""
    head = f'{{"type":{encode(type_uri)},"title":{encode(title)},"status":{status}'
    keys = tuple((f",{encode(name)}:", attribute) for name, attribute, _, _ in members)
    return head + ',"detail":', keys
