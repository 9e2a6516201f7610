"""The one orchestrator: unchanged? → read → check → model → generate → write → record.

Every command and the MkDocs plugin run the catalog through these functions. They return what
happened as data (`RunResult`) and never print: the shells decide how to show it.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from errorbook.core.diagnostics import (
    Diagnostic,
    count_errors,
    display_path,
    from_record,
    promote_warnings,
    to_record,
)
from errorbook.core.errors import CatalogError, UsageError
from errorbook.model import Catalog
from errorbook.read.config import Config
from errorbook.read.site_settings import MKDOCS_FILE
from errorbook.speed import collecting_rarely
from errorbook.speed.isolated import in_child
from errorbook.speed.memo import keeping_results, sweep_results
from errorbook.speed.unchanged import (
    LastRun,
    RunInputs,
    Seen,
    forget,
    observe,
    remember,
    remember_later,
    unchanged,
    write_pending,
)
from errorbook.write.apply import write_changes
from errorbook.write.files import FileChange, check_outputs, managed_dirs
from errorbook.write.lock import project_lock

__all__ = [
    "RunResult",
    "check_generated",
    "generate_outputs",
    "generators",
    "regenerate",
    "validate",
    "write_last_record",
]

#: The import name the docs' examples give the package when none is configured.
_EXAMPLE_PACKAGE = "problems"


@dataclass(frozen=True)
class RunResult:
    """What a run found and did.

    Attributes:
        diagnostics: Every diagnostic, sorted, with warnings already errors under ``strict``.
        catalog: The loaded catalog; None when it has errors, or when nothing was loaded.
        entries: How many entries the catalog has.
        files: How many files the generators produce.
        changes: The files written or deleted.
        stale: For a check: the unified diff of the stale generated files; empty when fresh.
        skipped: True when nothing had changed since the last clean run, so nothing was loaded.
        timings: Seconds spent in each stage, in order.
    """

    diagnostics: tuple[Diagnostic, ...]
    catalog: Catalog | None
    entries: int
    files: int = 0
    changes: tuple[FileChange, ...] = ()
    stale: str = ""
    skipped: bool = False
    timings: Mapping[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the catalog has no errors (warnings allowed unless ``strict``)."""
        return count_errors(self.diagnostics) == 0

    @property
    def written(self) -> tuple[FileChange, ...]:
        """The files created or updated."""
        return tuple(change for change in self.changes if change.kind != "delete")

    @property
    def summary(self) -> str:
        """One line on what a writing run did: files created are not "changed"."""
        created = sum(change.kind == "create" for change in self.changes)
        updated = len(self.written) - created
        if not created:
            return f"{updated} of {self.files} generated files changed"
        also = f", {updated} changed" if updated else ""
        return f"{created} of {self.files} generated files created{also}"

    @property
    def deleted(self) -> tuple[FileChange, ...]:
        """The stale generated files deleted: no entry generates them any more."""
        return tuple(change for change in self.changes if change.kind == "delete")


