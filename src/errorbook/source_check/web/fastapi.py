"""FastAPI: ``@app.get(path)`` and friends, ``api_route``, ``add_api_route``, routers with their
prefixes, and the dependencies, middleware and exception handlers that run for a route."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from errorbook.source_check.facts import Expr
from errorbook.source_check.resolve import UNKNOWN, Entity, Resolver
from errorbook.source_check.web.context import (
    METHODS,
    Endpoint,
    FunctionKey,
    WebContext,
    argument,
    join_path,
    literal,
    openapi_path,
    strings,
)
from errorbook.source_check.web.mounts import Kit, Mounts

KIT = Kit(
    framework="fastapi",
    apps=frozenset({"fastapi.FastAPI", "fastapi.applications.FastAPI"}),
    routers=frozenset({"fastapi.APIRouter", "fastapi.routing.APIRouter"}),
    prefix="prefix",
    include="include_router",
    replaces=False,
    wide=frozenset({"middleware", "exception_handler"}),
    wide_calls=(("add_exception_handler", 1, "handler"),),
)
DEPENDS = frozenset({"fastapi.Depends", "fastapi.Security", "fastapi.params.Depends"})


def endpoints(context: WebContext) -> Iterator[Endpoint]:
    """Every operation of the FastAPI apps and routers in the source."""
    mounts = Mounts(context, KIT, lambda file, expr: dependencies(context, file, expr))
    if not mounts.objects:
        return
    for handler, decorator in context.decorated():
        router = mounts.receiver(handler[0], decorator)
        if router is None:
            continue
        methods = _methods(decorator)
        path = literal(argument(decorator, 0, "path"))
        if methods and path is not None:
            deps = dependencies(context, handler[0], decorator.keyword("dependencies"))
            yield from _served(mounts, router, methods, path, handler, deps)
    for file, call in context.registrations("add_api_route"):
        router = mounts.receiver(file, call)
        endpoint = context.function(file, argument(call, 1, "endpoint"))
        path = literal(argument(call, 0, "path"))
        if router is not None and endpoint is None:
            context.cannot_follow(file, call, "endpoint")
        elif router is not None and endpoint is not None and path is not None:
            methods = [m.lower() for m in strings(call.keyword("methods"))] or ["get"]
            deps = dependencies(context, file, call.keyword("dependencies"))
            yield from _served(mounts, router, methods, path, endpoint, deps)


def _methods(decorator: Expr) -> list[str]:
    if decorator.attribute in METHODS:
        return [decorator.attribute]
    if decorator.attribute == "api_route":
        return [method.lower() for method in strings(decorator.keyword("methods"))] or ["get"]
    return []


def _served(
    mounts: Mounts,
    router: tuple[Path, str],
    methods: list[str],
    path: str,
    handler: FunctionKey,
    deps: list[FunctionKey],
) -> Iterator[Endpoint]:
    for prefix, also in mounts.places(router):
        full = openapi_path(join_path(prefix, path) if prefix else path)
        for method in methods:
            yield Endpoint("fastapi", method, full, handler, (*also, *deps))


def dependencies(context: WebContext, file: Path, expr: Expr | None) -> list[FunctionKey]:
    """The functions of ``[Depends(check_key), ...]``."""
    keys = []
    for entity, where, call in dependency_entities(context.resolver, file, [expr] if expr else []):
        key = context.resolver.runs(entity)
        if key is not None:
            keys.append(key)
        elif entity.kind == "unknown":
            context.cannot_follow(where, call, "dependency")
    return keys


def dependency_entities(
    resolver: Resolver, file: Path, items: Iterable[Expr], depth: int = 0
) -> Iterator[tuple[Entity, Path, Expr]]:
    """What the ``Depends(...)`` among ``items`` call, each with the file and the call: found
    in lists, in ``Annotated`` metadata, and through aliases such as ``Caller =
    Annotated[Key, Depends(root_key)]``. A dependency that a call makes
    (``Depends(require("admin"))``) is `UNKNOWN`: which function runs is known at run time."""
    for item in items:
        if item.kind == "list":
            yield from dependency_entities(resolver, file, item.items, depth)
            continue
        if item.origin is None:
            continue
        entity, _ = resolver.chain(file, item.origin, item.names)
        if item.kind == "ref" and entity.kind == "app-var" and entity.file and depth < 5:
            values = [
                a.value for a in resolver.facts[entity.file].assignments if a.key == entity.name
            ]
            yield from dependency_entities(resolver, entity.file, values, depth + 1)
        elif item.kind == "call" and entity.kind == "external" and entity.name in DEPENDS:
            target = argument(item, 0, "dependency")
            if target is not None and target.kind == "ref" and target.origin is not None:
                yield resolver.chain(file, target.origin, target.names)[0], file, item
            elif target is not None:
                yield UNKNOWN, file, item
