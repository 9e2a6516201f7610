"""Litestar: handlers decorated with ``@get(path)``, ``@post``, ... or ``@route(path,
http_method=...)``, controllers with their ``path``, and the routers and app that list them in
``route_handlers``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from errorbook.source_check.facts import Expr
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

_MODULES = ("litestar", "litestar.handlers", "litestar.handlers.http_handlers.decorators")
_CONTAINERS = {"litestar.Litestar": "", "litestar.app.Litestar": "", "litestar.Router": "path"}
_CONTROLLERS = frozenset({"litestar.Controller", "litestar.controller.Controller"})
#: What ``route_handlers`` items and their containers are: a function, a class or a variable.
_Item = tuple[Path, str]


def endpoints(context: WebContext) -> Iterator[Endpoint]:
    """Every operation of the Litestar handlers in the source."""
    handlers = list(_handlers(context))
    if not handlers:
        return
    listed = _listings(context)
    for handler, methods, paths in handlers:
        owner = (handler[0], handler[1].rpartition(".")[0])
        controller = _controller_path(context, owner)
        item = owner if controller is not None else handler
        for prefix in _places(item, listed, frozenset()):
            for path in paths:
                full = openapi_path(join_path(prefix, controller or "", path))
                for method in methods:
                    yield Endpoint("litestar", method, full, handler)


def _handlers(context: WebContext) -> Iterator[tuple[FunctionKey, list[str], list[str]]]:
    for handler, decorator in context.decorated():
        name = context.external(handler[0], decorator)
        module, _, kind = name.rpartition(".")
        if module not in _MODULES or decorator.kind != "call":
            continue
        if kind in METHODS:
            methods = [kind]
        elif kind == "route":
            methods = _http_methods(decorator.keyword("http_method"))
        else:
            continue
        paths = strings(argument(decorator, 0, "path")) or ["/"]
        yield handler, methods, paths


def _http_methods(expr: Expr | None) -> list[str]:
    """``http_method="GET"``, ``[HttpMethod.GET, "POST"]`` and the like."""
    if expr is None:
        return []
    items = expr.items if expr.kind == "list" else (expr,)
    found = [literal(item) or (item.names[-1] if item.kind == "ref" else "") for item in items]
    return [method.lower() for method in found if method.lower() in METHODS]


def _controller_path(context: WebContext, owner: _Item) -> str | None:
    """The ``path`` of the controller class a handler is a method of, or None."""
    item = next((i for i in context.sources if i.path == owner[0]), None)
    info = next((c for c in item.classes if c.qualname == owner[1]), None) if item else None
    if info is None:
        return None
    if not any(context.external(owner[0], base) in _CONTROLLERS for base in info.bases):
        return None
    return next((literal(v) or "" for name, v in info.attributes if name == "path"), "")


def _listings(context: WebContext) -> dict[_Item, list[tuple[_Item, str]]]:
    """For each handler, controller or router: the routers and apps that list it, with their
    paths."""
    listed: dict[_Item, list[tuple[_Item, str]]] = {}
    for variable in context.assignments:
        made = context.made_by(variable)
        if made is None or made[0] not in _CONTAINERS:
            continue
        name, call = made
        keyword = _CONTAINERS[name]
        own = literal(argument(call, 0, keyword)) or "" if keyword else ""
        items = call.keyword("route_handlers") or (call.items[-1] if call.items else None)
        for item in items.items if items is not None and items.kind == "list" else ():
            entity = context.entity(variable[0], item)
            if entity.file is not None and entity.kind in ("app-def", "app-var"):
                listed.setdefault((entity.file, entity.name), []).append((variable, own))
    return listed


def _places(
    item: _Item, listed: dict[_Item, list[tuple[_Item, str]]], seen: frozenset[_Item]
) -> Iterator[str]:
    parents = [(parent, own) for parent, own in listed.get(item, ()) if parent not in seen]
    if not parents:
        yield ""
        return
    for parent, own in parents:
        for outer in _places(parent, listed, seen | {item}):
            yield join_path(outer, own)