class _Clock:
    """Times the stages of one run."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


def validate(config: Config, *, strict: bool = False, only: Sequence[Path] = ()) -> RunResult:
    """Read and check the whole catalog.

    Args:
        config: The project configuration.
        strict: Treat warnings as errors.
        only: Entry files or folders of the catalog to report on (what pre-commit passes);
            the rules across the catalog still see every entry. Empty: the whole catalog.

    Returns:
        The diagnostics, and the catalog when it has no errors.

    Raises:
        UsageError: A path of ``only`` is not in the catalog folder.
    """
    from errorbook.check.load import load_catalog

    named = _named_paths(config, only)
    clock = _Clock()
    with clock.stage("load and check"):
        loaded = load_catalog(config)
    diagnostics = tuple(promote_warnings(loaded.diagnostics) if strict else loaded.diagnostics)
    catalog = loaded.catalog if count_errors(diagnostics) == 0 else None
    entries = len(loaded.catalog) if loaded.catalog is not None else len(loaded.entries)
    if named:
        diagnostics = tuple(d for d in diagnostics if _below(d.path, named))
        entries = sum(_below(config.root / e.source, named) for e in loaded.entries)
    return RunResult(diagnostics, catalog, entries, timings=clock.timings)


def _named_paths(config: Config, only: Sequence[Path]) -> tuple[Path, ...]:
    """The absolute paths of ``only`` (links not resolved: a code is the path of its link)."""
    named = tuple(_absolute(path) for path in only)
    for path, given in zip(named, only, strict=True):
        if not path.is_relative_to(config.catalog):
            raise UsageError(f"{given} is not in the catalog folder {display_path(config.catalog)}")
    return named


def _absolute(path: Path) -> Path:
    return Path(os.path.normpath(path.absolute()))


def _below(path: Path, named: tuple[Path, ...]) -> bool:
    return any(_absolute(path).is_relative_to(name) for name in named)


def regenerate(
    config: Config,
    *,
    strict: bool = False,
    on_checked: Callable[[RunResult], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    isolated: bool = False,
    load: bool = False,
) -> RunResult:
    """Bring every generated file up to date with the catalog.

    Runs in one project take turns (`errorbook.write.lock`). Nothing is loaded when nothing
    read or written has changed since the last run that wrote (see
    `errorbook.speed.unchanged`): its diagnostics are replayed, so the result is the same.
    Files whose text is already right are not touched, so a watcher (``mkdocs serve``) sees no
    change and does not rebuild in a loop. A catalog with errors writes nothing, and a run that
    fails or is killed while writing leaves every file as it was or as it meant it.

    Args:
        config: The project configuration.
        strict: Treat warnings as errors.
        on_checked: Called with the check's result before anything is generated, so a shell
            can show the diagnostics even when generating then fails.
        on_wait: Told, once, when the run waits for another run in the project.
        isolated: Run in a forked child process where that is safe
            (`errorbook.speed.isolated`), so the memory loading and generating used is given
            back before the caller goes on, to build the site for instance; the result then
            has no ``catalog``, and its ``changes`` no texts (``old``, ``new``).
        load: Load and generate everything even when nothing changed: a preview server's
            first run, so that its later runs find each entry's results (`errorbook.speed.memo`).

    Returns:
        The diagnostics and the files changed.

    Raises:
        BusyError: Another run in the project did not finish in time.
        OutputError: A file could not be written, or belongs to someone else.
        TemplateError: A documentation template is broken.
    """
    managed = managed_dirs(config)
    inputs = _inputs(config)
    with project_lock(config.root, on_wait=on_wait):
        write_pending()  # the last run's record, if a preview server left it to this run
        seen = observe(inputs)  # before anything is read: an edit from now on is a change
        last = None if load else unchanged(seen, managed)
        replayed = None if last is None else _replay(last, strict)
        if replayed is not None:
            if on_checked is not None:
                on_checked(replayed)
            return replayed
        if not isolated:
            return _regenerate(config, strict, on_checked, inputs, seen, managed)
        work = functools.partial(_regenerate_apart, config, strict, inputs, seen, managed)
        checked, result, error = in_child(work)
        if on_checked is not None and checked is not None:
            on_checked(checked)
        if error is not None:
            raise error
        assert result is not None
        return result


def write_last_record() -> None:
    """Record what a preview server's last run wrote, if it left that for later (its next run
    would have): so that the first run after the server stops can skip loading.

    Without the project's lock, so a server that stops never waits: the record is written only
    when disk still matches what the run wrote, and a later run checks both fingerprints before
    it trusts it, so a run meanwhile can at worst make the next one a full run.
    """
    write_pending()


def _regenerate(
    config: Config,
    strict: bool,
    on_checked: Callable[[RunResult], None] | None,
    inputs: RunInputs,
    seen: Seen,
    managed: Sequence[Path],
) -> RunResult:
    """`regenerate`'s work, under its lock, once the last run's record did not answer."""
    with collecting_rarely():
        checked = validate(config, strict=strict)
        if on_checked is not None:
            on_checked(checked)
        if checked.catalog is None:
            return checked
        clock = _Clock()
        clock.timings.update(checked.timings)
        files = generate_outputs(checked.catalog, config, clock.stage)
        with clock.stage("write"):
            forget(inputs)  # a run killed while writing must leave no record behind
            written = write_changes(files, managed)
        sweep_results()  # a preview server keeps what this run used, and no more
        replay = [to_record(diagnostic) for diagnostic in checked.diagnostics]
        record = functools.partial(
            remember, seen, checked.entries, tuple(files), written.footprint, managed, replay
        )
        if keeping_results():  # a preview server: after its author sees the page
            remember_later(record)
        else:
            record()
    return RunResult(
        checked.diagnostics,
        checked.catalog,
        checked.entries,
        len(files),
        written.changes,
        timings=clock.timings,
    )


def _regenerate_apart(
    config: Config, strict: bool, inputs: RunInputs, seen: Seen, managed: Sequence[Path]
) -> tuple[RunResult | None, RunResult | None, CatalogError | None]:
    """`_regenerate` in a child process: the check's result, the run's, or the error that
    ended it, without the catalog (the parent calls ``on_checked`` and raises the error)."""
    checked: list[RunResult] = []

    def keep(result: RunResult) -> None:
        checked.append(replace(result, catalog=None))

    try:
        result = _regenerate(config, strict, keep, inputs, seen, managed)
    except CatalogError as error:
        return (checked[0] if checked else None), None, error
    # Each change holds the file's old and new text: 120 MB at 10,000 entries, to pickle here
    # and unpickle there. The caller needs only what changed.
    changes = tuple(replace(change, old="", new="") for change in result.changes)
    return (checked[0] if checked else None), replace(result, catalog=None, changes=changes), None


def _replay(last: LastRun, strict: bool) -> RunResult | None:
    """The result of a skipped run: the last run's diagnostics, as a full run would give them."""
    diagnostics = [from_record(record) for record in last.replay]
    if None in diagnostics:
        return None
    found = [d for d in diagnostics if d is not None]
    found = promote_warnings(found) if strict else found
    return RunResult(tuple(found), None, last.entries, last.files, skipped=True)


