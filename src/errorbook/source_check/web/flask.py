"""Flask: ``@app.route(rule, methods=...)``, ``@app.get(rule)`` and friends, ``add_url_rule``,
blueprints with their ``url_prefix``, and the error handlers and ``before_request`` hooks that
run for a route."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from errorbook.source_check.facts import Expr
from errorbook.source_check.web.context import (
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
    framework="flask",
    apps=frozenset({"flask.Flask", "flask.app.Flask"}),
    routers=frozenset({"flask.Blueprint", "flask.blueprints.Blueprint"}),
    prefix="url_prefix",
    include="register_blueprint",
    replaces=True,
    wide=frozenset({"errorhandler", "app_errorhandler", "before_request", "before_app_request"}),
    wide_calls=(("register_error_handler", 1, "f"),),
)
_SHORTCUTS = frozenset({"get", "post", "put", "delete", "patch"})


def endpoints(context: WebContext) -> Iterator[Endpoint]:
    """Every operation of the Flask apps and blueprints in the source."""
    mounts = Mounts(context, KIT, lambda file, expr: [])
    if not mounts.objects:
        return
    for handler, decorator in context.decorated():
        target = mounts.receiver(handler[0], decorator)
        if target is None or decorator.attribute not in _SHORTCUTS | {"route"}:
            continue
        rule = literal(argument(decorator, 0, "rule"))
        if rule is not None:
            yield from _served(mounts, target, _methods(decorator), rule, handler)
    for file, call in context.registrations("add_url_rule"):
        target = mounts.receiver(file, call)
        view = context.function(file, argument(call, 2, "view_func"))
        rule = literal(argument(call, 0, "rule"))
        if target is not None and view is None:
            context.cannot_follow(file, call, "view function")
        elif target is not None and view is not None and rule is not None:
            yield from _served(mounts, target, _methods(call), rule, view)


def _methods(call: Expr) -> list[str]:
    if call.attribute in _SHORTCUTS:
        return [call.attribute]
    return [method.lower() for method in strings(call.keyword("methods"))] or ["get"]


def _served(
    mounts: Mounts, target: tuple[Path, str], methods: list[str], rule: str, handler: FunctionKey
) -> Iterator[Endpoint]:
    for prefix, also in mounts.places(target):
        path = openapi_path(join_path(prefix, rule))
        for method in methods:
            yield Endpoint("flask", method, path, handler, also)
