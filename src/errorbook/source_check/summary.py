"""Expressions → the small summaries frameworks are read from, and call arguments → `Argument`."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from errorbook.source_check.facts import Argument, Expr, LiteralType

if TYPE_CHECKING:
    from errorbook.source_check.scopes import Scope

#: How deep a summary follows nested lists and calls; route tables are shallow.
_DEPTH = 6
_TEXT = 40


def chain(node: ast.expr) -> tuple[ast.Name, list[ast.Attribute]] | None:
    """A name chain ``a.b.c`` as its first name and its attributes (``.b``, ``.c``), or None."""
    attributes: list[ast.Attribute] = []
    while isinstance(node, ast.Attribute):
        attributes.append(node)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    attributes.reverse()
    return node, attributes


def summarize(node: ast.expr, scope: Scope, depth: int = 0) -> Expr:
    """The summary of an expression, with the names in it resolved in ``scope``."""
    line, column = node.lineno, node.col_offset + 1
    if depth > _DEPTH:
        return Expr("other", line, column)
    if isinstance(node, ast.Constant):
        value = node.value
        if value is None or isinstance(value, str | int | float):
            return Expr("literal", line, column, value=value)
        return Expr("other", line, column)
    if isinstance(node, ast.List | ast.Tuple):
        items = tuple(summarize(item, scope, depth + 1) for item in node.elts)
        return Expr("list", line, column, items=items)
    if isinstance(node, ast.Call):
        return _call(node, scope, depth)
    calls = annotated_calls(node)
    if calls is not None:  # Annotated[T, Depends(check)]: what FastAPI reads is the metadata
        items = tuple(summarize(call, scope, depth + 1) for call in calls)
        return Expr("list", line, column, items=items)
    found = chain(node)
    if found is not None:
        root, attributes = found
        names = (root.id, *(a.attr for a in attributes))
        return Expr("ref", line, column, origin=scope.lookup(root.id), names=names)
    return Expr("other", line, column)


def _call(node: ast.Call, scope: Scope, depth: int) -> Expr:
    items = tuple(summarize(item, scope, depth + 1) for item in node.args)
    keywords = tuple(
        (keyword.arg or "**", summarize(keyword.value, scope, depth + 1))
        for keyword in node.keywords
    )
    line, column = node.lineno, node.col_offset + 1
    found = chain(node.func)
    if found is None:
        return Expr("call", line, column, items=items, keywords=keywords)
    root, attributes = found
    names = (root.id, *(a.attr for a in attributes))
    origin = scope.lookup(root.id)
    return Expr("call", line, column, origin=origin, names=names, items=items, keywords=keywords)


def annotated_calls(node: ast.expr) -> list[ast.Call] | None:
    """The calls in the metadata of an ``Annotated[T, ...]``; None when ``node`` is not one."""
    if not isinstance(node, ast.Subscript) or not isinstance(node.slice, ast.Tuple):
        return None
    found = chain(node.value)
    if found is None or (found[1][-1].attr if found[1] else found[0].id) != "Annotated":
        return None
    return [item for item in node.slice.elts[1:] if isinstance(item, ast.Call)]


def tracked_value(node: ast.expr) -> bool:
    """Whether a variable assigned ``node`` is followed: a call (an app, a router), a list (a
    URL table) or an ``Annotated`` alias (a FastAPI dependency)."""
    return isinstance(node, ast.Call | ast.List | ast.Tuple) or annotated_calls(node) is not None


def arguments(node: ast.Call) -> tuple[Argument, ...]:
    """Each argument of a call, with the type of the literal ones."""
    found: list[Argument] = []
    for item in node.args:
        if isinstance(item, ast.Starred):
            found.append(Argument("*", None, item.lineno, item.col_offset + 1))
        else:
            kind, text = literal_type(item)
            found.append(Argument(None, kind, item.lineno, item.col_offset + 1, text))
    for keyword in node.keywords:
        kind, text = literal_type(keyword.value)
        found.append(
            Argument(keyword.arg or "**", kind, keyword.lineno, keyword.col_offset + 1, text)
        )
    return tuple(found)


def literal_type(node: ast.expr) -> tuple[LiteralType | None, str]:
    """The Python type of a literal (``str``, ``int``, ``list``...) and a short rendering of
    it; ``(None, "")`` when the value is not a literal."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        kind, text = literal_type(node.operand)
        if kind in ("int", "float"):
            return kind, ("-" if isinstance(node.op, ast.USub) else "+") + text
        return None, ""
    if isinstance(node, ast.Constant):
        kind = _CONSTANTS.get(type(node.value))
        if kind is None:
            return None, ""
        text = repr(node.value)
        return kind, text if len(text) <= _TEXT else text[: _TEXT - 3] + "..."
    if isinstance(node, ast.JoinedStr):
        return "str", "an f-string"
    for types, name, text in _CONTAINERS:
        if isinstance(node, types):
            return name, text
    return None, ""


_CONSTANTS: dict[type, LiteralType] = {
    str: "str",
    int: "int",
    float: "float",
    bool: "bool",
    type(None): "None",
    bytes: "bytes",
}
_CONTAINERS: tuple[tuple[type | tuple[type, ...], LiteralType, str], ...] = (
    ((ast.List, ast.ListComp), "list", "a list"),
    ((ast.Dict, ast.DictComp), "dict", "a dict"),
    (ast.Tuple, "tuple", "a tuple"),
    ((ast.Set, ast.SetComp), "set", "a set"),
)
