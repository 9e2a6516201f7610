"""One Python file → its `FileFacts`, in a single walk over its syntax tree.

The file is parsed with `ast` and never imported or run. The walk records the uses of names
that come from the generated package or from the application's own modules and definitions
(the rest of the world, ``json`` or ``fastapi``, only matters where a framework registers a
route, and those places are summarised as `Expr`), the functions and classes, and the
registrations frameworks read. This runs in worker processes, so it returns plain records.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

from errorbook.source_check.expressions import ExpressionWalker
from errorbook.source_check.facts import (
    Assignment,
    ClassInfo,
    Expr,
    FileFacts,
    Function,
    Origin,
    StarImport,
    Unreadable,
    Use,
    UseKind,
)
from errorbook.source_check.scopes import Scope, bind_parameters, collect
from errorbook.source_check.summary import (
    annotated_calls,
    chain,
    summarize,
    tracked_value,
)

#: Methods frameworks register routes, routers, views and handlers with, called as statements.
REGISTRATIONS = frozenset(
    {
        "add_api_route",
        "add_exception_handler",
        "add_url_rule",
        "include_router",
        "register_blueprint",
        "register_error_handler",
    }
)


def extract(path: Path, interesting: frozenset[str], strings: bool = False) -> FileFacts:
    """Read and parse one file and collect its facts; a file that cannot be parsed gets a
    `facts.Unreadable` instead.

    Args:
        path: The file.
        interesting: The top-level module names whose imports matter: the generated
            package's and the application's.
        strings: Also collect string literals that could be a code or a type URI (for tests).
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        return FileFacts(path, problem=Unreadable(f"cannot read it: {error.strerror or error}"))
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    try:
        tree = ast.parse(data, filename=str(path))
    except SyntaxError as error:
        column = error.offset or 1
        return FileFacts(path, lines, problem=Unreadable(error.msg, error.lineno or 1, column))
    except RecursionError:  # the parser's own limit on nesting, e.g. a chain of 3,000 `+`
        return FileFacts(path, lines, problem=Unreadable("it is nested too deeply to parse"))
    walker = _Walker(interesting, strings)
    try:
        walker.module(tree)
    except RecursionError:
        problem = Unreadable("it is nested too deeply to analyse")
        return FileFacts(path, lines, problem=problem)
    return walker.facts(path, lines)


