"""``errorbook check-source``: check the application's code against the catalog, statically."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from errorbook.cli.common import (
    add_config_option,
    add_format_option,
    add_strict_option,
    emit,
    print_diagnostics,
    project_config,
    say,
)

NAME = "check-source"
HELP = "check the application's code against the catalog, statically: names, calls, coverage"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    add_strict_option(parser)
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="the application's files and folders (default: the source setting)",
    )
    parser.add_argument(
        "--tests",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="also report entries no test refers to (S006); without PATH: the tests setting",
    )
    add_format_option(parser)
    parser.add_argument(
        "--routes",
        action="store_true",
        help="print the route map as JSON on stdout: each operation and the errors it may raise",
    )


def run(args: argparse.Namespace) -> int:
    from errorbook import (
        UsageError,
        render_diagnostics,
        render_routes,
        start_source_check,
        validate,
    )

    if args.routes and args.format != "text":
        raise UsageError("--routes prints JSON on stdout: use it without --format")
    config = project_config(args)
    tests = args.tests
    if tests == []:
        tests = list(config.test_paths)
        if not tests:
            raise UsageError(
                "--tests needs test folders, or the tests setting in the configuration"
            )
    # The application's files are read by workers while the catalog loads here.
    with start_source_check(config, args.paths, tests) as started:
        checked = validate(config)
        if checked.catalog is None:
            print_diagnostics(checked)
            say("the source was not checked: fix the catalog's errors first")
            return 1
        report = started.finish(checked.catalog, strict=args.strict, routes=args.routes)
    if args.routes:
        emit(render_routes(report.operations, report.unresolved))
    if args.format != "text":
        emit(render_diagnostics(report.diagnostics, args.format))
    elif report.diagnostics:
        sys.stderr.write(render_diagnostics(report.diagnostics))
    else:
        noun = "file" if report.files == 1 else "files"
        say(f"{report.files} {noun} ({report.lines:,} lines), no problems found")
    return 0 if report.ok else 1
