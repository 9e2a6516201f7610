"""The example response of every entry, as the generated package itself produces it.

The docs show these, so a page can never show a response the runtime would not send: the
generated package is imported (from memory, under a private name, so the caller's own copy of
the package is untouched), and each class is constructed with its fields' examples.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.abc
import importlib.machinery
import itertools
import sys
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import CodeType, ModuleType
from typing import Any

from errorbook.model import Catalog, ErrorDef
from errorbook.model.naming import attribute_name
from errorbook.python.export import export_package
from errorbook.read.config import Config
from errorbook.speed.bytecode import compile_cached

_names = itertools.count()


@dataclass(frozen=True, slots=True)
class ExampleResponse:
    """What the API sends for one entry when its fields hold their example values."""

    status: int
    headers: dict[str, str]
    body: dict[str, Any]


def example_responses(
    catalog: Catalog, config: Config, package: Mapping[str, str] | None = None
) -> dict[str, ExampleResponse]:
    """The example response of every entry, keyed by code, from the generated package.

    Each class is constructed with every field set to its ``example`` and sent with a request
    id derived from the code (``req_`` and 16 hex digits of its SHA-256), so the output is
    the same on every run.

    Args:
        catalog: A validated catalog.
        config: The project configuration; its package name (if any) is used for the package's
            text.
        package: The package's files as `export_package` returned them, when the caller has
            exported it already.

    Returns:
        ``{code: ExampleResponse}`` in catalog order.
    """
    if package is None:
        package = export_package(catalog, config.package_name or "problems")
    with runtime_examples(catalog, package) as examples:
        return dict(examples)


@contextmanager
def runtime_examples(
    catalog: Catalog, package: Mapping[str, str]
) -> Iterator[Mapping[str, ExampleResponse]]:
    """`example_responses`, computed as they are asked for while the block lasts.

    Each module of the package is compiled when one of its examples is first needed, so
    workers forked inside the block (see `parallel_map`) share the compiling between them:
    for a large catalog, compiling the package is most of the cost of its examples.
    """
    with imported(package) as root:
        yield _Examples(root.lookup, {entry.code: entry for entry in catalog.entries})


class _Examples(Mapping[str, ExampleResponse]):
    """Each entry's example response, made on first use and then kept."""

    def __init__(self, lookup: Any, entries: Mapping[str, ErrorDef]) -> None:
        self._lookup = lookup
        self._entries = entries
        self._made: dict[str, ExampleResponse] = {}

    def __getitem__(self, code: str) -> ExampleResponse:
        made = self._made.get(code)
        if made is None:
            entry = self._entries[code]
            with warnings.catch_warnings():
                # Deprecated types warn when constructed; their examples are still documented.
                warnings.simplefilter("ignore", DeprecationWarning)
                made = self._made[code] = _example(self._lookup(code), entry)
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def request_id(code: str) -> str:
    """The request id an example response of ``code`` carries."""
    return "req_" + hashlib.sha256(code.encode()).hexdigest()[:16]


def _example(cls: Any, entry: ErrorDef) -> ExampleResponse:
    arguments = {attribute_name(field.name): field.example for field in entry.fields}
    problem = cls(**arguments)
    return ExampleResponse(
        problem.status, problem.headers(), problem.body(request_id=request_id(entry.code))
    )


@contextmanager
def imported(files: Mapping[str, str]) -> Iterator[Any]:
    """The package in ``files`` (as `export_package` returns it), imported from memory.

    It gets a fresh private name, so a copy of the same package the caller imported is not
    touched; its modules leave ``sys.modules`` when the block ends.
    """
    name = f"_errorbook_examples_{next(_names)}"
    finder = _MemoryFinder(name, files)
    sys.meta_path.insert(0, finder)
    try:
        yield importlib.import_module(name)
    finally:
        sys.meta_path.remove(finder)
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]


class _MemoryFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds and loads the modules of one in-memory package."""

    def __init__(self, name: str, files: Mapping[str, str]) -> None:
        self.name = name
        self.files = files

    def find_spec(
        self, fullname: str, path: object = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.name and not fullname.startswith(self.name + "."):
            return None
        relative = "/".join(fullname.split(".")[1:])
        package = f"{relative}/__init__.py" if relative else "__init__.py"
        if package in self.files:
            spec = importlib.machinery.ModuleSpec(fullname, self, origin=package, is_package=True)
            spec.submodule_search_locations = []
            return spec
        if f"{relative}.py" in self.files:
            return importlib.machinery.ModuleSpec(fullname, self, origin=f"{relative}.py")
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        spec = module.__spec__
        assert spec is not None and spec.origin is not None
        code: CodeType = compile_cached(self.files[spec.origin], f"<generated {spec.origin}>")
        exec(code, module.__dict__)
