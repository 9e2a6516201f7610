"""``errorbook validate``: check every entry and report every problem with its position."""

from __future__ import annotations

import argparse
from pathlib import Path

from errorbook.cli.common import (
    add_config_option,
    add_format_option,
    add_strict_option,
    print_diagnostics,
    project_config,
)

NAME = "validate"
HELP = "check the catalog against the schema and the semantic rules"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    add_strict_option(parser)
    add_format_option(parser)
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="entries or folders of the catalog to report on (default: all); rules across the "
        "catalog still see every entry",
    )


def run(args: argparse.Namespace) -> int:
    from errorbook import validate

    result = validate(project_config(args), strict=args.strict, only=args.paths)
    print_diagnostics(result, args.format)
    return 0 if result.ok else 1
