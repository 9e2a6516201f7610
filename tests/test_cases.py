"""End-to-end cases: each folder of tests/cases is a small project and what errorbook prints.

A case folder holds ``case.toml`` (``args``, default ``["validate"]``; ``exit``, default 1),
an ``errorbook.toml`` (written with a default base-uri when absent), the ``catalog/`` it runs
on, and ``expected/``: ``stderr.txt``, ``stdout.txt`` when the command prints there, and
``tree/`` with every file the command created, for generating commands.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import Goldens, run_cli
from errorbook.model.layout import EDITOR_SCHEMA

CASES = Path(__file__).parent / "cases"
DEFAULT_CONFIG = 'base-uri = "https://errors.example.com/"\n'


def _cases() -> list[Path]:
    if not CASES.is_dir():
        return []
    return sorted(path for path in CASES.iterdir() if path.is_dir())


@pytest.mark.parametrize("case", _cases(), ids=lambda path: path.name)
def test_case(case: Path, tmp_path: Path, goldens: Goldens) -> None:
    settings = (
        tomllib.loads((case / "case.toml").read_text()) if (case / "case.toml").exists() else {}
    )
    project = tmp_path / "project"
    shutil.copytree(case, project, ignore=shutil.ignore_patterns("expected", "case.toml"))
    if not (project / "errorbook.toml").exists() and not (project / "pyproject.toml").exists():
        (project / "errorbook.toml").write_text(DEFAULT_CONFIG)
    before = {p for p in project.rglob("*") if p.is_file()}

    result = run_cli(settings.get("args", ["validate"]), project)

    expected = case / "expected"
    goldens.check(expected / "stderr.txt", result.stderr)
    if result.stdout or (expected / "stdout.txt").exists():
        goldens.check(expected / "stdout.txt", result.stdout)
    created = {
        p.relative_to(project).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(project.rglob("*"))
        # The editors' copy of the entry schema is the same in every case: test_editor_schema.py.
        if p.is_file() and p not in before and p.relative_to(project).as_posix() != EDITOR_SCHEMA
    }
    if created or (expected / "tree").exists():
        goldens.check_tree(expected / "tree", created)
    assert result.exit_code == settings.get("exit", 1), result.stderr
