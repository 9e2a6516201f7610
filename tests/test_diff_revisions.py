"""``errorbook diff`` against git revisions, in throwaway repositories and in this one."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPOSITORY, run_cli
from machine import SHOP


def git(repo: Path, *args: str) -> str:
    identity = ("-c", "user.name=errorbook", "-c", "user.email=errorbook@example.com")
    done = subprocess.run(
        ["git", *identity, "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The shop project in a fresh git repository, with one commit."""
    folder = tmp_path / "shop"
    shutil.copytree(SHOP, folder, ignore=shutil.ignore_patterns("expected"))
    git(folder, "init", "-q")
    commit(folder, "the shop catalog")
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new, 1))


def test_against_the_previous_commit(project: Path) -> None:
    _edit(project / "catalog/limits/rate_limited.yaml", "status: 429", "status: 503")
    commit(project, "rate limits become 503")
    result = run_cli(["diff", "--against", "HEAD~1"], project)
    assert result.exit_code == 1
    assert result.stdout == (
        "limits/rate_limited: breaking: status changed from 429 to 503 [status-changed]\n"
        "    hint: clients branch on the status: add a new type for it and deprecate this one\n"
        "1 change (1 breaking) from HEAD~1 to the working tree: suggested version bump: major\n"
    )
    assert "pass --allow-breaking" in result.stderr
    assert run_cli(["diff", "--against", "HEAD~1", "--allow-breaking"], project).exit_code == 0


def test_uncommitted_edits_count_and_revisions_work_on_both_sides(project: Path) -> None:
    _edit(project / "catalog/limits/rate_limited.yaml", "title: Too Many Requests", "title: Slow")
    result = run_cli(["diff", "--against", "HEAD"], project)
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (
        0,
        "1 change (1 warning) from HEAD to the working tree: suggested version bump: minor",
    )
    commit(project, "retitle")
    result = run_cli(["diff", "HEAD~1", "HEAD", "--format", "json"], project)
    assert result.exit_code == 0
    assert '"old": "HEAD~1"' in result.stdout and '"kind": "title-changed"' in result.stdout


def test_the_configuration_is_read_at_the_revision(project: Path) -> None:
    _edit(project / "errorbook.toml", "shop.example.com/errors/", "shop.example.com/problems/")
    commit(project, "move the base URI")
    result = run_cli(["diff", "--against", "HEAD~1", "--allow-breaking"], project)
    changed = [line for line in result.stdout.splitlines() if "[type-changed]" in line]
    # Two entries set their own type URI (payments/card_declined and shop/payment_required).
    assert len(changed) == 9, result.stdout
    assert "orders/order_not_found: breaking: type URI changed from" in result.stdout


def test_a_configuration_added_later_falls_back_to_todays(project: Path) -> None:
    git(project, "mv", "errorbook.toml", "errorbook.toml.off")
    commit(project, "hide the configuration")
    git(project, "mv", "errorbook.toml.off", "errorbook.toml")
    commit(project, "restore it")
    result = run_cli(["diff", "--against", "HEAD~1"], project)
    assert result.exit_code == 0
    assert result.stderr == (
        "note: HEAD~1: errorbook.toml did not exist then; using today's settings\n"
    )


def test_a_configuration_without_settings_then_falls_back_to_todays(project: Path) -> None:
    (project / "errorbook.toml").unlink()
    (project / "pyproject.toml").write_text('[project]\nname = "shop"\n')
    commit(project, "a pyproject without errorbook settings")
    settings = '\n[tool.errorbook]\nbase-uri = "https://shop.example.com/errors/"\n'
    (project / "pyproject.toml").write_text('[project]\nname = "shop"\n' + settings)
    result = run_cli(["diff", "--against", "HEAD"], project)
    assert (result.exit_code, result.stderr) == (
        0,
        "note: HEAD: pyproject.toml had no usable settings then "
        "(pyproject.toml has no [tool.errorbook] table); using today's\n",
    )


