"""Which names a scope binds, and to what: Python's own scoping rules, read from the syntax tree.

A name assigned anywhere in a function is local to the whole function, so bindings are
collected for a whole scope before its body is read, without following the control flow. A
name bound by one import (or one definition) is known; bound in two different ways, or by an
ordinary assignment, it could hold anything, and is treated as unknown rather than guessed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from errorbook.source_check.facts import Origin
from errorbook.source_check.summary import tracked_value

#: A name bound by something other than an import, a definition or a tracked variable.
UNKNOWN: None = None
#: What a scope maps each of its names to.
Bindings = dict[str, Origin | None]


class Scope:
    """A module, class or function scope, with its bindings and the scope it is nested in."""

    __slots__ = ("bindings", "is_class", "outer", "qualname", "skip")

    def __init__(
        self, qualname: str, bindings: Bindings, outer: Scope | None, *, is_class: bool = False
    ) -> None:
        self.qualname = qualname
        self.bindings = bindings
        self.outer = outer
        self.is_class = is_class
        #: Names declared ``global`` or ``nonlocal`` here: looked up further out.
        self.skip: frozenset[str] = frozenset()

    def lookup(self, name: str) -> Origin | None:
        """What ``name`` stands for here; None when it is bound in a way that is not tracked."""
        scope: Scope | None = self
        first = True
        while scope is not None:
            # Class bodies are not enclosing scopes for the functions defined in them.
            if (first or not scope.is_class) and name not in scope.skip and name in scope.bindings:
                return scope.bindings[name]
            first = False
            scope = scope.outer
        return Origin("builtin", name=name)

    def child_name(self, name: str) -> str:
        """The qualified name of a definition made in this scope."""
        return f"{self.qualname}.{name}" if self.qualname else name

    @property
    def key(self) -> str:
        """The prefix of the keys of variables assigned in this scope (see `Origin`)."""
        return self.qualname + ":"


def collect(body: Iterable[ast.stmt], scope: Scope) -> None:
    """Fill ``scope.bindings`` with every name the statements bind, without entering nested
    function or class bodies (their names belong to their own scopes)."""
    skip: set[str] = set()
    for statement in body:
        _statement(statement, scope, skip)
    scope.skip = frozenset(skip)


def bind_parameters(arguments: ast.arguments, bindings: Bindings) -> None:
    """A function's parameters are local names holding whatever the caller passes."""
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
    for argument in every:
        bindings[argument.arg] = UNKNOWN


def _bind(bindings: Bindings, name: str, origin: Origin | None) -> None:
    if name not in bindings:
        bindings[name] = origin
    elif bindings[name] != origin:
        bindings[name] = UNKNOWN


def _statement(node: ast.stmt, scope: Scope, skip: set[str]) -> None:
    bindings = scope.bindings
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                _bind(bindings, alias.asname, Origin("import", alias.name))
            else:
                top = alias.name.partition(".")[0]
                _bind(bindings, top, Origin("import", top))
    elif isinstance(node, ast.ImportFrom):
        for alias in node.names:
            if alias.name != "*":
                origin = Origin("from", node.module or "", alias.name, node.level)
                _bind(bindings, alias.asname or alias.name, origin)
    elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        _bind(bindings, node.name, Origin("def", name=scope.child_name(node.name)))
    elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
        _assignment(node, scope)
    elif isinstance(node, ast.Global | ast.Nonlocal):
        skip.update(node.names)
    elif type(node) in _COMPOUND:
        _compound(node, scope, skip)


def _assignment(node: ast.Assign | ast.AnnAssign | ast.AugAssign, scope: Scope) -> None:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    tracked = (
        len(targets) == 1
        and isinstance(targets[0], ast.Name)
        and node.value is not None
        and tracked_value(node.value)
    )
    for target in targets:
        for name in target_names(target):
            origin = Origin("var", name=scope.key + name) if tracked else UNKNOWN
            if isinstance(node, ast.AugAssign) and scope.bindings.get(name) == origin:
                continue
            _bind(scope.bindings, name, origin)


#: Statements that hold statements; every other one binds nothing or was handled above.
_COMPOUND = frozenset(
    {ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.TryStar}
    | {ast.Match}
)


def _compound(node: ast.stmt, scope: Scope, skip: set[str]) -> None:
    """Statements that hold statements: their bodies bind in the same scope."""
    if isinstance(node, ast.For | ast.AsyncFor):
        for name in target_names(node.target):
            _bind(scope.bindings, name, UNKNOWN)
    elif isinstance(node, ast.With | ast.AsyncWith):
        for item in node.items:
            if item.optional_vars is not None:
                for name in target_names(item.optional_vars):
                    _bind(scope.bindings, name, UNKNOWN)
    elif isinstance(node, ast.Try | ast.TryStar):
        for handler in node.handlers:
            if handler.name:
                _bind(scope.bindings, handler.name, UNKNOWN)
            for statement in handler.body:
                _statement(statement, scope, skip)
    elif isinstance(node, ast.Match):
        for case in node.cases:
            for statement in case.body:
                _statement(statement, scope, skip)
    for field in ("body", "orelse", "finalbody"):
        for statement in getattr(node, field, ()):
            _statement(statement, scope, skip)


def target_names(target: ast.expr) -> list[str]:
    """The names an assignment target binds: ``a``, ``a, (b, *c)``; none for ``a.b`` or
    ``a[0]``."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [name for item in target.elts for name in target_names(item)]
    if isinstance(target, ast.Starred):
        return target_names(target.value)
    return []
