"""What every framework reader needs: resolved summaries, the application's variables, and paths.

A framework's objects (a FastAPI app, a Flask blueprint, a Django URL table) are variables of
the application assigned a call or a list; their methods and decorators are read from the
summaries `extract` keeps, with every name resolved across files by the `Resolver`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from errorbook.source_check.facts import Assignment, Expr, FileFacts, Function
from errorbook.source_check.resolve import UNKNOWN, Entity, Resolver

#: A function of the application: its file and qualified name.
FunctionKey = tuple[Path, str]
#: A variable of the application: its file and key (see `facts.Origin`).
VariableKey = tuple[Path, str]
#: The HTTP methods, as OpenAPI names them.
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

_ANGLE = re.compile(r"<(?:[^<>:]+:)?([A-Za-z_][A-Za-z0-9_]*)>")
_BRACE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::[^{}]*)?\}")


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One operation a framework serves.

    Attributes:
        framework: Which framework declared it.
        method: The HTTP method in lower case, or ``*`` for any.
        path: The OpenAPI path template.
        handler: The function that handles it.
        also: Functions that run for it too: dependencies, middleware, error handlers.
    """

    framework: str
    method: str
    path: str
    handler: FunctionKey
    also: tuple[FunctionKey, ...] = ()


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A call the route map could not follow, at a place an operation reaches."""

    call: str
    why: str
    path: Path
    line: int
    column: int


class WebContext:
    """The application's source files as frameworks see them."""

    def __init__(self, resolver: Resolver, sources: Sequence[FileFacts]) -> None:
        self.resolver = resolver
        self.sources = sources
        self.assignments: dict[VariableKey, list[Assignment]] = {}
        self.functions: dict[FunctionKey, Function] = {}
        #: Registrations whose target could not be followed: said, never guessed.
        self.unresolved: list[Unresolved] = []
        for item in sources:
            for assignment in item.assignments:
                self.assignments.setdefault((item.path, assignment.key), []).append(assignment)
            for function in item.functions:
                self.functions[(item.path, function.qualname)] = function

    def entity(self, file: Path, expr: Expr | None) -> Entity:
        """What a ``ref`` stands for, or what a ``call`` calls."""
        if expr is None or expr.origin is None or not expr.names:
            return UNKNOWN
        return self.resolver.chain(file, expr.origin, expr.names)[0]

    def external(self, file: Path, expr: Expr | None) -> str:
        """The dotted name of a library object an expression names (``fastapi.FastAPI``), or
        ``""``."""
        entity = self.entity(file, expr)
        return entity.name if entity.kind == "external" else ""

    def function(self, file: Path, expr: Expr | None) -> FunctionKey | None:
        """The application function an expression names."""
        entity = self.entity(file, expr)
        if entity.kind != "app-def" or entity.file is None:
            return None
        key = (entity.file, entity.name)
        return key if key in self.functions else None

    def variable(self, file: Path, expr: Expr | None) -> VariableKey | None:
        """The application variable an expression names."""
        entity = self.entity(file, expr)
        if entity.kind == "app-var" and entity.file is not None:
            return (entity.file, entity.name)
        return None

    def made_by(self, variable: VariableKey) -> tuple[str, Expr] | None:
        """The library callable that made a variable (``flask.Flask``) and that call."""
        for assignment in self.assignments.get(variable, ()):
            if not assignment.augmented and assignment.value.kind == "call":
                return self.external(variable[0], assignment.value), assignment.value
        return None

    def decorated(self) -> Iterator[tuple[FunctionKey, Expr]]:
        """Every decorator of every function, with the function."""
        for item in self.sources:
            for function in item.functions:
                for decorator in function.decorators:
                    yield (item.path, function.qualname), decorator

    def cannot_follow(self, file: Path, call: Expr, what: str) -> None:
        """Record a registration whose ``what`` (a router, a view) is not a name to follow."""
        shown = ".".join(call.names) + "(...)"
        why = f"the {what} it registers is not a name check-source can follow"
        self.unresolved.append(Unresolved(shown, why, file, call.line, call.column))

    def registrations(self, method: str) -> Iterator[tuple[Path, Expr]]:
        """Every statement-level call of ``<object>.<method>(...)``."""
        for item in self.sources:
            for _, call in item.calls:
                if call.attribute == method:
                    yield item.path, call


def literal(expr: Expr | None) -> str | None:
    """The string a literal expression holds."""
    if expr is not None and expr.kind == "literal" and isinstance(expr.value, str):
        return expr.value
    return None


def strings(expr: Expr | None) -> list[str]:
    """The strings of a literal or a list of literals: ``["GET", "POST"]``."""
    if expr is None:
        return []
    if expr.kind == "list":
        return [text for item in expr.items if (text := literal(item)) is not None]
    text = literal(expr)
    return [] if text is None else [text]


def argument(call: Expr, position: int, keyword: str) -> Expr | None:
    """A call's argument, given by position or by keyword."""
    if len(call.items) > position:
        return call.items[position]
    return call.keyword(keyword)


def join_path(*parts: str) -> str:
    """Route parts joined with single slashes, keeping a trailing slash of the last part."""
    kept = [part for part in parts if part.strip("/")]
    joined = "/" + "/".join(part.strip("/") for part in kept)
    return joined + "/" if kept and kept[-1].endswith("/") else joined


def openapi_path(path: str) -> str:
    """A route as an OpenAPI path template: ``<int:key_id>`` and ``{key_id:int}`` become
    ``{key_id}``."""
    return _BRACE.sub(r"{\1}", _ANGLE.sub(r"{\1}", path))
