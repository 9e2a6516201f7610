"""`errorbook new`: the skeleton is valid, carries every section, and only TODO warnings remain."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
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
    assert schema == (tmp_path / ".errorbook" / "error.schema.json").resolve()
    assert schema.is_file()  # written by new when missing, kept current by generate

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
        (["x/y", "--title", "   "], "--title must be a single non-empty line"),
        (["Orders/Out Of Stock"], "did you mean 'orders/out_of_stock'?"),
        (["orders/Out-Of-Stock.yaml"], "did you mean 'orders/out-of-stock'?"),
        (["orders//x"], "joined by /"),
    ],
)
def test_bad_arguments_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    result = run_cli(["new", *args], tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "catalog").exists() or not any((tmp_path / "catalog").rglob("*.yaml"))


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("a\udc85b", "character 2 is the byte 0x85, which is not text in this locale"),
        ("\u2028x", "character 1 is U+2028 (line separator)"),
        ("bell\x07", "character 5 is U+0007 (a control character)"),
        ("a\x85", "character 2 is U+0085 (a control character)"),
    ],
)
def test_titles_that_are_not_printable_are_refused(
    tmp_path: Path, title: str, message: str
) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    result = run_cli(["new", "a/b", "--title", title], tmp_path)
    assert result.exit_code == 2
    assert f"--title must be one line of printable text; {message}" in result.stderr
    assert not (tmp_path / "catalog").exists()


def test_titles_keep_non_ascii_text_and_spaces(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    assert run_cli(["new", "a/b", "--title", "Café\u00a0fermé 🙂"], tmp_path).exit_code == 0
    assert 'title: "Café\u00a0fermé 🙂"' in (tmp_path / "catalog/a/b.yaml").read_text()


def test_a_catalog_outside_the_project_is_shown_without_crashing(tmp_path: Path) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    (project / "errorbook.toml").write_text(CONFIG + f'catalog = "{elsewhere.as_posix()}"\n')
    result = run_cli(["new", "a/b"], project)
    assert result.exit_code == 0, result.stderr
    assert "created ../elsewhere/a/b.yaml" in result.stderr
    assert (elsewhere / "a/b.yaml").is_file()


def test_a_name_too_long_for_the_file_system_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    result = run_cli(["new", "a/" + "x" * 300], tmp_path)
    assert result.exit_code == 2
    assert "makes a file name longer than the file system allows" in result.stderr
    assert list((tmp_path / "catalog").rglob("*")) == [tmp_path / "catalog/a"]


def test_a_failed_write_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    real = Path.write_bytes

    def half_then_full(self: Path, data: bytes) -> int:
        real(self, data[:10])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", half_then_full)
    result = run_cli(["new", "a/b"], tmp_path)
    assert result.exit_code == 1
    assert "cannot write catalog/a/b.yaml: No space left on device" in result.stderr
    assert list((tmp_path / "catalog/a").iterdir()) == []
    monkeypatch.undo()
    assert run_cli(["new", "a/b"], tmp_path).exit_code == 0


def test_without_hard_links_an_existing_entry_is_still_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)

    def no_links(source: object, target: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    assert run_cli(["new", "a/b", "--title", "First"], tmp_path).exit_code == 0
    again = run_cli(["new", "a/b", "--title", "Second"], tmp_path)
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert 'title: "First"' in (tmp_path / "catalog/a/b.yaml").read_text()
    assert [p.name for p in (tmp_path / "catalog/a").iterdir()] == ["b.yaml"]


@pytest.mark.parametrize("depth", [33, 2_000])
def test_a_code_deeper_than_a_package_can_be_is_refused(tmp_path: Path, depth: int) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    result = run_cli(["new", "/".join(["deep"] * depth), "--status", "500"], tmp_path)
    assert (result.exit_code, result.stderr) == (
        2,
        f"errorbook: error: the code has {depth:,} segments; a code may have at most 32: use "
        "fewer, broader folders\n",
    )
    assert not (tmp_path / "catalog").exists()


@pytest.fixture
def deep_folders() -> Iterator[list[tuple[Path, str, int]]]:
    """Deep trees a test made, removed again by descriptor afterwards: pytest's own clean-up of
    old temporary folders recurses, and prints a RecursionError for a tree 1,000 levels deep."""
    made: list[tuple[Path, str, int]] = []
    yield made
    for catalog, name, depth in made:
        _remove_deep(catalog, name, depth)


def _remove_deep(catalog: Path, name: str, depth: int) -> None:
    folders = [os.open(catalog, os.O_RDONLY)]
    for _ in range(depth):
        folders.append(os.open(name, os.O_RDONLY, dir_fd=folders[-1]))
    os.unlink("leaf.yaml", dir_fd=folders[-1])
    os.close(folders.pop())
    while folders:
        os.rmdir(name, dir_fd=folders[-1])
        os.close(folders.pop())


def _deep_entry(catalog: Path, name: str, depth: int, text: bytes) -> None:
    """``catalog/name/name/.../leaf.yaml``, made by descriptor: os.makedirs would recurse too
    deep, and the path may be too long for one system call."""
    folder = os.open(catalog, os.O_RDONLY)
    for _ in range(depth):
        os.mkdir(name, dir_fd=folder)
        inner = os.open(name, os.O_RDONLY, dir_fd=folder)
        os.close(folder)
        folder = inner
    file = os.open("leaf.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=folder)
    os.write(file, text)
    os.close(file)
    os.close(folder)


def test_a_catalog_a_thousand_folders_deep_is_reported_not_crashed_on(
    tmp_path: Path, deep_folders: list[tuple[Path, str, int]]
) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    assert run_cli(["new", "shop/order_not_found", "--status", "500"], tmp_path).exit_code == 0
    entry = (tmp_path / "catalog/shop/order_not_found.yaml").read_bytes()
    _deep_entry(tmp_path / "catalog", "d", 1_000, entry)
    deep_folders.append((tmp_path / "catalog", "d", 1_000))
    for args in (["validate"], ["generate"], ["generate", "--check"]):
        result = run_cli(args, tmp_path)
        assert result.exit_code == 1, result.stderr
        assert ": error: the code has 1,001 segments; a code may have at most 32 " in result.stderr


def test_a_path_too_long_to_read_is_reported(
    tmp_path: Path, deep_folders: list[tuple[Path, str, int]]
) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    (tmp_path / "catalog").mkdir()
    _deep_entry(tmp_path / "catalog", "folder", 1_000, b"title: Deep\n")
    deep_folders.append((tmp_path / "catalog", "folder", 1_000))
    result = run_cli(["validate"], tmp_path)
    assert result.exit_code == 1
    assert ": error: it cannot be read: File name too long [E027 not-a-file]\n" in result.stderr


@pytest.mark.parametrize(
    "given",
    [
        "orders/out-of-stock",
        "orders/out-of-stock.yaml",
        "catalog/orders/out-of-stock",
        "./catalog/orders/out-of-stock.yaml",
    ],
)
def test_a_code_may_be_given_as_the_entry_path(tmp_path: Path, given: str) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    result = run_cli(["new", given], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "created catalog/orders/out-of-stock.yaml" in result.stderr
    assert [p.name for p in (tmp_path / "catalog").rglob("*.yaml")] == ["out-of-stock.yaml"]


def test_an_entry_may_sit_in_the_catalog_folder_itself(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    assert run_cli(["new", "not-found", "--status", "404"], tmp_path).exit_code == 0
    text = (tmp_path / "catalog" / "not-found.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../.errorbook/error.schema.json\n")
    assert run_cli(["validate"], tmp_path).exit_code == 0


def test_a_padded_title_is_trimmed(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    assert run_cli(["new", "a/b", "--title", "  Out of Stock  "], tmp_path).exit_code == 0
    assert 'title: "Out of Stock"\n' in (tmp_path / "catalog/a/b.yaml").read_text()


def test_new_works_from_a_subfolder_of_the_project(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_text(CONFIG)
    (tmp_path / "catalog" / "orders").mkdir(parents=True)
    result = run_cli(["new", "orders/late"], tmp_path / "catalog" / "orders")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "catalog" / "orders" / "late.yaml").is_file()
