"""The route map: for every HTTP operation of the application, the catalog errors it may raise.

The frameworks' modules (`errorbook.source_check.web`) find the operations and the function
that handles each, with what runs around it (FastAPI dependencies, middleware, error handlers). From
there the errors are collected through the call graph: every function of the application that a
handler calls by name, directly or through imports, any depth; a cycle is visited once. A call
whose target depends on a value (``service.fetch()``, ``lookup(name)``) is not followed: when
it could reach a function that raises catalog errors, the operation lists it as unresolved
instead of guessing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from errorbook.core.diagnostics import display_path
from errorbook.core.serialize import dump_json
from errorbook.source_check.facts import FileFacts, Function
from errorbook.source_check.files import SourceFiles
from errorbook.source_check.resolve import Resolver
from errorbook.source_check.uses import understand
from errorbook.source_check.web.context import Endpoint, FunctionKey, Unresolved, WebContext
from errorbook.source_check.web.endpoints import endpoints
from errorbook.source_check.web.fastapi import dependency_entities


@dataclass(frozen=True, slots=True)
class RaisedError:
    """A catalog error an operation may raise, and the first place found that raises it."""

    code: str
    status: int
    path: Path
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Operation:
    """One HTTP operation of the application.

    Attributes:
        method: ``get``, ``post``, ...; ``*`` for a view that takes every method.
        path: The OpenAPI path template: ``/v2/keys/{key_id}``.
        framework: ``fastapi``, ``flask``, ``litestar`` or ``django``.
        handler: The function that handles it: its file and qualified name.
        line: Where that function is defined; ``column`` likewise.
        errors: The catalog errors it may raise, by status and code.
        unresolved: Calls on its way that could reach more errors but cannot be followed.
    """

    method: str
    path: str
    framework: str
    handler: FunctionKey
    line: int
    column: int
    errors: tuple[RaisedError, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()


@dataclass
class _Graph:
    """Who calls whom, and what each function raises itself."""

    calls: dict[FunctionKey, set[FunctionKey]] = field(default_factory=dict)
    raises: dict[FunctionKey, list[RaisedError]] = field(default_factory=dict)
    dynamic: dict[FunctionKey, list[Unresolved]] = field(default_factory=dict)
    functions: dict[FunctionKey, Function] = field(default_factory=dict)


def route_map(
    files: SourceFiles, facts: Mapping[Path, FileFacts], resolver: Resolver
) -> tuple[list[Operation], list[Unresolved]]:
    """Every operation of the application's source files, sorted by path and method, and the
    registrations (a router, a view) that could not be followed."""
    sources = [facts[path] for path in files.sources if facts[path].problem is None]
    graph = _graph(sources, resolver)
    classes = {(item.path, info.qualname) for item in sources for info in item.classes}
    reaching = _names_that_raise(graph, classes)
    operations: dict[tuple[str, str, FunctionKey], Operation] = {}
    context = WebContext(resolver, sources)
    for endpoint in endpoints(context):
        operation = _operation(endpoint, graph, reaching)
        operations.setdefault((operation.path, operation.method, operation.handler), operation)
    ordered = sorted(operations.values(), key=lambda op: (op.path, _METHOD_ORDER.get(op.method, 9)))
    return ordered, context.unresolved


_METHOD_ORDER = {
    name: index
    for index, name in enumerate(("get", "put", "post", "delete", "options", "head", "patch"))
}


def _graph(sources: Iterable[FileFacts], resolver: Resolver) -> _Graph:
    graph = _Graph()
    for item in sources:
        keys = [(item.path, function.qualname) for function in item.functions]
        for key, function in zip(keys, item.functions, strict=True):
            graph.functions[key] = function
            graph.calls[key] = set()
            graph.raises[key] = []
            graph.dynamic[key] = [
                Unresolved(
                    f".{name}()",
                    "the method depends on the value it is called on",
                    item.path,
                    line,
                    column,
                )
                for name, line, column in function.dynamic
            ]
            _add_dependencies(graph, key, item.path, function, resolver)
        for use in item.uses:
            if use.function < 0:
                continue
            key = keys[use.function]
            meaning = understand(use, item.path, resolver)
            if meaning.constructs and meaning.entry is not None:
                entry = meaning.entry
                site = RaisedError(entry.code, entry.status, item.path, use.line, use.column)
                graph.raises[key].append(site)
            elif meaning.lookup == "":
                why = "lookup() of a computed key: the error depends on the value"
                graph.dynamic[key].append(
                    Unresolved("lookup(...)", why, item.path, use.line, use.column)
                )
            elif use.kind == "call":
                callee = resolver.runs(meaning.entity)
                if callee is not None:
                    graph.calls[key].add(callee)
    return graph


def _add_dependencies(
    graph: _Graph, key: FunctionKey, file: Path, function: Function, resolver: Resolver
) -> None:
    """The FastAPI dependencies of a function run when it is called: calls of it."""
    for entity, where, call in dependency_entities(resolver, file, function.dependencies):
        callee = resolver.runs(entity)
        if callee is not None:
            graph.calls[key].add(callee)
        elif entity.kind == "unknown":
            why = "the dependency is made by a call: which function runs is known at run time"
            note = Unresolved("Depends(...)", why, where, call.line, call.column)
            graph.dynamic[key].append(note)


def _names_that_raise(graph: _Graph, classes: set[FunctionKey]) -> frozenset[str]:
    """The names of the methods that raise a catalog error, themselves or through calls: a
    method call on a value (``service.fetch()``) could reach one of that name."""
    callers: dict[FunctionKey, set[FunctionKey]] = {}
    for caller, callees in graph.calls.items():
        for callee in callees:
            callers.setdefault(callee, set()).add(caller)
    raising = {key for key, sites in graph.raises.items() if sites}
    queue = deque(raising)
    while queue:
        for caller in callers.get(queue.popleft(), ()):
            if caller not in raising:
                raising.add(caller)
                queue.append(caller)
    return frozenset(
        qualname.rpartition(".")[2]
        for file, qualname in raising
        if (file, qualname.rpartition(".")[0]) in classes
    )


def _operation(endpoint: Endpoint, graph: _Graph, reaching: frozenset[str]) -> Operation:
    errors: dict[str, RaisedError] = {}
    unresolved: dict[tuple[str, Path, int, int], Unresolved] = {}
    seen = set()
    queue = deque([endpoint.handler, *endpoint.also])
    while queue:
        key = queue.popleft()
        if key in seen or key not in graph.functions:
            continue
        seen.add(key)
        for site in graph.raises[key]:
            errors.setdefault(site.code, site)
        for note in graph.dynamic[key]:
            if not note.call.startswith(".") or note.call[1:-2] in reaching:
                unresolved.setdefault((note.call, note.path, note.line, note.column), note)
        queue.extend(sorted(graph.calls[key]))
    handler = graph.functions.get(endpoint.handler)
    line, column = (handler.line, handler.column) if handler else (1, 1)
    return Operation(
        endpoint.method,
        endpoint.path,
        endpoint.framework,
        endpoint.handler,
        line,
        column,
        tuple(sorted(errors.values(), key=lambda e: (e.status, e.code))),
        tuple(sorted(unresolved.values(), key=lambda u: (str(u.path), u.line, u.column))),
    )


def render_routes(
    operations: Iterable[Operation],
    unresolved: Iterable[Unresolved] = (),
    cwd: Path | None = None,
) -> str:
    """The route map as JSON text: every operation with the catalog errors it may raise and
    the calls on its way that could not be followed, then the registrations of routes that
    could not be followed; paths relative to ``cwd``."""

    def where(path: Path, line: int, column: int) -> str:
        return f"{display_path(path, cwd)}:{line}:{column}"

    def notes(found: Iterable[Unresolved]) -> list[dict[str, str]]:
        return [
            {"call": u.call, "why": u.why, "at": where(u.path, u.line, u.column)} for u in found
        ]

    return dump_json(
        {
            "operations": [
                {
                    "method": op.method,
                    "path": op.path,
                    "framework": op.framework,
                    "handler": f"{display_path(op.handler[0], cwd)}:{op.handler[1]}",
                    "at": where(op.handler[0], op.line, op.column),
                    "errors": [
                        {"code": e.code, "status": e.status, "at": where(e.path, e.line, e.column)}
                        for e in op.errors
                    ],
                    "unresolved": notes(op.unresolved),
                }
                for op in operations
            ],
            "unresolved": notes(unresolved),
        }
    )
