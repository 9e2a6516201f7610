"""`errorbook new`: the skeleton is valid, carries every section, and only TODO warnings remain."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

CONFIG = 'base-uri = "https://errors.example.com/"\n'


@pytest.mark.parametrize("status", [400, 401, 404, 429, 500, 503])
def test_skeleton_validates_with_only_todo_warnings(tmp_path: Path, status: int) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    created = run_cli(["new", "shop/cart/item_missing", "--status", str(status)], tmp_path)
    assert created.exit_code == 0, created.stderr
    text = (tmp_path / "catalog/shop/cart/item_missing.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    schema = (tmp_path / "catalog/shop/cart" / text.split("$schema=")[1].split("\n")[0]).resolve()
    assert schema.name == "error.schema.json" and schema.is_file()

    result = run_cli(["validate"], tmp_path)
    assert result.exit_code == 0, result.stderr
    rules = {line.split("[")[-1] for line in result.stderr.splitlines() if ": warning: " in line}
    assert rules == {"W001 todo-marker]"}
    assert run_cli(["validate", "--strict"], tmp_path).exit_code == 1


def test_title_defaults_to_the_reason_phrase_and_is_quoted(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    run_cli(["new", "a/b", "--status", "418"], tmp_path)
    run_cli(["new", "a/c", "--title", 'Quote " and: colon'], tmp_path)
    assert 'title: "I\'m a Teapot"' in (tmp_path / "catalog/a/b.yaml").read_text()
    assert 'title: "Quote \\" and: colon"' in (tmp_path / "catalog/a/c.yaml").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x/y", "--status", "302"], "--status must be between 400 and 599"),
        (["x/y", "--title", ""], "--title must be a single non-empty line"),
        (["toplevel"], "at least one folder"),
    ],
)
def test_bad_arguments_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    result = run_cli(["new", *args], tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "catalog").exists() or not any((tmp_path / "catalog").rglob("*.yaml"))
