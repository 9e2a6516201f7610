"""``errorbook new CODE``: write a complete, valid skeleton entry with TODO markers."""

from __future__ import annotations

import argparse
import sys

from errorbook.cli.common import add_config_option, project_config
from errorbook.diagnostics import display_path
from errorbook.scaffold import create_entry

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
    config = project_config(args)
    path = create_entry(config, args.code, args.status, args.title)
    print(f"created {display_path(path)}", file=sys.stderr)
    print(
        "    next: replace the TODO markers; `errorbook validate` lists what is left",
        file=sys.stderr,
    )
    return 0
