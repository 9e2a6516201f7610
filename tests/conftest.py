"""Shared test machinery: the in-process CLI runner and golden-file comparison.

Goldens are rewritten with ``python -m pytest --update-goldens``; a failing comparison prints a
unified diff and that command.
"""

from __future__ import annotations

import atexit
import contextlib
import difflib
import functools
import gc
import io
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from logging.handlers import QueueListener
from pathlib import Path
from typing import NamedTuple

import pytest

from errorbook import Catalog, Config, LoadResult, load_catalog, load_config
from errorbook.cli import main

UPDATE_COMMAND = "python -m pytest --update-goldens"
REPOSITORY = Path(__file__).resolve().parent.parent


class Project(NamedTuple):
    """A project's catalog, configuration and everything loading it found."""

    catalog: Catalog
    config: Config
    loaded: LoadResult


@functools.cache
def repository_project() -> Project:
    """The repository's own catalog, loaded once per test session.

    Tests take it through the ``repository`` fixture; only parametrisation, which happens before
    fixtures exist, calls this directly.
    """
    config = load_config(REPOSITORY / "pyproject.toml")
    loaded = load_catalog(config)
    assert loaded.catalog is not None, [d.message for d in loaded.diagnostics]
    return Project(loaded.catalog, config, loaded)


@pytest.fixture(scope="session")
def repository() -> Project:
    """The repository's catalog and configuration, as `errorbook generate` loads them."""
    return repository_project()


#: Case folders are data: the tests inside check-source's cases are its input, not ours to run.
collect_ignore_glob = ["cases/*"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite expected outputs")


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def run_cli(args: Sequence[str], cwd: Path) -> CliResult:
    """Run ``errorbook ARGS`` in-process in ``cwd`` and capture what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with working_directory(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return CliResult(code, out.getvalue(), err.getvalue())


class Goldens:
    """Compares text with files under an expected/ folder, or rewrites them."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, expected: Path, actual: str) -> None:
        actual = actual.replace("\r\n", "\n")
        if self.update:
            expected.parent.mkdir(parents=True, exist_ok=True)
            expected.write_text(actual, encoding="utf-8", newline="\n")
            return
        wanted = expected.read_text(encoding="utf-8") if expected.exists() else None
        if wanted != actual:
            diff = "".join(
                difflib.unified_diff(
                    (wanted or "").splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    str(expected) if wanted is not None else "/dev/null",
                    "actual",
                )
            )
            pytest.fail(
                f"{expected} differs from the actual output:\n{diff}\nupdate with: {UPDATE_COMMAND}"
            )

    def check_tree(self, expected: Path, actual: dict[str, str]) -> None:
        """Compare a whole folder of generated files (relative path → text)."""
        if self.update and expected.exists():
            for old in sorted(expected.rglob("*"), reverse=True):
                old.unlink() if old.is_file() else old.rmdir()
        present = (
            {p.relative_to(expected).as_posix() for p in expected.rglob("*") if p.is_file()}
            if expected.exists()
            else set()
        )
        if not self.update and present != set(actual):
            pytest.fail(
                f"{expected}: files differ. missing: {sorted(set(actual) - present)}, "
                f"unexpected: {sorted(present - set(actual))}\nupdate with: {UPDATE_COMMAND}"
            )
        for name, text in sorted(actual.items()):
            self.check(expected / name, text)


@pytest.fixture
def goldens(request: pytest.FixtureRequest) -> Goldens:
    return Goldens(bool(request.config.getoption("--update-goldens")))


@pytest.fixture(autouse=True, scope="session")
def private_bytecode_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the compiled generated modules of the tests out of the user's cache folder."""
    previous = os.environ.get("ERRORBOOK_CACHE_DIR")
    os.environ["ERRORBOOK_CACHE_DIR"] = str(tmp_path_factory.mktemp("errorbook-cache"))
    yield
    if previous is None:
        del os.environ["ERRORBOOK_CACHE_DIR"]
    else:
        os.environ["ERRORBOOK_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The repository's own project, copied aside and built once with `errorbook build`."""
    from sitetools import ROOT, build, copy_project, site_url_of

    project = copy_project(ROOT, tmp_path_factory.mktemp("repo"))
    return build(project, site_url_of(project))


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The repository's project with the smallest mkdocs.yml, built with `build --strict`."""
    from sitetools import MINIMAL_MKDOCS_YML, ROOT, build, copy_project, site_url_of

    project = copy_project(ROOT, tmp_path_factory.mktemp("minimal"))
    site_url = site_url_of(project)
    text = MINIMAL_MKDOCS_YML.format(site_url=site_url)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    return build(project, site_url, "--strict")


@pytest.fixture(scope="session")
def acme(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """The acme project's package, generated twice and importable: ``wrapped`` (with its
    problems table) and ``flat`` (rfc9457, no problems table); see integrations_support."""
    from integrations_support import generate_variant, on_path

    tmp = tmp_path_factory.mktemp("acme")
    variants = {
        "wrapped": generate_variant(tmp, "acme_errors", wrapped=True, mapped=True),
        "flat": generate_variant(tmp, "acme_flat_errors", wrapped=False, mapped=False),
    }
    with on_path(list(variants.values())):
        yield dict(variants)


@pytest.fixture
def one_thread() -> None:
    """errorbook forks workers only from a process with one thread (`speed.parallel.can_fork`).
    A Litestar app, made by the adapter tests, starts logging threads that outlive it; left
    running, they would make a test of the forked path test the in-process one instead."""
    # Found as objects: each app configures logging anew, so their handlers may be gone. By
    # type(), not isinstance(), which would make a lazy object (Django's settings) set itself up.
    for listener in [item for item in gc.get_objects() if issubclass(type(item), QueueListener)]:
        if listener._thread is not None:
            listener.stop()
            atexit.unregister(listener.stop)  # it would stop again, and fail, at exit
    assert threading.active_count() == 1, [thread.name for thread in threading.enumerate()]
