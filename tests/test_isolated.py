"""A regenerate run in a child process gives the caller what a run in its own process gives.

``errorbook build`` and the plugin's one-off builds regenerate in a forked child, so the memory
it used is the system's again before MkDocs builds the site (`errorbook.speed.isolated`).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from benchmarks.synthetic import write_catalog
from errorbook.core.errors import OutputError
from errorbook.pipeline import RunResult, regenerate
from errorbook.read.config import load_config
from errorbook.speed.isolated import in_child


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return write_catalog(tmp_path / "project", 20, seed=4)


def _files(root: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and ".errorbook" not in path.parts and "cache" not in path.parts:
            found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


@pytest.mark.usefixtures("one_thread")
def test_an_isolated_run_writes_and_reports_what_a_run_here_does(
    project: Path, tmp_path: Path
) -> None:
    twin = tmp_path / "twin"
    write_catalog(twin, 20, seed=4)
    seen: list[RunResult] = []

    apart = regenerate(load_config(cwd=project), isolated=True, on_checked=seen.append)
    here = regenerate(load_config(cwd=twin))

    assert _files(project) == _files(twin)
    assert apart.catalog is None
    assert (apart.diagnostics, apart.entries, apart.files) == (
        here.diagnostics,
        here.entries,
        here.files,
    )
    assert [c.path.relative_to(project) for c in apart.changes] == [
        c.path.relative_to(twin) for c in here.changes
    ]
    assert len(seen) == 1  # called here, in this process, with the check's result
    assert seen[0].diagnostics == here.diagnostics


def test_an_isolated_run_with_errors_reports_them(project: Path) -> None:
    broken = sorted((project / "catalog").rglob("*.yaml"))[3]
    broken.write_text(broken.read_text().replace("status:", "statuz:", 1))
    seen: list[RunResult] = []

    run = regenerate(load_config(cwd=project), isolated=True, on_checked=seen.append)

    assert not run.ok
    assert any(d.path == broken for d in run.diagnostics)
    assert [r.diagnostics for r in seen] == [run.diagnostics]


def test_an_error_in_the_child_is_raised_here_after_the_check_is_shown(project: Path) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Written by hand\n")  # not errorbook's file
    seen: list[RunResult] = []

    with pytest.raises(OutputError):
        regenerate(load_config(cwd=project), isolated=True, on_checked=seen.append)

    assert len(seen) == 1
    assert (project / "docs" / "index.md").read_text() == "# Written by hand\n"


@pytest.mark.usefixtures("one_thread")
def test_the_step_runs_in_a_child_and_its_errors_come_back() -> None:
    assert in_child(os.getpid) != os.getpid()

    def fail() -> None:
        raise KeyError("nope")

    with pytest.raises(KeyError, match="nope"):
        in_child(fail)


@pytest.mark.usefixtures("one_thread")
def test_an_exception_that_cannot_travel_comes_back_as_its_text() -> None:
    class Local(Exception):  # a local class cannot be pickled
        pass

    def fail() -> None:
        raise Local("details")

    with pytest.raises(ChildProcessError, match="Local: details"):
        in_child(fail)


def test_with_another_thread_running_the_step_runs_here() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert in_child(os.getpid) == os.getpid()
    finally:
        stop.set()
        other.join()
