"""The project configuration: ``[tool.errorbook]`` in pyproject.toml, or errorbook.toml."""

from __future__ import annotations

import difflib
import keyword
import os
import sys
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from errorbook.core.diagnostics import display_path
from errorbook.core.errors import ConfigError, first_bad_byte
from errorbook.disk import FileTooLarge, NotRegularFile, read_regular
from errorbook.read.base_uri import normalise_base_uri
from errorbook.read.package_settings import (
    Distribution,
    parse_distribution,
    parse_integrations,
    parse_problems,
)

Envelope = Literal["rfc9457", "wrapped"]
ENVELOPES: tuple[Envelope, ...] = ("rfc9457", "wrapped")

_KEYS = (
    "base-uri",
    "catalog",
    "envelope",
    "python-package",
    "docs-dir",
    "templates",
    "source",
    "tests",
    "integrations",
    "problems",
    "python-distribution",
    "markdown-html",
    "docs-python",
)
#: A configuration file is a few lines; the limit only stops a runaway file (or /dev/zero).
MAX_CONFIG_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class Config:
    """Where the catalog is and where generated output goes. Paths are absolute.

    Attributes:
        source: The file the configuration was read from.
        root: The folder relative paths are resolved against (the config file's folder).
        base_uri: Prefix of every type URI; ends with ``/``.
        catalog: The catalog folder.
        envelope: ``rfc9457`` (a flat problem object) or ``wrapped`` (``{meta, error}``).
        python_package: Folder of the generated Python package, or ``None`` to skip it.
        docs_dir: Folder that receives the generated Markdown pages.
        templates: Folder of template overrides, or ``None``.
        source_paths: The application's Python files and folders that ``check-source`` reads
            (the ``source`` key).
        test_paths: Its tests' files and folders (the ``tests`` key): ``check-source`` reports
            the entries no test refers to.
        integrations: The web frameworks the package gets adapters for (``fastapi``, ...).
        problems: What the adapters turn the frameworks' own errors into: ``(key, code)``
            pairs, the key ``validation`` or an HTTP status such as ``"404"``.
        distribution: The package's distribution name and version, when it is to be built
            into a wheel of its own.
        markdown_html: Markdown fields may hold raw HTML, which the site then serves as is
            (default False: it is shown as text).
        docs_python: Error pages show how to use the error with the generated package
            ("Use It in Python"; default False: the pages address the API's consumers only).
    """

    source: Path
    root: Path
    base_uri: str
    catalog: Path
    envelope: Envelope
    python_package: Path | None
    docs_dir: Path
    templates: Path | None
    source_paths: tuple[Path, ...] = ()
    test_paths: tuple[Path, ...] = ()
    integrations: tuple[str, ...] = ()
    problems: tuple[tuple[str, str], ...] = ()
    distribution: Distribution | None = None
    markdown_html: bool = False
    docs_python: bool = False

    @property
    def package_name(self) -> str | None:
        """The import name of the generated package: the last segment of its folder."""
        return self.python_package.name if self.python_package else None

    @property
    def pages_package(self) -> str | None:
        """The import name of the package the error pages show in use, or None (docs-python)."""
        return self.package_name if self.docs_python else None


def load_config(explicit: Path | None = None, cwd: Path | None = None) -> Config:
    """Find and read the configuration.

    Args:
        explicit: A file given with ``--config``: a pyproject.toml (its ``[tool.errorbook]``
            table is read) or any other TOML file (its top level is read).
        cwd: Where to start looking (`find_config`) when ``explicit`` is None; default: the
            current folder.

    Returns:
        The validated configuration.

    Raises:
        ConfigError: No configuration was found, or a key is missing or invalid.
    """
    path = explicit if explicit is not None else _find_config(cwd or Path.cwd())
    table = _read_table(path)
    return _parse(table, path.resolve(), _table_name(path))


def read_settings(path: Path) -> dict[str, Any]:
    """The errorbook settings of a configuration file as written, before any is checked.

    Raises:
        ConfigError: The file cannot be read, is not TOML, or has no errorbook table.
    """
    return _read_table(path)


def has_errorbook_table(pyproject: Path) -> bool:
    """True when the pyproject.toml has a ``[tool.errorbook]`` table.

    Raises:
        ConfigError: The file cannot be read, or is not TOML.
    """
    tool = _read_toml(pyproject).get("tool", {})
    return isinstance(tool, dict) and "errorbook" in tool


