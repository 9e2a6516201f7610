"""The one MkDocs setting errorbook checks: ``site_url`` in mkdocs.yml, next to the configuration.

Read once, with the catalog, so the checks (W007) get it as data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from errorbook.read.yaml_source import Location, read_setting

MKDOCS_FILE = "mkdocs.yml"


@dataclass(frozen=True, slots=True)
class SiteUrl:
    """mkdocs.yml's ``site_url``: None when it is absent or not a string, and where it is."""

    file: Path
    value: str | None
    where: Location


def read_site_url(root: Path) -> SiteUrl | None:
    """The ``site_url`` of ``root/mkdocs.yml``; None without a readable mkdocs.yml."""
    mkdocs_file = root / MKDOCS_FILE
    if not mkdocs_file.is_file():
        return None
    setting = read_setting(mkdocs_file, "site_url")
    if setting is None:
        return None
    value, where = setting
    return SiteUrl(mkdocs_file, value, where)
