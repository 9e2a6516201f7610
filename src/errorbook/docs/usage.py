"""The "Use it in Python" snippets of an error page: raise the generated class, and parse it back.

Names come from `naming`, the one place the generated package takes them from, and values are
the fields' examples written as Python literals, so the snippets run against the package as is.
"""

from __future__ import annotations

from dataclasses import dataclass

from errorbook.docs import markdown
from errorbook.model import ErrorDef, JsonValue
from errorbook.model.naming import attribute_name, class_name, qualified_module
from errorbook.python.pysource import LINE_LENGTH, sequence, string_literal

_INDENT = "    "


@dataclass(frozen=True, slots=True)
class PythonUsage:
    """How a service raises this error and a client recognises it, fenced for Markdown."""

    package: str
    module: str
    class_name: str
    raise_code: str
    parse_code: str

    @property
    def raise_fenced(self) -> str:
        """The raising snippet as a fenced block."""
        return markdown.fence(self.raise_code, "python")

    @property
    def parse_fenced(self) -> str:
        """The parsing snippet as a fenced block."""
        return markdown.fence(self.parse_code, "python")


def python_usage(entry: ErrorDef, package: str) -> PythonUsage:
    """The snippets for ``entry`` in the generated package ``package``."""
    module = qualified_module(package, entry.folder)
    name = class_name(entry.name)
    arguments = [
        f"{attribute_name(field.name)}={python_literal(field.example, 1)}" for field in entry.fields
    ]
    call = "\n".join(sequence(f"raise {name}(", arguments, ")"))
    raise_code = f"from {module} import {name}\n\n{call}\n"
    shown = attribute_name(entry.fields[0].name) if entry.fields else "detail"
    parse_code = (
        f"from {package} import parse\nfrom {module} import {name}\n\n"
        f"problem = parse(response.content)\nif isinstance(problem, {name}):\n"
        f"    print(problem.{shown})\n"
    )
    return PythonUsage(package, module, name, raise_code, parse_code)


def python_literal(value: JsonValue, indent: int = 0) -> str:
    """A JSON value as Python source, on one line when it fits, else one item per line."""
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, list | dict):
        flat = _flat(value)
        if len(_INDENT * indent) + len(flat) <= LINE_LENGTH:
            return flat
        items = (
            [f"{string_literal(str(k))}: {python_literal(v, indent + 1)}" for k, v in value.items()]
            if isinstance(value, dict)
            else [python_literal(item, indent + 1) for item in value]
        )
        open_, close = "{}" if isinstance(value, dict) else "[]"
        inner = _INDENT * (indent + 1)
        return (
            open_ + "\n" + "".join(f"{inner}{item},\n" for item in items) + _INDENT * indent + close
        )
    return repr(value)


def _flat(value: JsonValue) -> str:
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{string_literal(str(k))}: {_flat(v)}" for k, v in value.items()) + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_flat(item) for item in value) + "]"
    return python_literal(value)
