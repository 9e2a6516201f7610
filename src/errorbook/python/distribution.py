"""The generated package as a distribution of its own: a ``pyproject.toml`` in its folder.

With ``python-distribution = {name = "acme-errors", version = "1.4.0"}``, the package folder
builds into a wheel by itself (``pip wheel src/acme_errors``, ``python -m build``) that API
clients install: it depends on nothing, and ships ``py.typed``. hatchling maps the folder to the
package's import name, so the folder holds no layout of its own.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from errorbook.model import Catalog
from errorbook.model.naming import INTEGRATIONS_PACKAGE
from errorbook.python.export import notice_text
from errorbook.read.config import Config
from errorbook.write.notice import catalog_source

#: The file that makes the package folder a project.
PYPROJECT = "pyproject.toml"


def distribution_files(
    catalog: Catalog, config: Config, package: Mapping[str, str]
) -> dict[Path, str]:
    """The generator of ``<python-package>/pyproject.toml``; none without the setting.

    Args:
        catalog: The catalog (its base URI is the project's documentation URL).
        config: The configuration, with ``python-distribution``.
        package: The package's files, relative to its folder: the wheel ships them, and the
            adapters when ``integrations`` names a framework.
    """
    distribution, folder = config.distribution, config.python_package
    if distribution is None or folder is None:
        return {}
    top = {path.split("/", 1)[0] for path in package if path != PYPROJECT}
    if config.integrations:
        top.add(INTEGRATIONS_PACKAGE)
    lines = [
        *notice_text(catalog_source(config)).splitlines(),
        "# The package as a distribution of its own: `pip wheel .` here builds its wheel.",
        "[build-system]",
        'requires = ["hatchling>=1.21"]',
        'build-backend = "hatchling.build"',
        "",
        "[project]",
        f"name = {_string(distribution.name)}",
        f"version = {_string(distribution.version)}",
        f"description = {_string('Typed RFC 9457 problem details of ' + catalog.base_uri)}",
        'requires-python = ">=3.11"',
        "dependencies = []",
        "",
        "[project.urls]",
        f"Documentation = {_string(catalog.base_uri)}",
        "",
        "[tool.hatch.build.targets.wheel]",
        "# This folder is the package: its files go below the import name in the wheel.",
        f"only-include = [{', '.join(_string(name) for name in sorted(top))}]",
        f'sources = {{"" = {_string(config.package_name or folder.name)}}}',
    ]
    return {folder / PYPROJECT: "\n".join(lines) + "\n"}


def _string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's."""
    return json.dumps(text, ensure_ascii=False)
