"""What one use of a name does to the catalog: constructs an entry, refers to one, or neither."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from errorbook.model import ErrorDef
from errorbook.source_check.facts import Argument, Use
from errorbook.source_check.resolve import Entity, Resolver


@dataclass(frozen=True, slots=True)
class Meaning:
    """A use, understood.

    Attributes:
        entity: What the chain stands for.
        missing_at: The index of the name the package lacks, or -1.
        entry: The catalog entry it constructs or refers to, if any.
        constructs: True when it creates an instance: a call of the class, a raise of the
            class itself, or the same through ``lookup("code")``.
        arguments: The arguments of that construction; None when they cannot be checked (an
            application subclass may take others).
        lookup: For a ``lookup(...)`` call: its literal key ("" when it is not a literal).
    """

    entity: Entity
    missing_at: int = -1
    entry: ErrorDef | None = None
    constructs: bool = False
    arguments: tuple[Argument, ...] | None = None
    lookup: str | None = None


def understand(use: Use, file: Path, resolver: Resolver) -> Meaning:
    """What ``use``, in ``file``, does."""
    entity, missing_at = resolver.chain(file, use.origin, use.names)
    kind = entity.kind
    if kind == "class":
        return _class_use(use, entity)
    if kind == "class-attribute":
        return Meaning(entity, entry=entity.entry)
    if kind == "function" and entity.name == "lookup" and use.kind == "call":
        return _lookup(use, entity, resolver)
    if kind == "app-def" and use.kind in ("call", "raise"):
        entry = resolver.subclassed_entry(entity)
        if entry is not None:
            return Meaning(entity, entry=entry, constructs=True)
    return Meaning(entity, missing_at)


def _class_use(use: Use, entity: Entity) -> Meaning:
    if use.kind == "call":
        return Meaning(entity, entry=entity.entry, constructs=True, arguments=use.arguments)
    if use.kind == "raise":
        return Meaning(entity, entry=entity.entry, constructs=True, arguments=())
    return Meaning(entity, entry=entity.entry)


def _lookup(use: Use, entity: Entity, resolver: Resolver) -> Meaning:
    key = use.literal
    if key is None:
        return Meaning(entity, lookup="")
    entry = resolver.api.keys.get(key)
    if entry is None or use.then is None:
        return Meaning(entity, entry=entry, lookup=key)
    arguments = use.then_arguments if use.then == "call" else ()
    return Meaning(entity, entry=entry, constructs=True, arguments=arguments, lookup=key)
