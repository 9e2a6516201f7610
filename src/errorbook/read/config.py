"""The project configuration: ``[tool.errorbook]`` in pyproject.toml, or errorbook.toml."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from errorbook.core.errors import ConfigError, first_bad_byte

Envelope = Literal["rfc9457", "wrapped"]
ENVELOPES: tuple[Envelope, ...] = ("rfc9457", "wrapped")

_KEYS = (
    "base-uri",
    "catalog",
    "envelope",
    "python-package",
    "docs-dir",
    "templates",
    "markdown-html",
)
_BASE_URI = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?/$")
_PACKAGE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


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
        markdown_html: Markdown fields may hold raw HTML, which the site then serves as is
            (default False: it is shown as text).
    """

    source: Path
    root: Path
    base_uri: str
    catalog: Path
    envelope: Envelope
    python_package: Path | None
    docs_dir: Path
    templates: Path | None
    markdown_html: bool = False

    @property
    def package_name(self) -> str | None:
        """The import name of the generated package: the last segment of its folder."""
        return self.python_package.name if self.python_package else None


def load_config(explicit: Path | None = None, cwd: Path | None = None) -> Config:
    """Find and read the configuration.

    Args:
        explicit: A file given with ``--config``: a pyproject.toml (its ``[tool.errorbook]``
            table is read) or any other TOML file (its top level is read).
        cwd: Where to look for pyproject.toml, then errorbook.toml, when ``explicit`` is None.

    Returns:
        The validated configuration.

    Raises:
        ConfigError: No configuration was found, or a key is missing or invalid.
    """
    path = explicit if explicit is not None else _find_config(cwd or Path.cwd())
    table = _read_table(path)
    return _parse(table, path.resolve(), _table_name(path))


def _find_config(cwd: Path) -> Path:
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        tool = _read_toml(pyproject).get("tool", {})
        if isinstance(tool, dict) and "errorbook" in tool:
            return pyproject
    standalone = cwd / "errorbook.toml"
    if standalone.is_file():
        return standalone
    raise ConfigError(
        f"no errorbook configuration in {cwd}: add a [tool.errorbook] table to pyproject.toml "
        'or create errorbook.toml, with at least base-uri = "https://example.com/errors/"'
    )


def _table_name(path: Path) -> str:
    return f"{path.name} [tool.errorbook]" if path.name == "pyproject.toml" else path.name


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path} is not UTF-8 ({first_bad_byte(error)}): TOML files must be UTF-8"
        ) from None


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
    base_uri = _string(table, "base-uri", where, None)
    if not _BASE_URI.match(base_uri):
        raise ConfigError(
            f"{where}: base-uri must be an absolute http(s) URI ending in '/', got {base_uri!r}"
        )
    envelope = _string(table, "envelope", where, "rfc9457")
    if envelope not in ENVELOPES:
        raise ConfigError(f"{where}: envelope must be 'rfc9457' or 'wrapped', got {envelope!r}")
    package = _optional_path(table, "python-package", where, root)
    if package is not None and not _PACKAGE_NAME.match(package.name):
        raise ConfigError(
            f"{where}: python-package must end in a valid Python package name, got {package.name!r}"
        )
    config = Config(
        source=source,
        root=root,
        base_uri=base_uri,
        catalog=_path(root, _string(table, "catalog", where, "catalog")),
        envelope=envelope,
        python_package=package,
        docs_dir=_path(root, _string(table, "docs-dir", where, "docs")),
        templates=_optional_path(table, "templates", where, root),
        markdown_html=_boolean(table, "markdown-html", where),
    )
    _check_places(config, where)
    return config


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


def _boolean(table: dict[str, Any], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' must be true or false, got {value!r}")
    return value


def _optional_path(table: dict[str, Any], key: str, where: str, root: Path) -> Path | None:
    if key not in table:
        return None
    return _path(root, _string(table, key, where, None))
