"""The small things a new user runs into: --version, validate PATHS for pre-commit, hooks."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml

from conftest import run_cli
from errorbook.cli import main

ROOT = Path(__file__).parent.parent
CONFIG = 'base-uri = "https://errors.example.com/"\n'


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("errorbook 0.")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    assert run_cli(["init"], tmp_path).exit_code == 0
    assert run_cli(["new", "orders/late"], tmp_path).exit_code == 0  # TODO markers: warnings
    return tmp_path


def test_validate_reports_only_the_named_entries(project: Path) -> None:
    clean = run_cli(["validate", "--strict", "catalog/requests/not-found.yaml"], project)
    assert (clean.exit_code, clean.stderr) == (0, "1 entry, no problems found\n")
    folder = run_cli(["validate", "--strict", "catalog/orders"], project)
    assert folder.exit_code == 1
    assert {line.split(":")[0] for line in folder.stderr.splitlines() if ": error: " in line} == {
        "catalog/orders/late.yaml"
    }
    assert run_cli(["validate", "--strict"], project).exit_code == 1


def test_rules_across_the_catalog_still_see_every_entry(project: Path) -> None:
    named = project / "catalog" / "requests" / "not-found.yaml"
    twin = project / "catalog" / "requests" / "missing.yaml"
    twin.write_text(named.read_text())  # the same summary: W003 for the second one
    result = run_cli(["validate", "catalog/requests/not-found.yaml"], project)
    assert "W003" in result.stderr and "summary is the same as requests/missing's" in result.stderr


def test_a_path_outside_the_catalog_is_a_usage_error(project: Path) -> None:
    result = run_cli(["validate", "mkdocs.yml"], project)
    assert result.exit_code == 2
    assert "mkdocs.yml is not in the catalog folder catalog" in result.stderr


def test_the_pre_commit_hooks_run_as_pre_commit_runs_them(project: Path) -> None:
    hooks = {
        hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    assert set(hooks) == {"errorbook-validate", "errorbook-generate-check"}
    validate = hooks["errorbook-validate"]
    command = shlex.split(validate["entry"])[1:]
    assert validate["pass_filenames"] is True
    result = run_cli([*command, "catalog/requests/not-found.yaml"], project)
    assert result.exit_code == 0, result.stderr
    check = hooks["errorbook-generate-check"]
    assert check["pass_filenames"] is False
    assert run_cli(shlex.split(check["entry"])[1:], project).exit_code == 1  # never generated
