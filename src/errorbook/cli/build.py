"""``errorbook build``: validate the catalog, regenerate the pages, build the site into site/."""

from __future__ import annotations

import argparse
from pathlib import Path

from errorbook.cli.common import (
    add_config_option,
    add_strict_option,
    project_config,
    regenerate,
    say,
)

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
    from errorbook import mkdocs_file

    config = project_config(args)
    site_config = mkdocs_file(config)
    if not regenerate(config, strict=args.strict, isolated=True):
        say("nothing was built: fix the errors above first")
        return None
    return site_config


def run(args: argparse.Namespace) -> int:
    site_config = prepare(args)
    if site_config is None:
        return 1
    from errorbook import SiteError, build_site, display_path

    try:
        site = build_site(site_config, strict=True if args.strict else None)
    except SiteError as error:
        say(f"errorbook: error: {error}")
        return 1
    say(f"site built in {display_path(site)}/")
    return 0
