"""What a name chain stands for across files: the generated package, the application, or neither.

A chain starts at a name of one file (an import, a definition, a variable) and follows its
attributes: ``data.ApiNotFound`` after ``from unkey_errors.unkey import data``. Imports of the
application's modules are followed to where the name is defined, through re-exports, aliases
and relative imports, any number of files deep (a cycle of re-exports ends as `UNKNOWN`). A name
that only a star import could provide is `UNKNOWN` too: never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from errorbook.model import ErrorDef
from errorbook.model.naming import ROOT_API
from errorbook.source_check.facts import ClassInfo, FileFacts, Origin
from errorbook.source_check.files import SourceFiles
from errorbook.source_check.package import PackageApi

EntityKind = Literal[
    "module",  # a module of the generated package; `name` is its path ("" for the root)
    "class",  # a class of the package; `entry` is None for the base class Problem
    "class-attribute",  # an attribute of such a class (ApiNotFound.status)
    "function",  # a function of the package's root (lookup, parse); `name` says which
    "missing",  # a name the package does not have: `name` in the module `module`
    "app-module",  # a module of the application: `file` (a .py file or a folder)
    "app-def",  # a function or class of the application: `name` in `file`
    "app-var",  # a variable of the application: key `name` in `file`
    "external",  # anything else importable: `name` is its dotted name
    "unknown",  # cannot be known statically
]


@dataclass(frozen=True, slots=True)
class Entity:
    """What a name stands for (see `EntityKind`)."""

    kind: EntityKind
    name: str = ""
    module: str = ""
    entry: ErrorDef | None = None
    file: Path | None = None


UNKNOWN = Entity("unknown")
_PROBLEM = "Problem"


class Resolver:
    """Resolves names across every file read; results are cached."""

    def __init__(
        self, facts: Mapping[Path, FileFacts], files: SourceFiles, api: PackageApi
    ) -> None:
        self.facts = facts
        self.files = files
        self.api = api
        self._origins: dict[tuple[Path, Origin], Entity] = {}
        self._exports = {path: dict(found.exports) for path, found in facts.items()}
        self._classes = {
            path: {info.qualname: info for info in found.classes} for path, found in facts.items()
        }
        self._functions = {
            path: {function.qualname for function in found.functions}
            for path, found in facts.items()
        }
        self._busy: set[tuple[Path, Origin]] = set()

    def chain(self, file: Path, origin: Origin, names: Sequence[str]) -> tuple[Entity, int]:
        """What ``names`` (a chain whose first name has ``origin``) stands for, and the index
        of the name that the package lacks (-1 when none, or when an earlier step already
        was missing: that is reported where it happened)."""
        entity = self.origin(file, origin)
        for index, name in enumerate(names[1:], start=1):
            if entity.kind in ("missing", "unknown", "external"):
                return entity, -1
            entity = self.member(entity, name)
            if entity.kind == "missing":
                return entity, index
        return entity, -1

    def origin(self, file: Path, origin: Origin) -> Entity:
        """What a binding of ``file`` stands for."""
        key = (file, origin)
        found = self._origins.get(key)
        if found is None:
            if key in self._busy:
                return UNKNOWN  # a cycle of re-exports: the name is defined nowhere
            self._busy.add(key)
            try:
                found = self._origins[key] = self._resolve(file, origin)
            finally:
                self._busy.discard(key)
        return found

    def _resolve(self, file: Path, origin: Origin) -> Entity:
        if origin.kind == "def":
            return Entity("app-def", origin.name, file=file)
        if origin.kind == "var":
            return Entity("app-var", origin.name, file=file)
        if origin.kind == "builtin":
            return UNKNOWN
        module = self.module(origin.module, origin.level, file)
        return module if origin.kind == "import" else self.member(module, origin.name)

    def module(self, name: str, level: int = 0, file: Path | None = None) -> Entity:
        """The module ``name`` (relative to ``file`` when ``level`` > 0)."""
        if level:
            assert file is not None
            folder = file.parent
            for _ in range(level - 1):
                folder = folder.parent
            init = folder / "__init__.py"
            entity = Entity("app-module", file=init if init in self.facts else folder)
            for part in name.split(".") if name else ():
                entity = self.member(entity, part)
            return entity
        package = self.api.name
        if name == package or name.startswith(package + "."):
            entity = Entity("module", "")
            for part in name.split(".")[1:]:
                entity = self.member(entity, part)
            return entity
        path = self.files.modules.get(name)
        return Entity("app-module", file=path) if path is not None else Entity("external", name)

    def member(self, entity: Entity, name: str) -> Entity:
        """The attribute ``name`` of what ``entity`` stands for."""
        kind = entity.kind
        if kind == "module":
            return self._package_member(entity.name, name)
        if kind in ("class", "class-attribute"):
            return Entity("class-attribute", name, entry=entity.entry)
        if kind == "app-module":
            return self._app_member(entity, name)
        if kind == "app-def" and entity.file is not None:
            qualname = f"{entity.name}.{name}"
            known = qualname in self._functions.get(entity.file, ())
            return Entity("app-def", qualname, file=entity.file) if known else UNKNOWN
        if kind == "external":
            return Entity("external", f"{entity.name}.{name}")
        return entity if kind == "missing" else UNKNOWN

    def _package_member(self, module: str, name: str) -> Entity:
        api = self.api
        path = f"{module}.{name}" if module else name
        if path in api.modules:
            return Entity("module", path)
        entry = api.classes.get((module, name))
        if entry is not None:
            return Entity("class", name, module, entry)
        if name == _PROBLEM:  # every module imports the base class from the root
            return Entity("class", name, module)
        if not module and name in ROOT_API:
            return Entity("function", name)
        if name.startswith("_"):
            return UNKNOWN  # private helpers: not the catalog's business
        return Entity("missing", name, module)

    def _app_member(self, entity: Entity, name: str) -> Entity:
        file = entity.file
        if file is None:
            return UNKNOWN
        folder = file if file.is_dir() else file.parent if file.name == "__init__.py" else None
        if file in self._exports:
            origin = self._exports[file].get(name)
            if origin is not None:
                return self.origin(file, origin)
        if folder is not None:
            for candidate in (folder / f"{name}.py", folder / name / "__init__.py"):
                if candidate in self.facts:
                    return Entity("app-module", file=candidate)
            if (folder / name).is_dir():
                return Entity("app-module", file=folder / name)
        return UNKNOWN

    def runs(self, entity: Entity) -> tuple[Path, str] | None:
        """The function a call of ``entity`` runs: the function itself, or a class's
        ``__init__``; None for anything else."""
        if entity.kind != "app-def" or entity.file is None:
            return None
        if self.class_info(entity) is not None:
            return (entity.file, f"{entity.name}.__init__")
        return (entity.file, entity.name)

    def class_info(self, entity: Entity) -> ClassInfo | None:
        """The definition of an application class."""
        if entity.kind != "app-def" or entity.file is None:
            return None
        return self._classes.get(entity.file, {}).get(entity.name)

    def subclassed_entry(self, entity: Entity, depth: int = 0) -> ErrorDef | None:
        """The catalog entry an application class derives from, through application classes."""
        info = self.class_info(entity)
        if info is None or entity.file is None or depth > 10:
            return None
        for base in info.bases:
            if base.kind != "ref" or base.origin is None:
                continue
            parent, _ = self.chain(entity.file, base.origin, base.names)
            if parent.kind == "class" and parent.entry is not None:
                return parent.entry
            found = self.subclassed_entry(parent, depth + 1)
            if found is not None:
                return found
        return None
