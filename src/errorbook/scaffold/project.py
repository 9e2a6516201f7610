"""``errorbook init``: a new errorbook project that builds, in an empty or an existing folder.

It writes the configuration, mkdocs.yml, a .gitignore line, one example entry and the editors'
copy of the entry schema, and never replaces a file: when one it would write exists, it writes
nothing and says which. Right after it, ``errorbook build --strict`` succeeds.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from errorbook.check.editor_schema import editor_schema_text
from errorbook.core.diagnostics import display_path
from errorbook.core.errors import ConfigError, OutputError, UsageError
from errorbook.model.layout import editor_schema_file, modeline
from errorbook.read.base_uri import normalise_base_uri
from errorbook.read.config import check_package_name, has_errorbook_table
from errorbook.read.site_settings import MKDOCS_FILE
from errorbook.scaffold.config_file import pyproject_table, settings_text
from errorbook.scaffold.example import EXAMPLE_CODE, example_entry
from errorbook.scaffold.gitignore import gitignore_addition
from errorbook.scaffold.site_config import mkdocs_yml

#: The base URI when none is given: a reserved name (RFC 2606), to replace before publishing.
DEFAULT_BASE_URI = "https://docs.example.com/errors/"


@dataclass(frozen=True, slots=True)
class InitResult:
    """What ``init`` did.

    Attributes:
        created: The files written, in order.
        appended: The existing files that got lines at their end (pyproject.toml, .gitignore).
        next_steps: The commands to run next, each with what it does.
    """

    created: tuple[Path, ...]
    appended: tuple[Path, ...]
    next_steps: tuple[tuple[str, str], ...]


def init_project(
    folder: Path, base_uri: str | None = None, package: str | None = None
) -> InitResult:
    """Set up an errorbook project in ``folder``.

    Args:
        folder: The project folder; it may hold a pyproject.toml, which gets the settings.
        base_uri: The base URI of every type URI (default: `DEFAULT_BASE_URI`).
        package: The import name of a generated Python package, if one is wanted; it goes in
            ``src/`` when the folder has one.

    Raises:
        UsageError: A file ``init`` writes exists already, or an argument is invalid.
        OutputError: A file could not be written.
    """
    base = _base_uri(base_uri)
    package_folder = _package_folder(folder, package)
    new, appended = _plan(folder, base, package_folder)
    # With the settings in pyproject.toml, an errorbook.toml would be silently ignored.
    must_be_absent = [
        *new,
        *([folder / "errorbook.toml"] if appended.get(folder / "pyproject.toml") else []),
    ]
    taken = [path for path in must_be_absent if path.exists() or path.is_symlink()]
    if taken:
        raise UsageError(
            f"{display_path(taken[0])} exists already, and init never replaces a file: "
            "move it away, or set the project up by hand (see the README's Quick start)"
        )
    try:
        for path, text in new.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as stream:
                stream.write(text)
        for path, text in appended.items():
            with path.open("a", encoding="utf-8") as stream:
                stream.write(text)
    except OSError as error:
        where = error.filename or folder
        raise OutputError(f"cannot write {where}: {error.strerror or error}") from None
    example = "orders/out-of-stock"
    next_steps = (
        (f"errorbook new {example} --status 409", "describe your first error"),
        ("errorbook validate", "check every entry, with file:line:col"),
        ("errorbook serve", "preview the site, regenerated as you edit"),
    )
    return InitResult(tuple(new), tuple(appended), next_steps)


def _base_uri(given: str | None) -> str:
    try:
        return normalise_base_uri(given or DEFAULT_BASE_URI)
    except ValueError as error:
        why = f": {error}" if str(error) else ""
        raise UsageError(
            f"--base-uri must be an absolute http(s) URI ending in '/', got {given!r}{why}"
        ) from None


def _package_folder(folder: Path, package: str | None) -> str | None:
    if package is None:
        return None
    try:
        check_package_name(package, "--package")
    except ConfigError as error:
        raise UsageError(str(error)) from None
    return f"src/{package}" if (folder / "src").is_dir() else package


def _plan(
    folder: Path, base_uri: str, package: str | None
) -> tuple[dict[Path, str], dict[Path, str]]:
    """The files to create, and the lines to append to files that exist."""
    new: dict[Path, str] = {}
    appended: dict[Path, str] = {}
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        if has_errorbook_table(pyproject):
            raise UsageError(
                f"{display_path(pyproject)} has a [tool.errorbook] table already: this folder "
                "is an errorbook project"
            )
        appended[pyproject] = pyproject_table(
            pyproject.read_text(encoding="utf-8"), base_uri, package
        )
    else:
        new[folder / "errorbook.toml"] = settings_text(base_uri, package)
    new[folder / MKDOCS_FILE] = mkdocs_yml(_site_name(folder), base_uri)
    entry = folder / "catalog" / f"{EXAMPLE_CODE}.yaml"
    new[entry] = example_entry(modeline(entry, folder))
    new[editor_schema_file(folder)] = editor_schema_text()
    gitignore = folder / ".gitignore"
    existing = None
    with contextlib.suppress(FileNotFoundError):
        existing = gitignore.read_text(encoding="utf-8")
    addition = gitignore_addition(existing)
    if addition is not None:
        (appended if existing is not None else new)[gitignore] = addition
    return new, appended


def _site_name(folder: Path) -> str:
    name = folder.resolve().name.replace("-", " ").replace("_", " ")
    return f"{name.strip().title() or 'API'} error reference"