def find_config(cwd: Path) -> Path | None:
    """The nearest configuration file at or above ``cwd``, as ruff and pytest look for theirs:
    in each folder upwards, a ``pyproject.toml`` with a ``[tool.errorbook]`` table, then an
    ``errorbook.toml``; None when no folder up to the root has one."""
    for folder in (cwd, *cwd.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and has_errorbook_table(pyproject):
            return pyproject
        standalone = folder / "errorbook.toml"
        if standalone.is_file():
            return standalone
    return None


def _find_config(cwd: Path) -> Path:
    found = find_config(cwd)
    if found is None:
        raise ConfigError(
            f"no errorbook configuration in {cwd} or any folder above it: run `errorbook init` "
            "to create one, or add a [tool.errorbook] table to pyproject.toml, with at least "
            'base-uri = "https://example.com/errors/"'
        )
    return found


def _table_name(path: Path) -> str:
    """The file as messages name it: relative to the current folder when that is in the file's
    folder (found by looking upwards: ``../errorbook.toml``), else by its name."""
    folder = path.resolve().parent
    shown = display_path(path.resolve()) if Path.cwd().is_relative_to(folder) else path.name
    return f"{shown} [tool.errorbook]" if path.name == "pyproject.toml" else shown


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = read_regular(path, MAX_CONFIG_BYTES)
    except NotRegularFile as error:
        raise ConfigError(f"cannot read {path}: it is {error.what}, not a TOML file") from None
    except FileTooLarge as error:
        raise ConfigError(
            f"cannot read {path}: it has {error.size:,} bytes, and a configuration file may "
            f"have at most {MAX_CONFIG_BYTES:,}"
        ) from None
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ConfigError(
            f"{path} starts with a byte order mark (BOM), which TOML does not allow: save it as "
            "UTF-8 without a BOM"
        )
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path} is not UTF-8 ({first_bad_byte(error)}): TOML files must be UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path} nests arrays or tables too deeply to be read") from None
    except (ValueError, MemoryError) as error:  # tomllib promises TOMLDecodeError only
        raise ConfigError(f"{path} is not valid TOML: {error}") from None


def _read_table(path: Path) -> dict[str, Any]:
    data = _read_toml(path)
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool", {})
    table = tool.get("errorbook") if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise ConfigError(f"{path} has no [tool.errorbook] table")
    return table


def _parse(table: dict[str, Any], source: Path, where: str) -> Config:
    for key in table:
        if key not in _KEYS:
            guess = difflib.get_close_matches(key, _KEYS, n=1)
            tip = f"; did you mean '{guess[0]}'?" if guess else f"; known keys: {', '.join(_KEYS)}"
            raise ConfigError(f"{where}: unknown key '{key}'{tip}")
    root = source.parent
    given = _string(table, "base-uri", where, None)
    try:
        base_uri = normalise_base_uri(given)
    except ValueError as error:
        why = f": {error}" if str(error) else ""
        raise ConfigError(
            f"{where}: base-uri must be an absolute http(s) URI ending in '/', got {given!r}{why}"
        ) from None
    envelope = _string(table, "envelope", where, "rfc9457")
    if envelope not in ENVELOPES:
        raise ConfigError(f"{where}: envelope must be 'rfc9457' or 'wrapped', got {envelope!r}")
    package = _optional_path(table, "python-package", where, root)
    if package is not None:
        check_package_name(package.name, where)
    config = Config(
        source=source,
        root=root,
        base_uri=base_uri,
        catalog=_path(root, _path_setting(table, "catalog", where, "catalog")),
        envelope=envelope,
        python_package=package,
        docs_dir=_path(root, _path_setting(table, "docs-dir", where, "docs")),
        templates=_optional_path(table, "templates", where, root),
        source_paths=_paths(table, "source", where, root),
        test_paths=_paths(table, "tests", where, root),
        integrations=parse_integrations(table, where),
        problems=parse_problems(table, where),
        distribution=parse_distribution(table, where),
        markdown_html=_boolean(table, "markdown-html", where),
        docs_python=_boolean(table, "docs-python", where),
    )
    _check_places(config, where)
    _check_package_settings(config, where)
    return config


