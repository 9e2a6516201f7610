"""Django URLconfs: ``urlpatterns`` lists of ``path()`` and ``re_path()``, ``include()`` of other
URLconfs, function views (their methods from ``require_http_methods`` and friends, else any
method) and class-based views (``View.as_view()``: one operation per method it defines)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from errorbook.source_check.facts import Assignment, Expr
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

_URLS = ("django.urls", "django.conf.urls")
_ROUTES = {"path": False, "re_path": True, "url": True}
_RESTRICT = {
    "require_GET": ["get"],
    "require_POST": ["post"],
    "require_safe": ["get", "head"],
}
_NAMED_GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>[^)]*\)")
_URLCONF = ":urlpatterns"
#: Each URLconf module and its ``urlpatterns`` assignments.
Tables = dict[Path, list[Assignment]]


def endpoints(context: WebContext) -> Iterator[Endpoint]:
    """Every operation of the URLconfs in the source, from each URLconf no other includes."""
    tables = {
        path: assignments
        for (path, key), assignments in context.assignments.items()
        if key == _URLCONF
    }
    included = {child for path in tables for child, _ in _includes(context, path, tables)}
    for path in sorted(set(tables) - included):
        yield from _table(context, path, tables, "", frozenset({path}))


def _patterns(context: WebContext, path: Path, tables: Tables) -> Iterator[Expr]:
    for assignment in tables.get(path, ()):
        if assignment.value.kind == "list":
            yield from assignment.value.items


def _route(context: WebContext, file: Path, pattern: Expr) -> tuple[str, Expr | None] | None:
    """A ``path("route", view)`` item: its route as a path, and its view argument."""
    if pattern.kind != "call":
        return None
    module, _, name = context.external(file, pattern).rpartition(".")
    if module not in _URLS or name not in _ROUTES:
        return None
    route = literal(argument(pattern, 0, "route")) or ""
    if _ROUTES[name]:
        route = _NAMED_GROUP.sub(r"{\1}", route.removeprefix("^").removesuffix("$"))
    return route, argument(pattern, 1, "view")


def _includes(context: WebContext, path: Path, tables: Tables) -> Iterator[tuple[Path, str]]:
    for pattern in _patterns(context, path, tables):
        found = _route(context, path, pattern)
        if found is not None and found[1] is not None:
            target = _included(context, path, found[1])
            if target is not None:
                yield target, found[0]


def _is_include(context: WebContext, file: Path, view: Expr) -> bool:
    return view.kind == "call" and context.external(file, view) in {f"{m}.include" for m in _URLS}


def _included(context: WebContext, file: Path, view: Expr) -> Path | None:
    """The URLconf file an ``include("app.urls")`` or ``include(urls)`` view names."""
    if not _is_include(context, file, view):
        return None
    target = argument(view, 0, "arg")
    if target is not None and target.kind == "list" and target.items:
        target = target.items[0]  # include((patterns, "app_name"))
    name = literal(target)
    entity = context.resolver.module(name) if name is not None else context.entity(file, target)
    return entity.file if entity.kind == "app-module" and entity.file is not None else None


def _table(
    context: WebContext,
    path: Path,
    tables: Tables,
    prefix: str,
    seen: frozenset[Path],
) -> Iterator[Endpoint]:
    for pattern in _patterns(context, path, tables):
        found = _route(context, path, pattern)
        if found is None:
            continue
        route, view = found
        if view is None:
            continue
        child = _included(context, path, view)
        if child is not None:
            if child not in seen:
                yield from _table(context, child, tables, prefix + route, seen | {child})
            continue
        if _is_include(context, path, view):
            context.cannot_follow(path, view, "URLconf")
            continue
        full = openapi_path(join_path(prefix + route) if prefix + route else "/")
        for method, handler in _views(context, path, view):
            yield Endpoint("django", method, full, handler)


def _views(context: WebContext, file: Path, view: Expr) -> Iterator[tuple[str, FunctionKey]]:
    """Each method a view serves, and the function that serves it."""
    if view.kind == "call" and view.attribute == "as_view" and view.origin is not None:
        owner = context.resolver.chain(file, view.origin, view.names[:-1])[0]
        info = context.resolver.class_info(owner)
        if info is not None and owner.file is not None:
            for method in info.methods:
                if method in METHODS:
                    yield method, (owner.file, f"{owner.name}.{method}")
        return
    handler = context.function(file, view)
    if handler is not None:
        for method in _restricted(context, handler) or ["*"]:
            yield method, handler


def _restricted(context: WebContext, handler: FunctionKey) -> list[str]:
    """The methods a function view's decorators allow; empty when it takes any."""
    function = context.functions[handler]
    for decorator in function.decorators:
        name = context.external(handler[0], decorator).rpartition(".")[2]
        if name in _RESTRICT:
            return _RESTRICT[name]
        if name == "require_http_methods" and decorator.kind == "call":
            return [m.lower() for m in strings(argument(decorator, 0, "request_method_list"))]
    return []
