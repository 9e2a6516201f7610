"""``errorbook new CODE``: write a complete, valid skeleton entry with TODO markers."""

from __future__ import annotations

import argparse

from errorbook.cli.common import add_config_option, project_config, say

NAME = "new"
HELP = "scaffold a new entry at the path its code names"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument(
        "code", metavar="CODE", help="the new error's code, e.g. payments/card/declined"
    )
    parser.add_argument(
        "--status", type=int, default=400, help="HTTP status, 400-599 (default 400)"
    )
    parser.add_argument("--title", help="the fixed title (default: the status's reason phrase)")


def run(args: argparse.Namespace) -> int:
    from errorbook import create_entry, display_path

    path = create_entry(project_config(args), args.code, args.status, args.title)
    say(f"created {display_path(path)}")
    say("    next: replace the TODO markers; `errorbook validate` lists what is left")
    return 0
