"""Helpers for tests that run errorbook as real processes on synthetic projects."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.synthetic import PACKAGE, synthetic_catalog

SRC = Path(__file__).resolve().parents[1] / "src"
#: The folders errorbook writes in a synthetic project.
OUTPUTS = ("docs", "src")


def command(*args: str) -> list[str]:
    """``errorbook ARGS`` from this source tree, as a process of its own."""
    return [sys.executable, "-m", "errorbook", *args]


def environment(project: Path, **extra: str) -> dict[str, str]:
    """The environment of such a process: this source tree, the record in the project's cache."""
    return {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "XDG_CACHE_HOME": str(project / ".cache"),
        **extra,
    }


def run(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``errorbook ARGS`` in ``project`` and wait (at most two minutes: never a hang)."""
    return subprocess.run(
        command(*args),
        cwd=project,
        env=environment(project, **env),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def two_catalogs(project: Path, n: int) -> dict[str, str]:
    """A project with two different catalogs of ``n`` entries writing the same outputs.

    Returns:
        The configuration file of each catalog, by name (``a`` and ``b``).
    """
    configs = {}
    for name, seed in (("a", 1), ("b", 2)):
        for relative, text in synthetic_catalog(n, seed).items():
            if relative.startswith("catalog/"):
                path = project / f"catalog-{name}" / relative.removeprefix("catalog/")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        configs[name] = f"errorbook-{name}.toml"
        (project / configs[name]).write_text(
            'base-uri = "https://api.example.com/errors/"\n'
            f'catalog = "catalog-{name}"\n'
            f'python-package = "src/{PACKAGE}"\n'
        )
    return configs


def outputs(project: Path) -> dict[str, bytes]:
    """Every visible file errorbook may have written, by path relative to the project."""
    found = {}
    for folder in OUTPUTS:
        for path in (project / folder).rglob("*"):
            relative = path.relative_to(project)
            hidden = any(part.startswith(".") or part == "__pycache__" for part in relative.parts)
            if path.is_file() and not hidden:
                found[relative.as_posix()] = path.read_bytes()
    return found
