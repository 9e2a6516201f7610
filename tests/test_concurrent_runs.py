"""Real ``errorbook generate`` processes that overlap, or die mid-run, never corrupt a project.

Two runs with different catalogs writing the same outputs, started together many times: each
exits 0 (it ran, perhaps after waiting its turn) or 2 (it gave up waiting), never with a
traceback, and the outputs are exactly those of the run that finished last. Runs killed with
SIGKILL at random moments leave every file absent, as it was or as it was meant, and a plain
re-run repairs everything.

Sized for CI (two cores; the whole suite well under 20 minutes): about two minutes each.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from projects import command, environment, outputs, run, two_catalogs

pytestmark = pytest.mark.slow


class _Run:
    """``errorbook generate`` as a process of its own, its standard error in a file (a pipe
    nobody reads while it runs would fill up and stall it)."""

    def __init__(self, project: Path, config: str) -> None:
        self.log = project.parent / f"stderr-{config}.txt"
        with self.log.open("w") as stderr:
            self.process = subprocess.Popen(
                command("generate", "--config", config),
                cwd=project,
                env=environment(project),
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,  # its own process group: a kill takes its workers too
            )

    def stderr(self) -> str:
        return self.log.read_text()


def _expected(project: Path, configs: dict[str, str]) -> dict[str, dict[str, bytes]]:
    """What each catalog's run leaves in the outputs, generated once, one after the other."""
    trees = {}
    for name, config in configs.items():
        result = run(project, "generate", "--config", config)
        assert result.returncode == 0, result.stderr
        trees[name] = outputs(project)
    return trees


def test_two_runs_with_different_catalogs_never_mix(tmp_path: Path) -> None:
    project = tmp_path / "project"
    configs = two_catalogs(project, 2000)
    expected = _expected(project, configs)
    rng = random.Random(18)
    for trial in range(6):
        if trial % 3:  # without the records, neither run can skip: both really write
            for record in (project / ".cache" / "errorbook").glob("generate-*.json"):
                record.unlink()
        order = rng.sample(sorted(configs), 2)
        runs = {}
        for name in order:
            runs[name] = _Run(project, configs[name])
            time.sleep(rng.uniform(0, 0.5))
        ended: dict[str, float] = {}
        while len(ended) < 2:
            for name, run_ in runs.items():
                if name not in ended and run_.process.poll() is not None:
                    ended[name] = time.monotonic()
            time.sleep(0.01)
        for run_ in runs.values():
            assert run_.process.returncode in (0, 2), run_.stderr()
            assert "Traceback" not in run_.stderr(), run_.stderr()
        last = max(ended, key=lambda name: ended[name])
        assert runs[last].process.returncode == 0, f"trial {trial}: the last run gave up"
        assert outputs(project) == expected[last], f"trial {trial}: the outputs are mixed"
    check = run(project, "generate", "--check", "--config", configs[last])
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr
    # Neither run's record vouches for the other's outputs: the other catalog regenerates.
    other = next(name for name in configs if name != last)
    again = run(project, "generate", "--config", configs[other])
    assert again.returncode == 0 and " 0 of " not in again.stderr, again.stderr
    assert outputs(project) == expected[other]


def test_runs_killed_at_random_moments_leave_whole_files_and_converge(tmp_path: Path) -> None:
    project = tmp_path / "project"
    configs = two_catalogs(project, 300)
    expected = _expected(project, configs)
    start = time.monotonic()
    assert run(project, "generate", "--config", configs["a"]).returncode == 0
    full = time.monotonic() - start
    rng = random.Random(14)
    current = "a"
    for trial in range(24):
        current = "b" if current == "a" else "a"
        killed = _Run(project, configs[current])
        # Anywhere in the run, or (every other time) near its end, where it writes.
        time.sleep(rng.uniform(0.2, 1.1) * full if trial % 2 else rng.uniform(0.7, 1.05) * full)
        if killed.process.poll() is None:
            os.killpg(killed.process.pid, signal.SIGKILL)
        killed.process.wait()
        assert "Traceback" not in killed.stderr()
        for path, data in outputs(project).items():
            versions = {expected[name].get(path) for name in configs} - {None}
            assert data in versions, f"trial {trial}: {path} is neither old nor new"
        if trial % 4 == 3:  # a plain re-run converges, and --check agrees
            current = rng.choice(sorted(configs))
            result = run(project, "generate", "--config", configs[current])
            assert result.returncode == 0, f"trial {trial}: {result.stderr}"
            assert outputs(project) == expected[current]
            check = run(project, "generate", "--check", "--config", configs[current])
            assert check.returncode == 0, check.stdout[-2000:] + check.stderr
