"""``errorbook generate``: write the docs pages and the Python package, or --check them."""

from __future__ import annotations

import argparse
import sys

from errorbook.cli.common import (
    add_config_option,
    add_strict_option,
    emit,
    load_and_report,
    project_config,
    regenerate,
)
from errorbook.generate import generate_outputs, managed_dirs
from errorbook.output import check_outputs

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
        print("nothing was written: fix the errors above first", file=sys.stderr)
        return 1
    result = load_and_report(config, strict=args.strict)
    if result is None or result.catalog is None:
        print("nothing was written: fix the errors above first", file=sys.stderr)
        return 1
    files = generate_outputs(result.catalog, config)
    diff = check_outputs(files, managed_dirs(config))
    if diff:
        emit(diff)
        print("generated files are stale: run `errorbook generate`", file=sys.stderr)
        return 1
    print(f"{len(files)} generated files are up to date", file=sys.stderr)
    return 0
