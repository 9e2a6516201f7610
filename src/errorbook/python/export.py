"""Catalog → the generated, standard-library-only Python package, as ``{relative path: text}``.

Layout (see `naming`): ``_runtime/`` is errorbook's `errorbook.python.runtime` copied verbatim
(the ``Problem`` base, ``lookup``, ``parse``); the root ``__init__.py`` re-exports them and
hands the runtime the catalog's registry; each catalog folder is a module, or a package when
it has subfolders, whose classes are the folder's entries; the entries of the catalog folder
itself are classes of the root. Nothing under the root is imported
until it is used, so importing the package stays cheap however large the catalog is.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from errorbook.model import Catalog, ErrorDef
from errorbook.model.layout import MEDIA_TYPES
from errorbook.model.naming import (
    ROOT_API,
    RUNTIME_PACKAGE,
    attribute_name,
    class_name,
    module_path,
    python_segment,
    qualified_module,
)
from errorbook.python.classes import ClassView, class_view, uses_typing_names
from errorbook.python.pysource import (
    LINE_LENGTH,
    Brackets,
    Item,
    Text,
    docstring,
    layout,
    natural_sort_key,
    string_literal,
)
from errorbook.read.config import Config
from errorbook.speed.memo import Recall

if TYPE_CHECKING:
    import jinja2

#: The modules of `errorbook.python.runtime`, copied into every package's ``_runtime`` folder.
RUNTIME_MODULES = (
    "__init__.py",
    "json_text.py",
    "client.py",
    "parse.py",
    "problem.py",
    "registry.py",
    "tables.py",
    "values.py",
)


@dataclass(frozen=True, slots=True)
class _Folder:
    """One catalog folder: its entries and the names of its direct subfolders."""

    path: str
    entries: tuple[ErrorDef, ...]
    children: tuple[str, ...]

    @property
    def file(self) -> str:
        name = module_path(self.path)
        return f"{name}/__init__.py" if self.children else f"{name}.py"

    @property
    def parent_import(self) -> str:
        """The relative import of the package root from this module."""
        depth = self.path.count("/") + 1 + bool(self.children)
        return "." * depth

    @property
    def child_modules(self) -> tuple[str, ...]:
        """The module names of the direct subfolders (``gift-cards`` → ``gift_cards``)."""
        return tuple(python_segment(child) for child in self.children)


def export_package(catalog: Catalog, package: str) -> dict[str, str]:
    """The generated package's files, keyed by path relative to the package folder.

    Args:
        catalog: A validated catalog (load it with `load_catalog`).
        package: The package's import name, e.g. ``unkey_errors``; it names the package in
            its own docstrings only, since modules import each other relatively.

    Returns:
        ``{"__init__.py": ..., "unkey/__init__.py": ..., "unkey/data.py": ..., ...}``.
    """
    return _export(catalog, package)


def _export(catalog: Catalog, package: str) -> dict[str, str]:
    folders = _folders(catalog.entries)
    source_root = _source_root(catalog.entries)
    files = {"__init__.py": _render_root(catalog, package, folders, source_root)}
    files["py.typed"] = "".join(line + "\n" for line in _header(source_root))
    files.update(runtime_files())
    _environment().get_template("module.py.j2")  # compiled once, before any worker is forked
    modules = _MODULES.map(
        functools.partial(_render_module, source_root=source_root),
        folders,
        # A module is made of its folder's entries and children, and nothing else.
        lambda folder: (folder.path, (*folder.entries, folder.child_modules, source_root)),
        weights=[len(folder.entries) / 3 for folder in folders],  # a class: 1/3 of a load
    )
    files.update((folder.file, text) for folder, text in zip(folders, modules, strict=True))
    return dict(sorted(files.items()))


#: Each folder's module, kept under a preview server while its entries are the same.
_MODULES: Recall[str] = Recall()


def class_module(package: Mapping[str, str], entry: ErrorDef) -> str:
    """The text of the module of ``package`` (as `export_package` returned it) that defines
    ``entry``'s class."""
    if not entry.folder:
        return package["__init__.py"]
    name = module_path(entry.folder)
    return package.get(f"{name}.py") or package[f"{name}/__init__.py"]


