"""Python names derived mechanically from codes and member names: one rule, used everywhere.

The generated package follows the catalog's folders: a folder with entries and no subfolders
becomes a module (``unkey/data.py``); a folder with subfolders becomes a package whose
``__init__.py`` holds the folder's own entries, if any (``unkey/__init__.py``); entries directly
in the catalog folder live in the package's root. Each entry is a class named from its last
segment, and each extension member an attribute named in snake_case. A code's ``-`` is ``_`` in
Python (``orders/out-of-stock`` is ``orders.OutOfStock``), so two codes can ask for one name:
the checks report that (E023) rather than let one hide the other.
The reserved names below are the ones such a derived name must not take; `checks` reports them.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from errorbook.model import ErrorDef, Shape

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")

#: Attributes and methods every generated problem class has (its base class's API).
BASE_ATTRIBUTES = frozenset(
    {
        "code",
        "type",
        "status",
        "title",
        "default_detail",
        "detail",
        "instance",
        "extensions",
        "request_id",
        "to_dict",
        "to_json",
        "body",
        "headers",
    }
)
#: Attributes and methods Python's Exception gives every exception.
EXCEPTION_ATTRIBUTES = frozenset({"args", "with_traceback", "add_note"})
#: Names a generated constructor uses besides its parameters: a parameter must not hide them.
CONSTRUCTOR_NAMES = frozenset(
    {"self", "isinstance", "str", "int", "float", "bool", "list", "dict", "super"}
)
#: The subpackage of the generated package that holds its web-framework adapters.
INTEGRATIONS_PACKAGE = "integrations"
#: The folder of the generated package that holds errorbook's runtime (the ``Problem`` base).
RUNTIME_PACKAGE = "_runtime"
#: Every name the generated package's root module binds: its ``__future__`` feature, its
#: imports (the runtime folder too, which importing binds), its public API and its helpers.
#: A top-level folder named like one of them would be shadowed by it (E034); a test checks
#: the generated root against this list.
ROOT_NAMES = frozenset(
    {
        *("annotations", "TYPE_CHECKING", RUNTIME_PACKAGE, "_registry"),
        *("Problem", "lookup", "parse", "from_response", "raise_for_problem"),
        *("__all__", "_SUBPACKAGES", "__getattr__", "__dir__"),
    }
)
#: Every name the module of a catalog folder binds besides its classes and subfolders: a
#: subfolder named like one of them would be shadowed by it (E034).
MODULE_NAMES = frozenset(
    {
        *("annotations", "TYPE_CHECKING", "Problem", "Mapping", "Any", "_submodules"),
        *("TypedDict", "NotRequired"),
        *("__all__", "_SUBMODULES", "__getattr__"),
    }
)
#: Class names the generated modules already use for something else; in the root module, the
#: names of `ROOT_NAMES` too.
RESERVED_CLASSES = frozenset({"Problem", "Any", "ClassVar", "Mapping", "None", "True", "False"})
#: The public names of the root module besides its folder modules: what an application imports.
ROOT_API = frozenset({"Problem", "lookup", "parse", "from_response", "raise_for_problem"})


def class_name(segment: str) -> str:
    """The class for an entry's last code segment: ``key_not_found`` and ``key-not-found``
    become ``KeyNotFound``."""
    return "".join(part[:1].upper() + part[1:] for part in python_segment(segment).split("_"))


def python_segment(segment: str) -> str:
    """A code segment as a Python name: ``out-of-stock`` becomes ``out_of_stock``."""
    return segment.replace("-", "_")


def attribute_name(member: str) -> str:
    """The Python attribute for an extension member: ``apiId`` becomes ``api_id``.

    The JSON name stays the member's name in bodies; only the Python side is snake_case.
    ``HTTPStatus`` becomes ``http_status`` and ``already_snake`` is unchanged.
    """
    return _WORD_BOUNDARY.sub("_", member).lower()


def nested_class_name(owner: str, member: str, *, item: bool = False) -> str:
    """The TypedDict of what a member holds: ``InvalidInput`` and ``errors`` become
    ``InvalidInputErrors``, and an item of it ``InvalidInputErrorsItem``."""
    return owner + class_name(attribute_name(member)) + ("Item" if item else "")


def nested_class_names(entry: ErrorDef) -> list[str]:
    """The TypedDict of every object value the entry's members declare properties for, in the
    order the generated module defines them (innermost first)."""
    owner = class_name(entry.name)
    return [
        name
        for field in entry.fields
        for name in _shape_names(field.shape, nested_class_name(owner, field.name))
    ]


def _shape_names(shape: Shape, owner: str) -> Iterator[str]:
    if shape.items is not None:
        yield from _shape_names(shape.items, nested_class_name(owner, "", item=True))
    if shape.properties:
        for member in shape.properties:
            yield from _shape_names(member.shape, nested_class_name(owner, member.name))
        yield owner


def module_name(folder: str) -> str:
    """The dotted module path of a catalog folder below the package: ``unkey/data`` becomes
    ``unkey.data``, ``shop/gift-cards`` ``shop.gift_cards``; the catalog folder itself (``""``)
    is the package's root (``""``)."""
    return python_segment(folder).replace("/", ".")


def module_path(folder: str) -> str:
    """A catalog folder's module as a path below the package: ``shop/gift-cards`` becomes
    ``shop/gift_cards``."""
    return python_segment(folder)


def qualified_module(package: str, folder: str) -> str:
    """The full import path of a catalog folder's module: ``acme_errors.shop.gift_cards``, or
    ``acme_errors`` for the catalog folder itself."""
    module = module_name(folder)
    return f"{package}.{module}" if module else package


def attribute_problem(attribute: str) -> str | None:
    """Why ``attribute`` cannot be a generated attribute and parameter, or None when it can."""
    if keyword.iskeyword(attribute):
        return f"'{attribute}' is a Python keyword"
    if attribute in BASE_ATTRIBUTES or attribute in EXCEPTION_ATTRIBUTES:
        return f"'{attribute}' is already an attribute of every problem class"
    if attribute in CONSTRUCTOR_NAMES:
        return f"a parameter '{attribute}' would hide the name the generated constructor uses"
    return None
