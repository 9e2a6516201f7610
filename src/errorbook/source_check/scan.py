"""``errorbook check-source``: the application's code against the catalog, statically.

Every file is parsed with `ast` (in worker processes when there are many), never imported or
run; the facts of all files are then resolved together and checked (`rules`), and, on request,
turned into the route map (`routes`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from errorbook.core.diagnostics import Diagnostic, count_errors, promote_warnings, sort_diagnostics
from errorbook.core.errors import ConfigError, UsageError
from errorbook.model import Catalog, ErrorDef
from errorbook.read.config import Config
from errorbook.source_check import rules
from errorbook.source_check.extract import extract
from errorbook.source_check.facts import FileFacts
from errorbook.source_check.files import SourceFiles, find_files
from errorbook.source_check.package import package_api
from errorbook.source_check.resolve import Entity, Resolver
from errorbook.source_check.routes import Operation, route_map
from errorbook.source_check.uses import understand
from errorbook.source_check.web.context import Unresolved
from errorbook.speed import collecting_rarely
from errorbook.speed.parallel import Ahead, map_ahead

#: Bytes of source that take about as long to read as one catalog entry (see `parallel_map`).
_BYTES_PER_WEIGHT = 4000


@dataclass(frozen=True)
class SourceReport:
    """What check-source found.

    Attributes:
        diagnostics: Every finding, sorted; warnings are errors under ``strict``.
        files: How many files were read (application and tests).
        lines: How many lines they have.
        operations: The route map, when it was asked for: every HTTP operation found, with the
            catalog errors it may raise.
        unresolved: Registrations of routes the route map could not follow (a router mounted
            through a variable whose value is not known statically, for instance).
    """

    diagnostics: tuple[Diagnostic, ...]
    files: int
    lines: int
    operations: tuple[Operation, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing is an error."""
        return count_errors(self.diagnostics) == 0

    def responses(self) -> dict[str, dict[str, list[int]]]:
        """For each path and method of the route map, the statuses of the catalog errors the
        operation may raise: what ``errorbook export openapi --routes`` adds to ``paths``.
        Operations that take any method (a Django view that does not restrict them) are left
        out, since OpenAPI has no name for them."""
        found: dict[str, dict[str, list[int]]] = {}
        for operation in self.operations:
            if operation.method != "*" and operation.errors:
                statuses = {error.status for error in operation.errors}
                known = found.setdefault(operation.path, {}).setdefault(operation.method, [])
                known[:] = sorted(statuses.union(known))
        return found


def check_source(
    catalog: Catalog,
    config: Config,
    sources: Sequence[Path] = (),
    tests: Sequence[Path] | None = None,
    *,
    strict: bool = False,
    routes: bool = False,
) -> SourceReport:
    """Check the application's Python code against the catalog.

    Args:
        catalog: A catalog without errors.
        config: The project configuration: the generated package's name, and the default
            ``source`` and ``tests`` paths.
        sources: The application's files and folders; default: the ``source`` setting.
        tests: Its tests' files and folders; default: the ``tests`` setting. Without any, S006
            (an entry no test refers to) is not checked.
        strict: Report warnings as errors.
        routes: Also build the route map (`SourceReport.operations`).

    Returns:
        The diagnostics, and the route map when asked for.

    Raises:
        ConfigError: No ``python-package`` is configured.
        UsageError: No source paths were given or configured, or one does not exist.
    """
    with start_source_check(config, sources, tests) as started:
        return started.finish(catalog, strict=strict, routes=routes)


def start_source_check(
    config: Config, sources: Sequence[Path] = (), tests: Sequence[Path] | None = None
) -> SourceCheck:
    """Start reading the application's files, in worker processes, and return at once.

    The catalog is not needed yet: load it meanwhile, then call `SourceCheck.finish`. The
    arguments and the exceptions raised are those of `check_source`. Use the result as a
    context manager, so that its workers stop if the catalog cannot be loaded.
    """
    if config.python_package is None or config.package_name is None:
        raise ConfigError(
            f"{config.source.name}: check-source needs python-package, the folder of the "
            "generated package, whose import name the application uses"
        )
    source_paths = tuple(sources) or config.source_paths
    if not source_paths:
        raise UsageError(
            "nothing to check: name the application's folders (errorbook check-source "
            'src/myapi), or set source = ["src/myapi"] in the configuration'
        )
    test_paths = config.test_paths if tests is None else tuple(tests)
    files = find_files(source_paths, test_paths, config.python_package.resolve(), config.root)
    items = [(path, False) for path in files.sources] + [(path, True) for path in files.tests]
    weights = [_size(path) / _BYTES_PER_WEIGHT for path, _ in items]
    interesting = files.top_names | {config.package_name}
    with collecting_rarely():
        reading = map_ahead(functools.partial(_extract, interesting), items, weights=weights)
    return SourceCheck(config.root, config.package_name, files, source_paths, test_paths, reading)


