"""``errorbook generate``: write the docs pages and the Python package, or --check them."""

from __future__ import annotations

import argparse

from errorbook.cli.common import (
    add_config_option,
    add_strict_option,
    emit,
    print_diagnostics,
    project_config,
    regenerate,
    say,
)

NAME = "generate"
HELP = "generate the documentation pages and the Python package from the catalog"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    add_strict_option(parser)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 with a diff when generated files on disk are stale",
    )


def run(args: argparse.Namespace) -> int:
    config = project_config(args)
    if not args.check:
        if regenerate(config, strict=args.strict):
            return 0
        say("nothing was written: fix the errors above first")
        return 1
    from errorbook import check_generated

    result = check_generated(config, strict=args.strict, on_checked=print_diagnostics, on_wait=say)
    if not result.ok:
        say("nothing was written: fix the errors above first")
        return 1
    if result.stale:
        emit(result.stale)
        say("generated files are stale: run `errorbook generate`")
        return 1
    say(f"{result.files} generated files are up to date")
    return 0
