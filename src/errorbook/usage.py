"""The "Use it in Python" snippet of an error page: import the generated class and raise it."""

from __future__ import annotations

from dataclasses import dataclass

from errorbook import markdown
from errorbook.model import ErrorDef
from errorbook.naming import class_name


@dataclass(frozen=True, slots=True)
class PythonUsage:
    """The snippet that raises this error with the generated package, fenced for Markdown."""

    package: str
    module: str
    class_name: str
    code: str
    fenced: str


def python_usage(entry: ErrorDef, package: str) -> PythonUsage:
    """A snippet that imports the entry's class from ``package`` and raises it with its fields."""
    module = package
    name = class_name(entry.name)
    arguments = "".join(f"\n    {f.name}={f.example!r}," for f in entry.fields if f.required)
    call = f"{name}({arguments}\n)" if arguments else f"{name}()"
    code = f"from {module} import {name}\n\nraise {call}\n"
    return PythonUsage(package, module, name, code, markdown.fence(code, "python"))