class _Walker(ExpressionWalker):
    """The whole walk: the expressions' walker, with the statements that define and import."""

    def __init__(self, interesting: frozenset[str], strings: bool) -> None:
        super().__init__(interesting, strings)
        self.functions: list[Function] = []
        self.classes: list[ClassInfo] = []
        self.assignments: list[Assignment] = []
        self.calls: list[tuple[int, Expr]] = []
        self.stars: list[StarImport] = []
        self.handlers |= {
            ast.Raise: self._raise,
            ast.Try: self._try,
            ast.TryStar: self._try,
            ast.Expr: self._expression_statement,
            ast.Assign: self._assign,
            ast.AugAssign: self._assign,
            ast.FunctionDef: self._function,
            ast.AsyncFunctionDef: self._function,
            ast.ClassDef: self._class,
            ast.Import: self._import,
            ast.ImportFrom: self._import_from,
        }

    def module(self, tree: ast.Module) -> None:
        collect(tree.body, self.top)
        for statement in tree.body:
            self.visit(statement)

    def facts(self, path: Path, lines: int) -> FileFacts:
        functions = tuple(
            replace(function, dynamic=tuple(found.values())) if found else function
            for function, found in zip(self.functions, self.dynamic, strict=True)
        )
        exports = tuple(
            (name, origin)
            for name, origin in self.top.bindings.items()
            if origin is not None and origin.kind != "builtin"
        )
        return FileFacts(
            path,
            lines,
            tuple(self.uses),
            functions,
            tuple(self.classes),
            tuple(self.assignments),
            tuple(self.calls),
            exports,
            tuple(self.stars),
            frozenset(self.strings),
        )

    def _raise(self, node: ast.Raise, kind: UseKind) -> None:
        if node.exc is not None:
            self.visit(node.exc, "raise")
        if node.cause is not None:
            self.visit(node.cause)

    def _try(self, node: ast.Try, kind: UseKind) -> None:
        self._visit_all(node.body)
        for handler in node.handlers:
            if handler.type is not None:
                self.visit(handler.type, "except")
            self._visit_all(handler.body)
        self._visit_all(node.orelse)
        self._visit_all(node.finalbody)

    def _expression_statement(self, node: ast.Expr, kind: UseKind) -> None:
        value = node.value
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr in REGISTRATIONS
        ):
            self.calls.append((self.function, summarize(value, self.scope)))
        self.visit(value)

    def _assign(self, node: ast.Assign | ast.AugAssign, kind: UseKind) -> None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        if (
            len(targets) == 1
            and isinstance(targets[0], ast.Name)
            and tracked_value(value)
            and not self.scope.is_class
            and (self.function < 0 or self._imported_call(value))
            and (isinstance(node, ast.Assign) or isinstance(node.op, ast.Add))
        ):
            key = self.scope.key + targets[0].id
            augmented = isinstance(node, ast.AugAssign)
            self.assignments.append(Assignment(key, summarize(value, self.scope), augmented))
        self.visit(value)
        for target in targets:
            if not isinstance(target, ast.Name):
                self.visit(target)

    def _imported_call(self, value: ast.expr) -> bool:
        """Whether a function's variable may hold a framework object (an app made in a
        factory function): a call of an imported name, not ``self.items.get(key)``."""
        found = chain(value.func) if isinstance(value, ast.Call) else None
        if found is None:
            return False
        origin = self.scope.lookup(found[0].id)
        return origin is not None and origin.kind in ("import", "from")

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef, kind: UseKind) -> None:
        outer = self.scope
        self._visit_all(node.decorator_list)
        dependencies = self._dependencies(node.args)
        if node.returns is not None:
            self.visit(node.returns)
        qualname = outer.child_name(node.name)
        decorators = tuple(summarize(item, outer) for item in node.decorator_list)
        line, column = node.lineno, node.col_offset + 1
        self.functions.append(Function(qualname, line, column, decorators, dependencies))
        self.dynamic.append({})
        inner = Scope(qualname, {}, outer)
        bind_parameters(node.args, inner.bindings)
        collect(node.body, inner)
        previous, self.function, self.scope = self.function, len(self.functions) - 1, inner
        self._visit_all(node.body)
        self.function, self.scope = previous, outer

    def _dependencies(self, args: ast.arguments) -> tuple[Expr, ...]:
        """Visit defaults and annotations (in the enclosing scope) and summarise the calls in
        them: where FastAPI declares dependencies, ``key=Depends(check)`` or ``Annotated[T,
        Depends(check)]``."""
        found: list[Expr] = []
        defaults = [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
        for default in defaults:
            self.visit(default)
            if isinstance(default, ast.Call):
                found.append(summarize(default, self.scope))
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        for argument in every:
            if argument is None or argument.annotation is None:
                continue
            annotation = argument.annotation
            self.visit(annotation)
            calls = annotated_calls(annotation)
            if calls is not None:
                found += [summarize(call, self.scope) for call in calls]
            elif chain(annotation) is not None:  # Caller = Annotated[Key, Depends(check)]
                found.append(summarize(annotation, self.scope))
        return tuple(found)

    def _class(self, node: ast.ClassDef, kind: UseKind) -> None:
        outer = self.scope
        self._visit_all(node.decorator_list)
        for base in node.bases:
            self.visit(base, "subclass")
        for keyword in node.keywords:
            self.visit(keyword.value)
        qualname = outer.child_name(node.name)
        inner = Scope(qualname, {}, outer, is_class=True)
        collect(node.body, inner)
        self.classes.append(
            ClassInfo(
                qualname,
                node.lineno,
                node.col_offset + 1,
                tuple(summarize(base, outer) for base in node.bases),
                tuple(summarize(item, outer) for item in node.decorator_list),
                _class_attributes(node, inner),
                tuple(
                    item.name
                    for item in node.body
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                ),
            )
        )
        self.scope = inner
        self._visit_all(node.body)
        self.scope = outer

    def _import(self, node: ast.Import, kind: UseKind) -> None:
        for alias in node.names:
            origin = Origin("import", alias.name)
            if self._interesting(origin):
                local = alias.asname or alias.name.partition(".")[0]
                self._import_use(origin, local, alias)

    def _import_from(self, node: ast.ImportFrom, kind: UseKind) -> None:
        module = node.module or ""
        if not self._interesting(Origin("from", module, "", node.level)):
            return
        for alias in node.names:
            if alias.name == "*":
                line, column = alias.lineno, alias.col_offset + 1
                self.stars.append(StarImport(module, node.level, line, column))
            else:
                origin = Origin("from", module, alias.name, node.level)
                self._import_use(origin, alias.asname or alias.name, alias)

    def _import_use(self, origin: Origin, local: str, alias: ast.alias) -> None:
        where = (alias.lineno, alias.col_offset + 1)
        use = Use(origin, (local,), (where,), "import", *where, function=self.function)
        self.uses.append(use)


def _class_attributes(node: ast.ClassDef, scope: Scope) -> tuple[tuple[str, Expr], ...]:
    """Simple class attributes (``path = "/users"``), which some frameworks read."""
    found: list[tuple[str, Expr]] = []
    for item in node.body:
        if (
            isinstance(item, ast.Assign)
            and len(item.targets) == 1
            and isinstance(item.targets[0], ast.Name)
        ):
            found.append((item.targets[0].id, summarize(item.value, scope)))
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and item.value:
            found.append((item.target.id, summarize(item.value, scope)))
    return tuple(found)
