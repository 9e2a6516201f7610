"""Symbolic links in the catalog are followed, to files and folders, in the working tree and in
git revisions alike; what cannot be followed is an error, never a silent gap."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import run_cli
from machine import SHOP
from test_diff_revisions import commit, git

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The shop project, with its limits/ folder and one entry moved out and linked back."""
    folder = tmp_path / "shop"
    shutil.copytree(SHOP, folder, ignore=shutil.ignore_patterns("expected"))
    shared = folder / "shared"
    shared.mkdir()
    (folder / "catalog" / "limits").rename(shared / "limits")
    (folder / "catalog" / "limits").symlink_to("../shared/limits")
    (folder / "catalog" / "orders" / "order_not_found.yaml").rename(shared / "order.yaml")
    (folder / "catalog" / "orders" / "order_not_found.yaml").symlink_to("../../shared/order.yaml")
    return folder


def _pages(project: Path) -> dict[str, str]:
    docs = project / "docs"
    return {p.relative_to(docs).as_posix(): p.read_text() for p in docs.rglob("*") if p.is_file()}


def test_linked_entries_and_folders_are_entries(project: Path) -> None:
    plain = project.parent / "plain"
    shutil.copytree(SHOP, plain, ignore=shutil.ignore_patterns("expected"))
    for folder in (project, plain):
        result = run_cli(["generate"], folder)
        assert result.exit_code == 0, result.stderr
    assert _pages(project) == _pages(plain)


@pytest.mark.parametrize(
    ("name", "target", "message"),
    [
        (
            "gone.yaml",
            "nowhere.yaml",
            "the symbolic link cannot be followed: its target nowhere.yaml does not exist",
        ),
        (
            "self.yaml",
            "self.yaml",
            "the symbolic link cannot be followed: it leads to itself through links",
        ),
        ("up", "..", "the symbolic link cannot be followed: it leads to a folder that contains it"),
    ],
)
def test_a_link_that_cannot_be_followed_is_an_error(
    project: Path, name: str, target: str, message: str
) -> None:
    (project / "catalog" / "orders" / name).symlink_to(target)
    result = run_cli(["validate"], project)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"catalog/orders/{name}:1:1: error: {message} [E026 broken-link]",
        "    hint: links in the catalog are followed: point it at an entry or a folder of them",
    ]
    before = sorted((project / "docs").rglob("*")) if (project / "docs").exists() else []
    assert run_cli(["generate"], project).exit_code == 1  # and no page is deleted for it
    assert (sorted((project / "docs").rglob("*")) if (project / "docs").exists() else []) == before


@pytest.fixture
def repository(project: Path) -> Path:
    git(project, "init", "-q")
    commit(project, "a catalog with linked entries")
    return project


def test_a_revision_follows_links_as_the_working_tree_does(repository: Path) -> None:
    result = run_cli(["diff", "--against", "HEAD"], repository)
    assert (result.exit_code, result.stdout) == (
        0,
        "no changes from HEAD to the working tree: no version bump needed\n",
    )
    (repository / "catalog" / "limits").unlink()
    result = run_cli(["diff", "--against", "HEAD", "--allow-breaking"], repository)
    removed = [line for line in result.stdout.splitlines() if "[entry-removed]" in line]
    assert len(removed) == len(list((repository / "shared" / "limits").glob("*.yaml"))) > 0


def test_a_revision_follows_a_link_through_a_linked_folder(repository: Path) -> None:
    (repository / "catalog" / "extra").mkdir()
    (repository / "catalog" / "extra" / "rate.yaml").symlink_to("../limits/rate_limited.yaml")
    (repository / "catalog" / "extra" / "rate.yaml").resolve(strict=True)
    commit(repository, "an entry linked through a linked folder")
    result = run_cli(["diff", "--against", "HEAD"], repository)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.endswith("no version bump needed\n")


def test_a_link_out_of_the_repository_is_reported_for_a_revision(
    repository: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    shutil.copy(repository / "shared" / "order.yaml", outside)
    (repository / "catalog" / "orders" / "outside.yaml").symlink_to(outside)
    commit(repository, "an entry from outside the repository")
    result = run_cli(["diff", "--against", "HEAD"], repository)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    where = lines.index(
        f"HEAD:catalog/orders/outside.yaml:1:1: error: the symbolic link cannot be followed: "
        f"its target {outside} lies outside the repository, so what it held at the revision is "
        "unknown [E026 broken-link]"
    )
    assert lines[where + 1] == "    hint: link only to files and folders of the repository"
    assert lines[-1] == "cannot compare: the catalog at HEAD does not load"


def test_the_old_configuration_gets_its_old_templates_folder(repository: Path) -> None:
    templates = repository / "templates" / "docs"
    templates.mkdir(parents=True)
    (templates / "README").write_text("overrides go here\n")
    config = repository / "errorbook.toml"
    config.write_text(config.read_text() + 'templates = "templates"\n')
    commit(repository, "template overrides")
    config.write_text(config.read_text().replace('envelope = "rfc9457"', 'envelope = "wrapped"'))
    result = run_cli(["diff", "--against", "HEAD", "--allow-breaking"], repository)
    assert "using today's" not in result.stderr
    assert "[envelope-changed]" in result.stdout
