"""The expression half of the walk over one file: every use of a name, and every call.

A chain of names (``errors.ApiNotFound``) is recorded as a `Use` when its first name comes from
an import of the generated package or of the application, or from a definition of the file; a
call also records its arguments, and what is done with its result (``lookup("code")(...)``).
A method called on a value is noted as dynamic: which code it runs depends on the value.
`extract` extends this walker with the statements.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from errorbook.source_check.facts import Argument, Origin, Then, Use, UseKind
from errorbook.source_check.scopes import Scope
from errorbook.source_check.summary import arguments, chain

_SELF = frozenset({"self", "cls"})
_LONGEST_STRING = 300


class ExpressionWalker:
    """Walks expressions: a dispatch on node type, with a plain walk over everything else."""

    def __init__(self, interesting: frozenset[str], strings: bool) -> None:
        self.interesting = interesting
        self.collect_strings = strings
        self.uses: list[Use] = []
        self.dynamic: list[dict[str, tuple[str, int, int]]] = []
        self.strings: set[str] = set()
        self.scope = self.top = Scope("", {}, None)
        #: The index of the function being walked; -1 at the top of the module.
        self.function = -1
        self.handlers: dict[type, Callable[[Any, UseKind], None]] = {
            ast.Name: self._name,
            ast.Attribute: self._attribute,
            ast.Call: self._call,
            ast.Constant: self._constant,
            ast.Tuple: self._tuple,
            ast.Load: _ignore,
            ast.Store: _ignore,
            ast.Del: _ignore,
        }

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
            # A function of this file is the application's own: its arguments are not checked.
            arguments(call) if call is not None and origin.kind != "def" else (),
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
