"""MkDocs empties ``site_dir`` before every build: it must never hold or lie in the project's
inputs."""

from __future__ import annotations

import os
from pathlib import Path

from errorbook.core.diagnostics import display_path
from errorbook.read.config import Config


def site_dir_problem(project: Config, site_dir: Path) -> str | None:
    """Why MkDocs must not build into ``site_dir``, or None: it empties the folder first."""
    site_dir = Path(os.path.normpath(site_dir))
    inputs = {
        "the project folder": project.root,
        "the errorbook configuration": project.source,
        "the catalog": project.catalog,
        "the templates": project.templates,
        "the generated package": project.python_package,
        "the docs folder": project.docs_dir,
    }
    for what, place in inputs.items():
        if place is None:
            continue
        if place.is_relative_to(site_dir) or (
            what != "the project folder" and site_dir.is_relative_to(place)
        ):
            return (
                f"site_dir {display_path(site_dir)} overlaps {what} ({display_path(place)}), and "
                "MkDocs empties site_dir before every build: set site_dir in mkdocs.yml to a "
                "folder of its own, e.g. site"
            )
    return None
