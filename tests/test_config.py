"""Finding and reading the configuration; every bad key is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from errorbook.core.errors import ConfigError
from errorbook.read.config import load_config

BASE = 'base-uri = "https://errors.example.com/"\n'


def test_pyproject_table_is_read_and_paths_resolve_against_it(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.errorbook]\n{BASE}catalog = 'errors'\npython-package = 'src/acme_errors'\n"
    )
    config = load_config(cwd=tmp_path)
    assert config.catalog == tmp_path / "errors"
    assert config.docs_dir == tmp_path / "docs"
    assert config.package_name == "acme_errors"
    assert config.envelope == "rfc9457"
    assert config.templates is None
    assert config.markdown_html is False


def test_errorbook_toml_is_used_when_pyproject_has_no_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "errorbook.toml").write_text(BASE + 'envelope = "wrapped"\n')
    config = load_config(cwd=tmp_path)
    assert config.source == (tmp_path / "errorbook.toml").resolve()
    assert config.envelope == "wrapped"


def test_explicit_file_wins(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_text('base-uri = "https://a.example/"\n')
    other = tmp_path / "conf" / "other.toml"
    other.parent.mkdir()
    other.write_text('base-uri = "https://b.example/"\n')
    config = load_config(other, cwd=tmp_path)
    assert config.base_uri == "https://b.example/"
    assert config.catalog == other.parent.resolve() / "catalog"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "missing required key 'base-uri'"),
        (BASE + "catalog = 3\n", "'catalog' must be a non-empty string"),
        (BASE + "python-package = 'src/my-errors'\n", "python-package must end in a valid"),
        ('base-uri = "ftp://x/"\n', "base-uri must be an absolute http(s) URI"),
        (BASE + "docs_dir = 'x'\n", "did you mean 'docs-dir'?"),
        ("base-uri = \n", "not valid TOML"),
        # generate deletes its stale files below these folders: never the project's own files.
        (BASE + "docs-dir = '.'\n", "docs-dir .* holds the project folder"),
        (BASE + "docs-dir = '..'\n", "docs-dir .* holds the project folder"),
        (BASE + "docs-dir = 'catalog'\n", "docs-dir .* holds the catalog"),
        (BASE + "python-package = 'catalog/x/acme'\n", "python-package .* is inside the catalog"),
        (BASE + "templates = 'nowhere'\n", "templates .* does not exist"),
        (BASE + "templates = 'errorbook.toml'\n", "templates .* is not a folder"),
        (BASE + "markdown-html = 'yes'\n", "'markdown-html' must be true or false, got 'yes'"),
    ],
)
def test_bad_configuration_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "errorbook.toml").write_text(text)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_config(cwd=tmp_path)


def test_no_configuration_says_how_to_add_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"add a \[tool.errorbook\] table"):
        load_config(cwd=tmp_path)


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_bytes(BASE.encode() + b"# caf\xe9\n")
    with pytest.raises(ConfigError, match="is not UTF-8"):
        load_config(cwd=tmp_path)


def test_a_pyproject_whose_tool_is_not_a_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("tool = 5\n")
    (tmp_path / "errorbook.toml").write_text(BASE)
    assert load_config(cwd=tmp_path).source.name == "errorbook.toml"
    with pytest.raises(ConfigError, match=r"no \[tool.errorbook\] table"):
        load_config(tmp_path / "pyproject.toml")
