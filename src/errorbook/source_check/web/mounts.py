"""Apps and the routers mounted on them, as FastAPI and Flask build them: where each route ends up.

A route declared on a router (a FastAPI ``APIRouter``, a Flask ``Blueprint``) is served below
every place the router is mounted, ``app.include_router(router, prefix="/v2")``, through any
number of routers; a router mounted nowhere serves its routes at its own prefix. Each place also
brings what runs for every route there: FastAPI's router and app dependencies, the app's
middleware and error handlers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from errorbook.source_check.facts import Expr
from errorbook.source_check.web.context import (
    FunctionKey,
    VariableKey,
    WebContext,
    argument,
    join_path,
    literal,
)

#: Reads the functions a ``dependencies=[...]`` argument names (FastAPI only).
Dependencies = Callable[[Path, Expr | None], list[FunctionKey]]


@dataclass(frozen=True)
class Kit:
    """How one framework names its apps, routers and mounting calls.

    Attributes:
        framework: Its name in the route map.
        apps: The classes whose instances are applications.
        routers: The classes whose instances are routers.
        prefix: The constructor keyword of a router's own prefix.
        include: The method that mounts a router on an app or another router.
        replaces: Whether the mount's prefix replaces the router's own (Flask) or precedes it.
        wide: Decorators that register a function run for every route of the object.
        wide_calls: Methods that do the same, with the position and keyword of the function.
    """

    framework: str
    apps: frozenset[str]
    routers: frozenset[str]
    prefix: str
    include: str
    replaces: bool
    wide: frozenset[str]
    wide_calls: tuple[tuple[str, int, str], ...]


@dataclass
class _Object:
    is_app: bool
    prefix: str
    also: list[FunctionKey]
    parents: list[tuple[VariableKey, str | None, list[FunctionKey]]] = field(default_factory=list)


class Mounts:
    """The apps and routers of one framework, and where each is mounted."""

    def __init__(self, context: WebContext, kit: Kit, dependencies: Dependencies) -> None:
        self.context = context
        self.kit = kit
        self.objects: dict[VariableKey, _Object] = {}
        for variable in context.assignments:
            made = context.made_by(variable)
            if made is not None and made[0] in kit.apps | kit.routers:
                own = literal(made[1].keyword(kit.prefix)) or ""
                deps = dependencies(variable[0], made[1].keyword("dependencies"))
                self.objects[variable] = _Object(made[0] in kit.apps, own, deps)
        for file, call in context.registrations(kit.include):
            child_expr = argument(call, 0, "router") or call.keyword("blueprint")
            parent, child = self.receiver(file, call), context.variable(file, child_expr)
            if parent is not None and child not in self.objects:
                context.cannot_follow(file, call, "router")
            elif parent is not None and child is not None:
                prefix = literal(call.keyword(kit.prefix))
                deps = dependencies(file, call.keyword("dependencies"))
                self.objects[child].parents.append((parent, prefix, deps))
        self._wide()

    def receiver(self, file: Path, call: Expr) -> VariableKey | None:
        """The app or router whose method ``call`` calls (``router`` in ``router.get(...)``)."""
        if call.kind != "call" or len(call.names) < 2 or call.origin is None:
            return None
        entity, _ = self.context.resolver.chain(file, call.origin, call.names[:-1])
        if entity.kind != "app-var" or entity.file is None:
            return None
        key = (entity.file, entity.name)
        return key if key in self.objects else None

    def places(self, variable: VariableKey) -> list[tuple[str, tuple[FunctionKey, ...]]]:
        """Every prefix the object's routes are served at, with what runs for them there."""
        return list(self._places(variable, frozenset()))

    def _places(
        self, variable: VariableKey, seen: frozenset[VariableKey]
    ) -> Iterator[tuple[str, tuple[FunctionKey, ...]]]:
        node = self.objects[variable]
        mounted = [p for p in node.parents if p[0] in self.objects and p[0] not in seen]
        if node.is_app or not mounted:
            yield node.prefix, tuple(node.also)
            return
        for parent, prefix, deps in mounted:
            own = prefix if self.kit.replaces and prefix is not None else node.prefix
            before = "" if self.kit.replaces else prefix or ""
            for outer, also in self._places(parent, seen | {variable}):
                yield join_path(outer, before, own), (*also, *deps, *node.also)

    def _wide(self) -> None:
        for function, decorator in self.context.decorated():
            target = self.receiver(function[0], decorator)
            if target is not None and decorator.attribute in self.kit.wide:
                self.objects[target].also.append(function)
        for method, position, keyword in self.kit.wide_calls:
            for file, call in self.context.registrations(method):
                target = self.receiver(file, call)
                handler = self.context.function(file, argument(call, position, keyword))
                if target is not None and handler is not None:
                    self.objects[target].also.append(handler)
