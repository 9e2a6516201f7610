"""The MkDocs plugin, through MkDocs itself: plain ``mkdocs build`` regenerates stale pages,
rewrites only what changed, reports a broken catalog in one line, and watches under serve."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from errorbook.core.errors import SiteError
from errorbook.docs.site import build_site
from errorbook.write.lock import project_lock
from sitetools import ROOT, copy_project, with_site_url

CASE = Path(__file__).parent / "cases" / "docs-pages"
SITE_URL = "https://errors.example.com/"
BANNER = "end of life"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The docs-pages case as a project with the repository's mkdocs.yml and no pages yet."""
    project = copy_project(CASE, tmp_path / "project", ("errorbook.toml", "catalog"))
    (project / "docs").mkdir()  # MkDocs checks that docs_dir exists before any plugin runs
    repo_config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(with_site_url(repo_config, SITE_URL), encoding="utf-8")
    return project


def _run(project: Path, *command: str, quiet: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    if quiet:
        env["NO_MKDOCS_2_WARNING"] = "1"
    # `python -m mkdocs` is what Material checks for too; it finds the same installation.
    return subprocess.run(
        [sys.executable, "-m", *command],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_plain_mkdocs_build_generates_the_pages(project: Path) -> None:
    result = _run(project, "mkdocs", "build", "--strict")

    assert result.returncode == 0, result.stderr
    assert (project / "docs" / "billing" / "card" / "declined.md").is_file()
    assert (project / "site" / "billing" / "card" / "declined" / "index.html").is_file()
    assert re.search(r"errorbook: regenerated (\d+) of \1 files", result.stderr)
    assert BANNER not in result.stderr


def test_material_banner_needs_the_variable_and_errorbook_never_prints_it(project: Path) -> None:
    assert BANNER in _run(project, "mkdocs", "build", quiet=False).stderr
    result = _run(project, "errorbook", "build", quiet=False)
    assert result.returncode == 0, result.stderr
    assert BANNER not in result.stderr


def test_only_changed_pages_are_rewritten(project: Path) -> None:
    build_site(project / "mkdocs.yml")
    docs = sorted((project / "docs").rglob("*.*"))
    for path in docs:
        os.utime(path, ns=(1, 1))
    entry = project / "catalog" / "billing" / "card" / "expired.yaml"
    entry.write_text(entry.read_text().replace("saved the card", "stored the card"))

    build_site(project / "mkdocs.yml")

    rewritten = [
        p.relative_to(project / "docs").as_posix() for p in docs if p.stat().st_mtime_ns != 1
    ]
    assert rewritten == ["billing/card/expired.md"]  # a cause shows on its own page only


def test_broken_catalog_fails_in_one_message(project: Path) -> None:
    entry = project / "catalog" / "auth" / "missing.yaml"
    entry.write_text(entry.read_text().replace("status: 401", "status: 401\nstatus: 403"))

    result = _run(project, "mkdocs", "build")

    assert result.returncode == 1
    assert "errorbook: catalog/auth/missing.yaml:" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(SiteError, match="Aborted"):
        build_site(project / "mkdocs.yml")


def test_serve_watches_the_catalog_and_templates(project: Path) -> None:
    from mkdocs.config import load_config

    (project / "templates").mkdir()
    with (project / "errorbook.toml").open("a") as config_file:
        config_file.write('templates = "templates"\n')
    config = load_config(str(project / "mkdocs.yml"))
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config.plugins["errorbook"].on_serve(Server(), config=config, builder=None)

    assert watched == [str(project / "catalog"), str(project / "templates")]


def test_the_plugin_takes_the_project_lock(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ERRORBOOK_LOCK_TIMEOUT", "0.2")
    with project_lock(project), pytest.raises(SiteError):
        build_site(project / "mkdocs.yml")
    logged = capsys.readouterr().err
    assert f"waiting for another errorbook run in {project} to finish" in logged
    assert f"errorbook: another errorbook run in {project} did not finish within 0.2 s" in logged
    assert not (project / "docs" / "billing").exists()