def package_files(package: Mapping[str, str], config: Config) -> dict[Path, str]:
    """The exported package's files at ``config.python_package``; none when it is not set."""
    if config.python_package is None:
        return {}
    return {config.python_package / path: text for path, text in package.items()}


def _folders(entries: Iterable[ErrorDef]) -> list[_Folder]:
    """Every folder below the catalog folder; the catalog folder's own entries are the root's."""
    by_folder: dict[str, list[ErrorDef]] = {}
    children: dict[str, set[str]] = {}
    for entry in entries:
        if not entry.folder:
            continue
        by_folder.setdefault(entry.folder, []).append(entry)
        parts = entry.folder.split("/")
        for depth in range(1, len(parts) + 1):
            path = "/".join(parts[:depth])
            by_folder.setdefault(path, [])
            children.setdefault("/".join(parts[: depth - 1]), set()).add(parts[depth - 1])
    return [
        _Folder(
            path, tuple(sorted(items, key=lambda e: e.code)), tuple(sorted(children.get(path, ())))
        )
        for path, items in sorted(by_folder.items())
    ]


def _source_root(entries: Iterable[ErrorDef]) -> str:
    """The catalog folder as entries name their sources, e.g. ``catalog/``."""
    for entry in entries:
        suffix = entry.code + ".yaml"
        if entry.source.endswith(suffix):
            return entry.source[: -len(suffix)]
    return ""


def _header(source: str) -> list[str]:
    line = (
        f"# generated by errorbook from {source}; do not edit; regenerate with `errorbook generate`"
    )
    if len(line) <= LINE_LENGTH:
        return [line]
    return [
        f"# generated by errorbook from {source}; do not edit;",
        "# regenerate with `errorbook generate`",
    ]


@functools.cache
def runtime_files() -> dict[str, str]:
    """The runtime's modules as the package holds them: each behind errorbook's notice."""
    return copied_modules("errorbook.python.runtime", RUNTIME_PACKAGE, RUNTIME_MODULES)


def copied_modules(source: str, folder: str, names: Iterable[str]) -> dict[str, str]:
    """Modules of errorbook's package ``source`` as the generated package's ``folder`` holds
    them: verbatim, behind errorbook's notice."""
    files = importlib.resources.files(source)
    notice = notice_text(source)
    return {
        f"{folder}/{name}": notice + files.joinpath(name).read_text(encoding="utf-8")
        for name in names
    }


def notice_text(source: str) -> str:
    """The generated-file notice of a Python file made from ``source``, as lines."""
    return "".join(f"{line}\n" for line in _header(source))


@functools.cache
def _environment() -> jinja2.Environment:
    # Imported here: a generate run with nothing to do never renders (see freshness).
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("errorbook.python", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )


def _render_root(catalog: Catalog, package: str, folders: list[_Folder], source_root: str) -> str:
    top = [module_path(folder.path) for folder in folders if "/" not in folder.path]
    subpackages = Brackets("(", [string_literal(name) for name in top], ")", tuple_=True)
    classes = [class_view(entry) for entry in catalog.entries if not entry.folder]
    exports = sorted([*ROOT_API, *(c.name for c in classes)], key=natural_sort_key)
    return (
        _environment()
        .get_template("__init__.py.j2")
        .render(
            header=_header(source_root),
            example=_example(catalog, package),
            type_imports=_type_imports(classes, top),
            exports=layout(
                ("__all__ = ", Brackets("[", [string_literal(n) for n in exports], "]"))
            ),
            subpackages=layout(("_SUBPACKAGES = ", subpackages)),
            configure=layout(_configure(catalog)),
            classes=classes,
        )
    )


