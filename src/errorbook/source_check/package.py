"""The public surface of the generated package, derived from the catalog as the exporter does.

Every name comes from `errorbook.model.naming`, the one place the exporter takes them from too:
a module per catalog folder, a class per entry, a keyword argument per field. The generated files
themselves are never read, so check-source works before ``errorbook generate`` has run.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from errorbook.check.codes import CODE
from errorbook.model import Catalog, ErrorDef, Field
from errorbook.model.naming import ROOT_API, attribute_name, class_name, module_name

#: The keyword arguments every generated constructor takes besides its fields, and the Python
#: types a literal for each may have.
STANDARD_ARGUMENTS: Mapping[str, frozenset[str]] = {
    "detail": frozenset({"str", "None"}),
    "instance": frozenset({"str", "None"}),
    "extensions": frozenset({"dict", "None"}),
}
#: The Python types of the literals each field type takes (see the generated ``_checkers``).
FIELD_TYPES: Mapping[str, frozenset[str]] = {
    "string": frozenset({"str"}),
    "integer": frozenset({"int"}),
    "number": frozenset({"int", "float"}),
    "boolean": frozenset({"bool"}),
    "array": frozenset({"list"}),
    "object": frozenset({"dict"}),
}


@dataclass(frozen=True)
class PackageApi:
    """What ``import <name>`` offers, entry by entry.

    Attributes:
        name: The package's import name.
        catalog: The catalog it is generated from.
        modules: Every module path below the package (``unkey``, ``unkey.data``), and ``""`` for
            its root.
        classes: ``(module path, class name)`` → its entry.
        renamed: The ``(module path, class name)`` an entry had under a former type URI that
            ``aliases`` keeps → the entry now.
        keys: Every code, type URI and alias → its entry: what ``lookup`` accepts.
    """

    name: str
    catalog: Catalog
    modules: frozenset[str]
    classes: Mapping[tuple[str, str], ErrorDef]
    renamed: Mapping[tuple[str, str], ErrorDef]
    keys: Mapping[str, ErrorDef]

    def module_of(self, entry: ErrorDef) -> str:
        """The module path of an entry's class: ``unkey.data``."""
        return module_name(entry.folder)

    def qualified(self, entry: ErrorDef) -> str:
        """The full dotted name of an entry's class: ``unkey_errors.unkey.data.ApiNotFound``."""
        return self.dotted(module_name(entry.folder), class_name(entry.name))

    def dotted(self, module: str, name: str = "") -> str:
        """``<package>.<module>.<name>``, leaving out empty parts."""
        return ".".join(part for part in (self.name, module, name) if part)

    def names_in(self, module: str) -> list[str]:
        """The public names of a module: its submodules and classes (and the root's API)."""
        prefix = f"{module}." if module else ""
        found = [
            path[len(prefix) :]
            for path in self.modules
            if path.startswith(prefix) and path and "." not in path[len(prefix) :]
        ]
        found += [name for (where, name) in self.classes if where == module]
        if not module:
            found += sorted(ROOT_API)
        return sorted(found)

    def nearest(self, module: str, name: str) -> str | None:
        """The public name of ``module`` that looks most like ``name``, or None."""
        close = difflib.get_close_matches(name, self.names_in(module), n=1, cutoff=0.7)
        return close[0] if close else None

    def homes(self, name: str) -> list[str]:
        """The modules that have a class called ``name``."""
        return sorted(where for (where, cls) in self.classes if cls == name)


def package_api(catalog: Catalog, name: str) -> PackageApi:
    """The generated package's surface for ``catalog``, imported as ``name``."""
    modules = {""}
    classes: dict[tuple[str, str], ErrorDef] = {}
    keys: dict[str, ErrorDef] = {}
    for entry in catalog.entries:
        parts = module_name(entry.folder).split(".") if entry.folder else []
        modules.update(".".join(parts[: i + 1]) for i in range(len(parts)))
        classes[(module_name(entry.folder), class_name(entry.name))] = entry
        for key in (entry.code, entry.type_uri, *entry.aliases):
            keys.setdefault(key, entry)
    renamed = {
        place: entry
        for entry in catalog.entries
        for place in _former_places(catalog.base_uri, entry)
        if place not in classes
    }
    return PackageApi(name, catalog, frozenset(modules), classes, renamed, keys)


def _former_places(base_uri: str, entry: ErrorDef) -> list[tuple[str, str]]:
    """Where the entry's class was under each former type URI below the base URI."""
    places = []
    for alias in entry.aliases:
        code = alias.removeprefix(base_uri).strip("/") if alias.startswith(base_uri) else ""
        if CODE.fullmatch(code):
            folder, _, last = code.rpartition("/")
            places.append((module_name(folder), class_name(last)))
    return places


def parameters(entry: ErrorDef) -> dict[str, Field]:
    """The keyword argument of each field of an entry's constructor."""
    return {attribute_name(field.name): field for field in entry.fields}
