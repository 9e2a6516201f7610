"""Caches are an optimisation only: a cache folder that cannot be used means no cache, no error."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from errorbook.speed import bytecode
from errorbook.speed.bytecode import compile_cached
from errorbook.speed.cachedir import user_cache_dir

CONFIG = 'base-uri = "https://errors.example.com/"\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "errorbook.toml").write_text(CONFIG)
    assert run_cli(["new", "shop/order_not_found", "--status", "500"], project).exit_code == 0
    return project


def test_a_file_where_the_cache_folder_should_be_means_no_cache(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cachefile").write_text("not a folder")
    monkeypatch.delenv("ERRORBOOK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cachefile"))
    for args in (["generate"], ["generate"], ["explain", "shop/order_not_found"]):
        result = run_cli(args, project)
        assert result.exit_code == 0, result.stderr
    last = run_cli(["generate"], project).stderr.splitlines()[-1]
    assert last == "0 of 8 generated files changed"


def test_the_bytecode_cache_folder_being_a_file_only_costs_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cachefile").write_text("not a folder")
    monkeypatch.setenv("ERRORBOOK_CACHE_DIR", str(tmp_path / "cachefile"))
    monkeypatch.setattr(bytecode, "_prune", lambda folder: pytest.fail("nothing was stored"))
    namespace: dict[str, object] = {}
    exec(compile_cached("answer = 42\n", "<test>"), namespace)
    assert namespace["answer"] == 42


def test_a_relative_xdg_cache_home_is_ignored(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert user_cache_dir() == tmp_path / "home" / ".cache" / "errorbook"
    assert run_cli(["generate"], project).exit_code == 0
    assert not (project / "relative").exists()


def test_no_home_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: Path("~")))
    assert user_cache_dir() is None
    monkeypatch.delenv("ERRORBOOK_CACHE_DIR")
    assert bytecode.cache_dir() is None
    assert compile_cached("x = 1\n", "<test>").co_filename == "<test>"
