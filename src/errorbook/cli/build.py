"""``errorbook build``: validate the catalog, regenerate the pages, build the site into site/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from errorbook.cli.common import (
    add_config_option,
    add_strict_option,
    project_config,
    regenerate,
)
from errorbook.errors import SiteError, UsageError
from errorbook.site_checks import MKDOCS_FILE

NAME = "build"
HELP = "validate, regenerate the pages and build the documentation site (into site/)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    add_strict_option(parser)


def prepare(args: argparse.Namespace) -> Path | None:
    """Validate and regenerate; the MkDocs file to build, or None when the catalog has errors.

    Raises:
        UsageError: There is no mkdocs.yml next to the errorbook configuration.
    """
    config = project_config(args)
    mkdocs_file = config.root / MKDOCS_FILE
    if not mkdocs_file.is_file():
        raise UsageError(
            f"no {MKDOCS_FILE} in {config.root}: create one with `site_url: {config.base_uri}`, "
            "`theme: {name: material}` and `plugins: [search, errorbook]` (see the README)"
        )
    if not regenerate(config, strict=args.strict):
        print("nothing was built: fix the errors above first", file=sys.stderr)
        return None
    return mkdocs_file


def run(args: argparse.Namespace) -> int:
    mkdocs_file = prepare(args)
    if mkdocs_file is None:
        return 1
    from errorbook.mkdocs_plugin import build_site  # MkDocs loads only for the verbs needing it

    try:
        site = build_site(mkdocs_file, strict=True if args.strict else None)
    except SiteError as error:
        print(f"errorbook: error: {error}", file=sys.stderr)
        return 1
    print(f"site built in {_shown(site)}", file=sys.stderr)
    return 0


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(path)