def test_an_unknown_revision_is_a_usage_error(project: Path) -> None:
    result = run_cli(["diff", "--against", "HEAD~5"], project)
    assert (result.exit_code, result.stderr) == (
        2,
        "errorbook: error: unknown git revision 'HEAD~5'\n",
    )
    result = run_cli(["diff", "nowhere", "catalog"], project)
    assert result.exit_code == 2
    assert "'nowhere' is neither a catalog folder nor a git revision" in result.stderr


def test_the_revisions_configuration_locates_its_catalog(project: Path) -> None:
    shutil.move(project / "catalog", project / "errors")
    _edit(project / "errorbook.toml", "\n", '\ncatalog = "errors"\n')
    commit(project, "rename the catalog folder")
    result = run_cli(["diff", "--against", "HEAD~1"], project)
    assert (result.exit_code, result.stdout) == (
        0,
        "no changes from HEAD~1 to the working tree: no version bump needed\n",
    )


def test_a_revision_without_the_catalog_folder(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "errorbook.toml").write_text('base-uri = "https://shop.example.com/errors/"\n')
    commit(tmp_path, "configuration first")
    shutil.copytree(SHOP / "catalog", tmp_path / "catalog")
    commit(tmp_path, "then the catalog")
    result = run_cli(["diff", "--against", "HEAD~1"], tmp_path)
    assert (result.exit_code, result.stderr) == (
        2,
        "errorbook: error: catalog/ does not exist at HEAD~1: "
        "compare with a revision that has the catalog\n",
    )


def test_an_old_catalog_that_does_not_read_is_named_by_revision(project: Path) -> None:
    path = project / "catalog/limits/rate_limited.yaml"
    good = path.read_text()
    path.write_text(good.replace("status: 429", "status: [429"))
    commit(project, "broken")
    path.write_text(good)
    result = run_cli(["diff", "--against", "HEAD"], project)
    assert result.exit_code == 1
    assert result.stderr.startswith("HEAD:catalog/limits/rate_limited.yaml:")
    assert result.stderr.endswith("cannot compare: the catalog at HEAD does not load\n")
    assert result.stdout == ""


def test_an_old_catalog_that_only_breaks_catalog_wide_rules_is_compared(project: Path) -> None:
    path = project / "catalog/limits/rate_limited.yaml"
    good = path.read_text()
    path.write_text(good + "related: [limits/no_such_entry]\n")
    commit(project, "a dangling link")
    path.write_text(good)
    result = run_cli(["diff", "--against", "HEAD"], project)
    assert result.exit_code == 0
    assert result.stderr == (
        "note: HEAD: the catalog has 1 error under today's rules (E016), "
        "but every entry reads, so they are compared\n"
    )
    assert result.stdout.startswith("limits/rate_limited: patch: documentation changed: related")


def test_outside_a_git_work_tree(tmp_path: Path) -> None:
    shutil.copytree(SHOP, tmp_path / "shop", ignore=shutil.ignore_patterns("expected"))
    result = run_cli(["diff", "--against", "HEAD"], tmp_path / "shop")
    assert (result.exit_code, result.stderr) == (
        2,
        "errorbook: error: the project is not inside a git work tree: "
        "compare catalog folders instead\n",
    )


def _history(repository: Path) -> bool:
    try:
        shallow = git(repository, "rev-parse", "--is-shallow-repository").strip() == "true"
        git(repository, "rev-parse", "--verify", "--quiet", "HEAD~1^{commit}")
    except (subprocess.CalledProcessError, FileNotFoundError):
        return False
    return not shallow


@pytest.mark.skipif(not _history(REPOSITORY), reason="needs this repository's git history")
def test_against_the_previous_commit_of_this_repository() -> None:
    result = run_cli(["diff", "--against", "HEAD~1", "--allow-breaking"], REPOSITORY)
    assert result.exit_code == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert last.startswith(("no changes from HEAD~1", f"{last.split()[0]} change")), last
