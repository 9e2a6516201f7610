"""Finding and reading the configuration; every bad key is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Project, run_cli, working_directory
from errorbook.core.errors import ConfigError
from errorbook.read.config import load_config
from errorbook.read.package_settings import Distribution
from errorbook.read.toml_positions import key_position

BASE = 'base-uri = "https://errors.example.com/"\n'
PACKAGE = BASE + 'python-package = "acme_errors"\n'
ADAPTERS = PACKAGE + 'integrations = ["fastapi"]\n'


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
        # Python's $ also matches before a trailing line feed: the whole value must match.
        ('base-uri = "https://x/\\n"\n', "base-uri must be an absolute http(s) URI"),
        (BASE + 'python-package = "src/errors\\n"\n', "python-package must end in a valid"),
        (BASE + "docs_dir = 'x'\n", "did you mean 'docs-dir'?"),
        ("base-uri = \n", "not valid TOML"),
        # generate deletes its stale files below these folders: never the project's own files.
        (BASE + "docs-dir = '.'\n", "docs-dir .* holds the project folder"),
        (BASE + "docs-dir = '..'\n", "docs-dir .* holds the project folder"),
        (BASE + "docs-dir = 'catalog'\n", "docs-dir .* holds the catalog"),
        (BASE + "python-package = 'catalog/x/acme'\n", "python-package .* is inside the catalog"),
        (BASE + "templates = 'nowhere'\n", "templates .* does not exist"),
        (BASE + "templates = 'errorbook.toml'\n", "templates .* is not a folder"),
        (BASE + "source = 'src/app'\n", "'source' must be a list of paths, e.g. source = "),
        (BASE + "tests = [3]\n", "'tests' must be a list of non-empty paths"),
        (BASE + "source = ['']\n", "'source' must be a list of non-empty paths"),
        (PACKAGE + "integrations = ['starlette']\n", "the fastapi adapter covers Starlette"),
        (PACKAGE + "integrations = 'flask'\n", "integrations must be a list"),
        (PACKAGE + "integrations = ['flask', 'flask']\n", "lists a framework twice"),
        (BASE + "integrations = ['flask']\n", "integrations is for the generated package"),
        (PACKAGE + "problems = {validation = 'a/b'}\n", "set integrations too"),
        (ADAPTERS + "problems = {not-found = 'a/b'}\n", "the keys are 'validation'"),
        (ADAPTERS + "problems = {600 = 'a/b'}\n", "the keys are 'validation'"),
        (ADAPTERS + "problems = {404 = 3}\n", "problems.404 must be a catalog code"),
        (PACKAGE + "python-distribution = 'x'\n", "exactly name and version"),
        (PACKAGE + "python-distribution = {name = 'a b', version = '1'}\n", "distribution name"),
        (PACKAGE + "python-distribution = {name = 'a', version = 'v1'}\n", "PEP 440"),
        (BASE + "markdown-html = 'yes'\n", "'markdown-html' must be true or false, got 'yes'"),
        (BASE + "docs-python = true\n", "docs-python is for the generated package"),
        (PACKAGE + "docs-python = 1\n", "'docs-python' must be true or false, got 1"),
    ],
)
def test_bad_configuration_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "errorbook.toml").write_text(text)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_config(cwd=tmp_path)


def test_source_and_tests_are_lists_of_paths_below_the_config(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_text(
        BASE + "source = ['src/app', 'tools/../src/app', 'scripts']\ntests = ['tests']\n"
    )
    config = load_config(cwd=tmp_path)
    assert config.source_paths == (tmp_path / "src" / "app", tmp_path / "scripts")
    assert config.test_paths == (tmp_path / "tests",)
    assert load_config(cwd=tmp_path / "..", explicit=tmp_path / "errorbook.toml").source_paths


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


def test_adapter_settings_are_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.errorbook]\n{PACKAGE}integrations = ['flask', 'fastapi']\n"
        "python-distribution = {name = 'acme-errors', version = '1.4.0'}\n"
        "[tool.errorbook.problems]\nvalidation = 'a/b'\n404 = 'a/c'\n"
    )
    config = load_config(cwd=tmp_path)
    assert config.integrations == ("flask", "fastapi")
    assert config.problems == (("validation", "a/b"), ("404", "a/c"))
    assert config.distribution == Distribution("acme-errors", "1.4.0")


@pytest.mark.parametrize(
    ("text", "table", "key", "where"),
    [
        ("[tool.errorbook.problems]\nvalidation = 'a'\n", ("tool", "errorbook", "problems"),
         "validation", (2, 14)),
        ("[tool.errorbook]\nproblems = {validation = 'a', 404 = 'b'}\n",
         ("tool", "errorbook", "problems"), "404", (2, 37)),
        ("[problems]\n\"404\" = 'a'\n", ("problems",), "404", (2, 9)),
        ("[problems]\n", ("problems",), "404", (1, 1)),
        ("x = 1\n", ("problems",), "404", (1, 1)),
    ],
)  # fmt: skip
def test_a_key_is_found_where_it_is_written(
    tmp_path: Path, text: str, table: tuple[str, ...], key: str, where: tuple[int, int]
) -> None:
    (tmp_path / "c.toml").write_text(text)
    assert key_position(tmp_path / "c.toml", table, key) == where


def test_the_nearest_configuration_above_is_found(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_text(BASE)
    inner = tmp_path / "catalog" / "orders"
    inner.mkdir(parents=True)
    (tmp_path / "catalog" / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no table
    assert load_config(cwd=inner).source == tmp_path / "errorbook.toml"
    (tmp_path / "catalog" / "pyproject.toml").write_text(f"[tool.errorbook]\n{BASE}")
    assert load_config(cwd=inner).source == tmp_path / "catalog" / "pyproject.toml"


def test_messages_name_the_file_found_above(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_text('base-uri = "ftp://x/"\n')
    (tmp_path / "catalog").mkdir()
    with working_directory(tmp_path / "catalog"), pytest.raises(ConfigError) as raised:
        load_config()
    assert str(raised.value).startswith("../errorbook.toml: base-uri must be")


def test_explain_works_from_a_subfolder(repository: Project) -> None:
    folder = repository.config.root / "catalog" / "unkey"
    result = run_cli(["explain", "unkey/data/api_not_found"], folder)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# unkey/data/api_not_found")
