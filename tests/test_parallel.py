"""Forked workers change how fast errorbook is, never what it finds or writes."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synthetic import write_catalog
from errorbook.check.load import load_catalog
from errorbook.core.diagnostics import Diagnostic
from errorbook.pipeline import generate_outputs
from errorbook.read.config import load_config
from errorbook.speed.parallel import MIN_ITEMS_PER_WORKER, parallel_map

MANY = 3 * MIN_ITEMS_PER_WORKER


@pytest.fixture(autouse=True)
def two_cores(one_thread: None) -> None:
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: parallel_map starts no workers")


def test_results_come_back_in_order() -> None:
    results = parallel_map(lambda n: (n * n, os.getpid()), range(MANY))
    assert [square for square, _ in results] == [n * n for n in range(MANY)]
    assert os.getpid() not in {pid for _, pid in results}, "the workers computed them"


_AHEAD = """
import multiprocessing
from errorbook.speed.parallel import MIN_ITEMS_PER_WORKER, map_ahead, parallel_map

MANY = 3 * MIN_ITEMS_PER_WORKER
with map_ahead(lambda n: n * n, range(MANY)) as ahead:
    workers = len(multiprocessing.active_children())
    assert workers >= 2, workers
    # Meanwhile this process has the pool's threads: a parallel_map here runs its loop.
    assert parallel_map(lambda n: n + 1, range(MANY)) == [n + 1 for n in range(MANY)]
    assert len(multiprocessing.active_children()) == workers
    assert ahead.results() == [n * n for n in range(MANY)]
assert multiprocessing.active_children() == []
with map_ahead(lambda n: n * n, range(MANY)):
    assert len(multiprocessing.active_children()) == workers
assert multiprocessing.active_children() == []
print(workers)
"""


def test_work_ahead_runs_while_the_caller_works_and_stops_when_given_up() -> None:
    # A fresh interpreter: workers are forked only from a process with one thread, and a
    # test session may have others.
    ran = subprocess.run(
        [sys.executable, "-c", _AHEAD], capture_output=True, text=True, check=False
    )
    assert ran.returncode == 0, ran.stderr
    assert int(ran.stdout) >= 2


def _fail_on_one(n: int) -> int:
    if n == MANY - 7:
        raise ValueError(f"bad item {n}")
    return n


def test_a_worker_error_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="bad item"):
        parallel_map(_fail_on_one, range(MANY))


def test_parallel_and_sequential_runs_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_catalog(tmp_path, 2 * MIN_ITEMS_PER_WORKER + 20, seed=3)
    config = load_config(cwd=tmp_path)

    def run(jobs: str) -> tuple[object, ...]:
        monkeypatch.setenv("ERRORBOOK_JOBS", jobs)
        result = load_catalog(config)
        assert result.catalog is not None
        return result.diagnostics, generate_outputs(result.catalog, config)

    assert run("1") == run("2")

    broken = sorted(config.catalog.rglob("*.yaml"))[MIN_ITEMS_PER_WORKER + 5]
    broken.write_text(broken.read_text().replace("causes:", "cuases:", 1))
    monkeypatch.setenv("ERRORBOOK_JOBS", "1")
    sequential = load_catalog(config).diagnostics
    monkeypatch.setenv("ERRORBOOK_JOBS", "2")
    assert load_catalog(config).diagnostics == sequential
    assert any(d.code == "E010" and d.path == broken for d in sequential)


def test_records_come_back_from_a_worker_equal_and_whole(tmp_path: Path) -> None:
    write_catalog(tmp_path, 3, seed=5)
    config = load_config(cwd=tmp_path)
    result = load_catalog(config)
    assert result.catalog is not None
    entries = result.catalog.entries
    copies = pickle.loads(pickle.dumps(entries))
    assert copies == entries
    assert all(type(copy) is type(entry) for copy, entry in zip(copies, entries, strict=True))
    diagnostic = Diagnostic(tmp_path / "a.yaml", 3, 5, "W001", "TODO marker", severity="warning")
    assert pickle.loads(pickle.dumps(diagnostic)) == diagnostic
