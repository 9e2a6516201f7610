"""One Python file → its `FileFacts`, in a single walk over its syntax tree.

The file is parsed with `ast` and never imported or run. The walk records the uses of names
that come from the generated package or from the application's own modules and definitions
(the rest of the world, ``json`` or ``fastapi``, only matters where a framework registers a
route, and those places are summarised as `Expr`), the functions and classes, and the
registrations frameworks read. This runs in worker processes, so it returns plain records.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from errorbook.source_check.facts import (
    Argument,
    Assignment,
    ClassInfo,
    Expr,
    FileFacts,
    Function,
    Origin,
    StarImport,
    Then,
    Unreadable,
    Use,
    UseKind,
)
from errorbook.source_check.scopes import Scope, bind_parameters, collect
from errorbook.source_check.summary import (
    annotated_calls,
    arguments,
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
_SELF = frozenset({"self", "cls"})
_LONGEST_STRING = 300


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


class _Walker:
    """The walk itself: a dispatch on node type, with a plain walk over everything else."""

    def __init__(self, interesting: frozenset[str], strings: bool) -> None:
        self.interesting = interesting
        self.collect_strings = strings
        self.uses: list[Use] = []
        self.functions: list[Function] = []
        self.dynamic: list[dict[str, tuple[str, int, int]]] = []
        self.classes: list[ClassInfo] = []
        self.assignments: list[Assignment] = []
        self.calls: list[tuple[int, Expr]] = []
        self.stars: list[StarImport] = []
        self.strings: set[str] = set()
        self.scope = self.top = Scope("", {}, None)
        self.function = -1
        self.handlers: dict[type, Callable[[Any, UseKind], None]] = {
            ast.Name: self._name,
            ast.Attribute: self._attribute,
            ast.Call: self._call,
            ast.Constant: self._constant,
            ast.Tuple: self._tuple,
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
            ast.Load: _ignore,
            ast.Store: _ignore,
            ast.Del: _ignore,
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

    def visit(self, node: ast.AST, kind: UseKind = "reference") -> None:
        handler = self.handlers.get(type(node))
        if handler is not None:
            handler(node, kind)
            return
        fields = _CHILD_FIELDS.get(type(node))
        if fields is None:
            fields = _CHILD_FIELDS[type(node)] = _child_fields(node)
        for name in fields:
            value = getattr(node, name, None)
            if type(value) is list:
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit(item)
            elif isinstance(value, ast.AST):
                self.visit(value)

    def _visit_all(self, nodes: list[ast.expr] | list[ast.stmt]) -> None:
        for node in nodes:
            self.visit(node)

    def _interesting(self, origin: Origin) -> bool:
        if origin.kind == "def":
            return True
        if origin.kind in ("builtin", "var"):
            return False
        return origin.level > 0 or origin.module.partition(".")[0] in self.interesting

    def _record(
        self,
        root: ast.Name,
        attributes: list[ast.Attribute],
        kind: UseKind,
        origin: Origin,
        call: ast.Call | None = None,
        then: tuple[Then, tuple[Argument, ...]] | None = None,
    ) -> None:
        names = (root.id, *(attribute.attr for attribute in attributes))
        positions = (
            (root.lineno, root.col_offset + 1),
            *(
                (a.end_lineno or a.lineno, (a.end_col_offset or 0) - len(a.attr) + 1)
                for a in attributes
            ),
        )
        literal = None
        if call is not None and call.args:
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                literal = first.value
        use = Use(
            origin,
            names,
            positions,
            kind,
            root.lineno,
            root.col_offset + 1,
            arguments(call) if call is not None else (),
            literal,
            then[0] if then is not None else None,
            then[1] if then is not None else (),
            self.function,
        )
        self.uses.append(use)

    def _name(self, node: ast.Name, kind: UseKind) -> None:
        if node.ctx.__class__ is not ast.Load:
            return
        origin = self.scope.lookup(node.id)
        if origin is not None and self._interesting(origin):
            self._record(node, [], kind, origin)

    def _attribute(self, node: ast.Attribute, kind: UseKind) -> None:
        if node.ctx.__class__ is not ast.Load:
            return  # setting or deleting an attribute neither raises nor refers to an entry
        found = chain(node)
        if found is None:
            self.visit(node.value)
            return
        root, attributes = found
        origin = self.scope.lookup(root.id)
        if origin is not None and self._interesting(origin):
            self._record(root, attributes, kind, origin)

    def _call(
        self,
        node: ast.Call,
        kind: UseKind,
        then: tuple[Then, tuple[Argument, ...]] | None = None,
    ) -> None:
        func = node.func
        found = chain(func)
        if found is not None:
            if self._call_chain(node, found[0], found[1], kind, then):
                return
        elif isinstance(func, ast.Call):  # lookup("code")(...)
            self._call(func, "reference", ("call", arguments(node)))
        else:
            if isinstance(func, ast.Attribute):  # Service().fetch(), items[0].run()
                self._dynamic([func])
            self.visit(func)
        self._visit_all(node.args)
        for keyword in node.keywords:
            self.visit(keyword.value)

    def _call_chain(
        self,
        node: ast.Call,
        root: ast.Name,
        attributes: list[ast.Attribute],
        kind: UseKind,
        then: tuple[Then, tuple[Argument, ...]] | None,
    ) -> bool:
        """Record a call of a name chain; True when its arguments were visited too."""
        origin = self.scope.lookup(root.id)
        if kind == "raise":
            then = ("raise", ())
        if origin is None or origin.kind == "var":
            origin = self._self_method(root, attributes)
            if origin is None:
                self._dynamic(attributes)
                return False
            attributes = []  # the origin already names the method: `self.fetch` is Service.fetch
        if origin.kind == "builtin":
            if origin.name in ("isinstance", "issubclass") and len(node.args) == 2:
                self.visit(node.args[0])
                self.visit(node.args[1], "isinstance")
                return True
            # A name bound nowhere in the file: a builtin, or one a star import brought in.
            self._dynamic(attributes)
            return False
        if self._interesting(origin):
            self._record(root, attributes, "call", origin, node, then)
        return False

    def _self_method(self, root: ast.Name, attributes: list[ast.Attribute]) -> Origin | None:
        """``self.fetch()`` in a method of a class that defines ``fetch``."""
        if root.id not in _SELF or len(attributes) != 1:
            return None
        owner = self.scope.outer
        if owner is None or not owner.is_class:
            return None
        found = owner.bindings.get(attributes[0].attr)
        if found is None or found.kind != "def":
            return None
        return found

    def _dynamic(self, attributes: list[ast.Attribute]) -> None:
        if attributes and self.function >= 0:
            last = attributes[-1]
            where = (last.attr, last.end_lineno or last.lineno, last.col_offset + 1)
            self.dynamic[self.function].setdefault(last.attr, where)

    def _constant(self, node: ast.Constant, kind: UseKind) -> None:
        value = node.value
        if (
            self.collect_strings
            and type(value) is str
            and 2 < len(value) <= _LONGEST_STRING
            and "/" in value
            and not any(c.isspace() for c in value)
        ):
            self.strings.add(value)

    def _tuple(self, node: ast.Tuple, kind: UseKind) -> None:
        inner: UseKind = kind if kind in ("except", "isinstance", "subclass") else "reference"
        for item in node.elts:
            self.visit(item, inner)

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


#: Per node type, the fields that can hold nodes worth visiting (computed on first sight).
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
#: Fields that hold operators, contexts or plain values: nothing there names anything.
_LEAF_FIELDS = frozenset(
    {
        "ctx",
        "op",
        "ops",
        "id",
        "attr",
        "arg",
        "name",
        "names",
        "module",
        "level",
        "asname",
        "type_comment",
        "is_async",
        "conversion",
        "simple",
        "kind",
        "value_kind",
    }
)


def _child_fields(node: ast.AST) -> tuple[str, ...]:
    return tuple(name for name in node._fields if name not in _LEAF_FIELDS)


def _ignore(node: ast.AST, kind: UseKind) -> None:
    """Contexts (``Load``, ``Store``) hold nothing."""


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
