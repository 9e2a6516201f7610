"""``errorbook serve``: build, then preview the site with live reload as entries change."""

from __future__ import annotations

import argparse

from errorbook.cli.build import prepare
from errorbook.cli.common import add_config_option, add_strict_option, project_config, say

NAME = "serve"
HELP = "preview the documentation site, regenerating pages when entries or templates change"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    add_strict_option(parser)
    parser.add_argument(
        "--dev-addr",
        metavar="[IP:]PORT",
        help="address to serve on (default: mkdocs.yml's dev_addr, 127.0.0.1:8000)",
    )
    parser.add_argument("--open", action="store_true", help="open the site in a browser")


def run(args: argparse.Namespace) -> int:
    from errorbook import SiteError, serve_address, serve_site, uses_plugin

    address = serve_address(project_config(args), args.dev_addr)  # before regenerating
    site_config = prepare(args)
    if site_config is None:
        return 1
    try:
        if not uses_plugin(site_config):
            say(
                f"errorbook: warning: {site_config.name} does not enable the errorbook plugin, "
                "so edits to entries will not regenerate pages; add `- errorbook` under plugins"
            )
        serve_site(site_config, dev_addr=address, open_browser=args.open)
    except SiteError as error:
        say(f"errorbook: error: {error}")
        return 1
    return 0
