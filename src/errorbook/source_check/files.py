"""Which files check-source reads, and the module names the application imports them by.

A file can be imported under more than one name, depending on what is on ``sys.path`` when the
application runs: ``src/myapi/routes.py`` is ``myapi.routes`` with ``src`` on the path, and
``routes`` from inside ``src/myapi``. Every such name is indexed, so ``from myapi.routes
import x`` and ``from routes import x`` both resolve; relative imports are resolved from the
importing file's folder instead, as Python does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from errorbook.core.errors import UsageError

#: Folders never searched for source: caches, virtual environments and build output.
_SKIPPED = frozenset({"__pycache__", "node_modules", "site-packages", "venv", "build", "dist"})


@dataclass(frozen=True)
class SourceFiles:
    """The files to read, and how each can be imported.

    Attributes:
        sources: The application's files, sorted.
        tests: The tests' files, sorted; a file below both a source and a test path is a test.
        modules: Module name → file (a ``.py`` file, the ``__init__.py`` of a package, or the
            folder of a namespace package).
    """

    sources: tuple[Path, ...]
    tests: tuple[Path, ...]
    modules: dict[str, Path]

    @property
    def top_names(self) -> frozenset[str]:
        """The first segment of every module name: imports of these may be the application's."""
        return frozenset(name.partition(".")[0] for name in self.modules)


def find_files(
    sources: Sequence[Path],
    tests: Sequence[Path],
    exclude: Path | None,
    project: Path | None = None,
) -> SourceFiles:
    """Every ``.py`` file below the source and test paths, and their module names.

    Args:
        sources: Files and folders of the application.
        tests: Files and folders of its tests.
        exclude: A folder to leave out: the generated package, whose names are known from the
            catalog.
        project: The project folder, from which tests often import the application
            (``examples.unkey_api.app``).

    Raises:
        UsageError: A path does not exist.
    """
    test_files = sorted(set(_python_files(tests, exclude)))
    taken = set(test_files)
    source_files = sorted(set(_python_files(sources, exclude)) - taken)
    modules: dict[str, Path] = {}
    roots = [*sources, *tests, *([project] if project is not None else [])]
    for path in [*source_files, *test_files]:
        for name in _module_names(path, roots):
            modules.setdefault(name, path)
    for name, path in list(modules.items()):
        # Folders without __init__.py on the way are namespace packages: importable too.
        parts = name.split(".")
        folder = path.parent if path.name == "__init__.py" else path.with_suffix("")
        for size in range(1, len(parts)):
            modules.setdefault(".".join(parts[:size]), folder.parents[len(parts) - size - 1])
    return SourceFiles(tuple(source_files), tuple(test_files), modules)


def _python_files(paths: Iterable[Path], exclude: Path | None) -> Iterator[Path]:
    for path in paths:
        if path.is_file():
            yield path.resolve()
        elif path.is_dir():
            for found in path.resolve().rglob("*.py"):
                if _wanted(found, path.resolve(), exclude):
                    yield found
        else:
            raise UsageError(f"{path}: no such file or folder to check")


def _wanted(path: Path, root: Path, exclude: Path | None) -> bool:
    parts = path.relative_to(root).parts[:-1]
    if any(part.startswith(".") or part in _SKIPPED for part in parts):
        return False
    return exclude is None or not path.is_relative_to(exclude)


def _module_names(path: Path, roots: Sequence[Path]) -> list[str]:
    """The names ``path`` can be imported by: from its outermost package's parent, and from
    each root (and its parent) that holds it."""
    names = [_dotted(path, _package_base(path))]
    for root in roots:
        base = root.resolve()
        if base.is_file():
            base = base.parent
        for folder in (base, base.parent):
            if path.is_relative_to(folder):
                names.append(_dotted(path, folder))
    return [name for name in dict.fromkeys(names) if name]


def _package_base(path: Path) -> Path:
    folder = path.parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        folder = folder.parent
    return folder


def _dotted(path: Path, base: Path) -> str:
    parts = list(path.relative_to(base).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    if not all(part.isidentifier() for part in parts):
        return ""
    return ".".join(parts)