class SourceCheck:
    """A check of the application's code whose files are being read (`start_source_check`)."""

    def __init__(
        self,
        root: Path,
        package: str,
        files: SourceFiles,
        sources: tuple[Path, ...],
        tests: tuple[Path, ...],
        reading: Ahead[FileFacts],
    ) -> None:
        self._root = root
        self._package = package
        self._files = files
        self._sources = sources
        self._tests = tests
        self._reading = reading

    def finish(
        self, catalog: Catalog, *, strict: bool = False, routes: bool = False
    ) -> SourceReport:
        """Check what was read against ``catalog``; the arguments are `check_source`'s."""
        files, root = self._files, self._root
        with collecting_rarely():
            facts = {item.path: item for item in self._reading.results()}
        api = package_api(catalog, self._package)
        resolver = Resolver(facts, files, api)
        found = list(_findings(files, facts, resolver, root, self._sources, self._tests))
        diagnostics = sort_diagnostics(promote_warnings(found) if strict else found)
        operations, unresolved = route_map(files, facts, resolver) if routes else ([], [])
        lines = sum(item.lines for item in facts.values())
        return SourceReport(
            tuple(diagnostics), len(facts), lines, tuple(operations), tuple(unresolved)
        )

    def __enter__(self) -> SourceCheck:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._reading.close()


def _extract(interesting: frozenset[str], item: tuple[Path, bool]) -> FileFacts:
    return extract(item[0], interesting, strings=item[1])


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _findings(
    files: SourceFiles,
    facts: dict[Path, FileFacts],
    resolver: Resolver,
    root: Path,
    sources: Sequence[Path],
    tests: Sequence[Path],
) -> Iterator[Diagnostic]:
    api = resolver.api
    raised: set[str] = set()
    tested: set[str] = set()
    broken = False
    test_files = set(files.tests)
    for path in [*files.sources, *files.tests]:
        item = facts[path]
        if item.problem is not None:
            broken = True
            yield rules.unparsable(item)
            continue
        yield from _stars(item, resolver)
        if path not in test_files:
            yield from _check_uses(item, resolver, raised)
        else:
            tested |= _references(item, resolver)
    if broken:
        return  # a file that cannot be read may raise anything: S004 and S006 would guess
    expected = [entry for entry in api.catalog.entries if _expected(entry)]
    shown = _shown(sources, root)
    yield from (rules.never_raised(e, root, shown, api) for e in expected if e.code not in raised)
    if tests:
        shown = _shown(tests, root)
        yield from (rules.untested(e, root, shown, api) for e in expected if e.code not in tested)


def _expected(entry: ErrorDef) -> bool:
    """Whether the application should raise the entry: its own, and not deprecated."""
    return entry.raised_by == "application" and entry.deprecated is None


def _check_uses(item: FileFacts, resolver: Resolver, raised: set[str]) -> Iterator[Diagnostic]:
    for use in item.uses:
        meaning = understand(use, item.path, resolver)
        yield from rules.use_problems(use, meaning, item.path, resolver.api)
        if meaning.constructs and meaning.entry is not None:
            raised.add(meaning.entry.code)


def _references(item: FileFacts, resolver: Resolver) -> set[str]:
    """The codes a test file refers to: by name, by lookup key, or by a literal code or URI."""
    found = {
        meaning.entry.code
        for meaning in (understand(use, item.path, resolver) for use in item.uses)
        if meaning.entry is not None
    }
    keys = resolver.api.keys
    found.update(keys[text].code for text in item.strings if text in keys)
    return found


def _stars(item: FileFacts, resolver: Resolver) -> Iterator[Diagnostic]:
    for star in item.stars:
        module = resolver.module(star.module, star.level, item.path)
        if _carries_catalog_names(module, resolver):
            yield rules.star_import(item.path, star)


def _carries_catalog_names(module: Entity, resolver: Resolver, depth: int = 0) -> bool:
    """Whether a star import of ``module`` could bring in names of the generated package."""
    if module.kind == "module":
        return True
    item = resolver.facts.get(module.file) if module.file is not None else None
    if module.kind != "app-module" or item is None or depth > 5:
        return False
    if any(
        resolver.origin(item.path, origin).kind in ("module", "class", "function")
        for _, origin in item.exports
    ):
        return True
    return any(
        _carries_catalog_names(
            resolver.module(star.module, star.level, item.path), resolver, depth + 1
        )
        for star in item.stars
    )


def _shown(paths: Sequence[Path], root: Path) -> str:
    shown = []
    for path in paths:
        try:
            shown.append(path.relative_to(root).as_posix() or ".")
        except ValueError:
            shown.append(path.as_posix())
    return ", ".join(shown)
