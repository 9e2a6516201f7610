"""``errorbook init``'s configuration: a ``[tool.errorbook]`` table for an existing
pyproject.toml, or an errorbook.toml of its own."""

from __future__ import annotations

import json


def settings_text(base_uri: str, package: str | None) -> str:
    """The settings, one ``key = value`` line each, with a comment on what each one does."""
    lines = [
        "# type URI = base-uri + code; mkdocs.yml's site_url must equal it",
        f"base-uri = {json.dumps(base_uri)}",
        'catalog = "catalog"                # one YAML file per error',
        'docs-dir = "docs"                  # generated pages (commit them)',
    ]
    if package is not None:
        lines.append(f"python-package = {json.dumps(package)}  # the generated package")
    return "".join(line + "\n" for line in lines)


def pyproject_table(existing: str, base_uri: str, package: str | None) -> str:
    """What to append to a pyproject.toml whose text is ``existing``."""
    separator = (
        ""
        if not existing or existing.endswith("\n\n")
        else "\n"
        if existing.endswith("\n")
        else "\n\n"
    )
    return f"{separator}[tool.errorbook]\n{settings_text(base_uri, package)}"