def check_generated(
    config: Config,
    *,
    strict: bool = False,
    on_checked: Callable[[RunResult], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> RunResult:
    """Compare the generated files on disk with what the catalog generates; write nothing.

    Args:
        config: The project configuration.
        strict: Treat warnings as errors.
        on_checked: As for `regenerate`.
        on_wait: As for `regenerate`: a check waits for a run that writes.

    Returns:
        The diagnostics, and in ``stale`` a unified diff of every file that differs.

    Raises:
        BusyError: Another run in the project did not finish in time.
    """
    with project_lock(config.root, shared=True, on_wait=on_wait):
        checked = validate(config, strict=strict)
        if on_checked is not None:
            on_checked(checked)
        if checked.catalog is None:
            return checked
        files = generate_outputs(checked.catalog, config)
        stale = check_outputs(files, managed_dirs(config))
    return RunResult(checked.diagnostics, checked.catalog, checked.entries, len(files), stale=stale)


#: Times one named stage of a run: ``with stage("docs"): ...``.
Stage = Callable[[str], AbstractContextManager[None]]
#: A generator turns the catalog into files keyed by absolute path; it also gets the generated
#: package's files (``{relative path: text}``), exported once for every generator.
Generator = Callable[[Catalog, Config, Mapping[str, str]], dict[Path, str]]


def generators() -> tuple[tuple[str, Generator], ...]:
    """Every generator, named, in the order they run. Imported only when a run needs them."""
    from errorbook.check.editor_schema import generate_editor_schema
    from errorbook.docs.render import generate_docs
    from errorbook.machine.outputs import generate_catalog_json, generate_schemas
    from errorbook.python.distribution import distribution_files
    from errorbook.python.export import package_files
    from errorbook.python.integrations import integration_files

    return (
        ("python package", lambda catalog, config, package: package_files(package, config)),
        ("integrations", integration_files),
        ("distribution", distribution_files),
        ("catalog.json", lambda catalog, config, package: generate_catalog_json(catalog, config)),
        ("schemas", lambda catalog, config, package: generate_schemas(catalog, config)),
        ("docs", generate_docs),
        ("editor schema", lambda catalog, config, package: generate_editor_schema(config)),
    )


def generate_outputs(
    catalog: Catalog, config: Config, stage: Stage | None = None
) -> dict[Path, str]:
    """Everything errorbook generates for this catalog, in memory, keyed by absolute path.

    The Python package is exported once: its files are written (when ``python-package`` is
    set) and imported for the example responses the docs show.

    Args:
        catalog: A catalog without errors.
        config: The project configuration.
        stage: Times each generator (see `RunResult.timings`); optional.
    """
    from errorbook.python.export import export_package

    timed = stage or _untimed
    with timed("export the package"):
        package = export_package(catalog, config.package_name or _EXAMPLE_PACKAGE)
    files: dict[Path, str] = {}
    for name, generator in generators():
        with timed(name):
            files.update(generator(catalog, config, package))
    return dict(sorted(files.items()))


@contextmanager
def _untimed(name: str) -> Iterator[None]:
    yield


def _inputs(config: Config) -> RunInputs:
    """What a run's outputs depend on: the catalog, configuration, mkdocs.yml (W007),
    templates and errorbook itself."""
    folders = [config.catalog, Path(__file__).resolve().parent]
    if config.templates is not None:
        folders.append(config.templates)
    files = (config.source, config.root / MKDOCS_FILE)
    return RunInputs(str(config.source), files, tuple(folders), repr(config))
