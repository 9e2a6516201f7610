"""``errorbook init``: set up a new errorbook project in the current folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from errorbook.cli.common import say

NAME = "init"
HELP = "set up errorbook here: configuration, mkdocs.yml, an example entry, editor schema"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base-uri",
        metavar="URI",
        help="where the docs will be served; type URI = URI + code "
        "(default: https://docs.example.com/errors/, to replace)",
    )
    parser.add_argument(
        "--package", metavar="NAME", help="also generate a Python package with this import name"
    )


def run(args: argparse.Namespace) -> int:
    from errorbook import display_path, init_project

    result = init_project(Path.cwd(), args.base_uri, args.package)
    for path in result.created:
        say(f"created {display_path(path)}")
    for path in result.appended:
        say(f"appended to {display_path(path)}")
    say("next:")
    width = max(len(command) for command, _ in result.next_steps)
    for command, what in result.next_steps:
        say(f"    {command.ljust(width)}  # {what}")
    return 0