def _check_package_settings(config: Config, where: str) -> None:
    """Settings of the generated package need one, and the error map needs adapters."""
    for key, value in (
        ("integrations", config.integrations),
        ("python-distribution", config.distribution),
        ("docs-python", config.docs_python),
    ):
        if value and config.python_package is None:
            raise ConfigError(
                f"{where}: {key} is for the generated package: set python-package too, "
                'e.g. python-package = "src/my_errors"'
            )
    if config.problems and not config.integrations:
        raise ConfigError(
            f"{where}: problems maps the frameworks' own errors for the adapters: set "
            'integrations too, e.g. integrations = ["fastapi"]'
        )


def _check_places(config: Config, where: str) -> None:
    """Refuse output folders whose clean-up could reach files errorbook must never touch."""
    outputs = {"docs-dir": config.docs_dir, "python-package": config.python_package}
    for key, folder in outputs.items():
        if folder is None:
            continue
        # generate deletes stale generated files below these folders: never the project's own.
        for what, place in (
            ("the project folder", config.root),
            ("the catalog", config.catalog),
            ("the configuration file", config.source),
        ):
            if place.is_relative_to(folder):
                raise ConfigError(
                    f"{where}: {key} {folder} holds {what}; generated files need a folder of "
                    f"their own, such as {'docs' if key == 'docs-dir' else 'src/my_errors'}"
                )
        if folder.is_relative_to(config.catalog):
            raise ConfigError(f"{where}: {key} {folder} is inside the catalog {config.catalog}")
    templates = config.templates
    if templates is not None and not templates.is_dir():
        state = "is not a folder" if templates.exists() else "does not exist"
        raise ConfigError(
            f"{where}: templates {templates} {state}: create it (page templates go in its docs/ "
            "subfolder) or remove the setting"
        )


def check_package_name(name: str, where: str) -> None:
    """The generated package's import name must work in ``import NAME`` and mean this package.

    Raises:
        ConfigError: It cannot; the message begins with ``where`` and suggests another name.
    """
    problem = None
    if not name.isidentifier():
        problem = "is not a Python name (letters, digits and _, not starting with a digit)"
    elif unicodedata.normalize("NFKC", name) != name:
        normal = unicodedata.normalize("NFKC", name)
        problem = (
            f"is not in the form Python reads names in (NFKC): import would look for {normal!r}"
        )
    elif keyword.iskeyword(name):
        problem = f"is a Python keyword, so `import {name}` is a syntax error"
    elif name in sys.stdlib_module_names:
        problem = "is the name of a standard-library module, which it would shadow"
    if problem is not None:
        raise ConfigError(
            f"{where}: python-package must end in a valid Python package name; {name!r} "
            f"{problem}: choose another, such as {_suggest(name)!r}"
        )


def _suggest(name: str) -> str:
    normal = unicodedata.normalize("NFKC", name)
    stem = "".join(c if c.isalnum() or c == "_" else "_" for c in normal).strip("_") or "my"
    if stem.isidentifier() and not keyword.iskeyword(stem) and stem not in sys.stdlib_module_names:
        return stem
    return f"{'_' if stem[0].isdigit() else ''}{stem}_errors"


def _path(root: Path, value: str) -> Path:
    # Lexically normalised, so "." and ".." settings compare like the folders they name.
    return Path(os.path.normpath(root / value))


def _string(table: dict[str, Any], key: str, where: str, default: str | None) -> str:
    value = table.get(key, default)
    if value is None:
        raise ConfigError(f"{where}: missing required key '{key}'")
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: '{key}' must be a non-empty string, got {value!r}")
    return value


def _paths(table: dict[str, Any], key: str, where: str, root: Path) -> tuple[Path, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        raise ConfigError(f"{where}: '{key}' must be a list of paths, e.g. {key} = [{value!r}]")
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        example = "tests" if key == "tests" else "src/myapi"
        raise ConfigError(
            f"{where}: '{key}' must be a list of non-empty paths, e.g. {key} = [{example!r}], "
            f"got {value!r}"
        )
    if any("\0" in item for item in value):
        raise ConfigError(f"{where}: '{key}' holds a NUL character, which no path can hold")
    return tuple(dict.fromkeys(_path(root, item) for item in value))


def _path_setting(table: dict[str, Any], key: str, where: str, default: str | None) -> str:
    value = _string(table, key, where, default)
    if "\0" in value:
        raise ConfigError(f"{where}: '{key}' holds a NUL character, which no path can hold")
    return value


def _boolean(table: dict[str, Any], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' must be true or false, got {value!r}")
    return value


def _optional_path(table: dict[str, Any], key: str, where: str, root: Path) -> Path | None:
    if key not in table:
        return None
    return _path(root, _path_setting(table, key, where, None))