def _example(catalog: Catalog, package: str) -> list[str]:
    """The root docstring's example: import and raise an entry that has required members."""
    entry = next(
        (entry for entry in catalog.entries if any(f.required for f in entry.fields)),
        catalog.entries[0],
    )
    arguments = ", ".join(
        f"{attribute_name(field.name)}=..." for field in entry.fields if field.required
    )
    name = class_name(entry.name)
    return [
        f"    from {qualified_module(package, entry.folder)} import {name}",
        "",
        f"    raise {name}({arguments})",
    ]


def _configure(catalog: Catalog) -> Brackets:
    """The root's call of the runtime's ``configure``, with the catalog's registry."""
    classes = [(f"{string_literal(e.code)}: ", Text(class_name(e.name))) for e in catalog.entries]
    types = [
        (f"{string_literal(entry.code)}: ", Text(entry.type_uri))
        for entry in catalog.entries
        if entry.type_uri != catalog.base_uri + entry.code
    ]
    aliases = [
        (
            f"{string_literal(entry.code)}: ",
            Brackets("(", [Text(uri) for uri in entry.aliases], ")", tuple_=True),
        )
        for entry in catalog.entries
        if entry.aliases
    ]
    arguments: list[Item] = [
        "__name__",
        ("base_uri=", Text(catalog.base_uri)),
        ("envelope=", Text(catalog.envelope)),
        ("content_type=", Text(MEDIA_TYPES[catalog.envelope])),
        ("classes=", Brackets("{", classes, "}", explode=True)),
        ("types=", Brackets("{", types, "}", explode=bool(types))),
        ("aliases=", Brackets("{", aliases, "}", explode=bool(aliases))),
    ]
    return Brackets("_registry.configure(", arguments, ")", explode=True)


def _render_module(folder: _Folder, source_root: str) -> str:
    classes = [class_view(entry) for entry in folder.entries]
    names = [name for c in classes for name in (c.name, *(d.name for d in c.typed_dicts))]
    exports = sorted(names, key=natural_sort_key)
    what = f"the catalog folder {source_root}{folder.path}"
    submodules = Brackets("(", [string_literal(c) for c in folder.child_modules], ")", tuple_=True)
    return (
        _environment()
        .get_template("module.py.j2")
        .render(
            header=_header(source_root + folder.path),
            docstring=docstring([f"The problem types of {what}."]),
            imports=_imports(folder, classes),
            exports=layout(("__all__ = ", Brackets("[", [string_literal(n) for n in exports], "]")))
            if exports
            else ["__all__: list[str] = []"],
            submodules=layout(("_SUBMODULES = ", submodules)) if folder.children else [],
            classes=classes,
            type_imports=_type_imports(classes, folder.child_modules),
        )
    )


def _lazy_imports(children: Sequence[str]) -> list[str]:
    """What a package's ``__getattr__`` imports on first use, spelled out for type checkers."""
    return [f"from . import {name} as {name}" for name in children]


def _type_imports(classes: list[ClassView], children: Sequence[str]) -> list[str]:
    """The module's ``if TYPE_CHECKING:`` imports; an empty string stands for a blank line."""
    lines = []
    if any(uses_typing_names(view) for view in classes):
        optional = any(d.optional_keys for view in classes for d in view.typed_dicts)
        names = "Any, NotRequired" if optional else "Any"
        lines = ["from collections.abc import Mapping", f"from typing import {names}"]
    lazy = _lazy_imports(children)
    return [*lines, "", *lazy] if lines and lazy else lines + lazy


def _imports(folder: _Folder, classes: list[ClassView]) -> list[str]:
    """The module's imports; an empty string stands for a blank line."""
    runtime = f"{folder.parent_import}{RUNTIME_PACKAGE}"
    lines = [f"from {runtime}.problem import Problem"] if classes else []
    if any(view.typed_dicts for view in classes):
        lines = ["from typing import TypedDict", "", *lines]
    if folder.children:
        lines.append(f"from {runtime}.registry import submodules as _submodules")
    return lines
