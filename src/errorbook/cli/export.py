"""``errorbook export openapi``: print or write the catalog's OpenAPI 3.1 components."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from errorbook.cli.common import add_config_option, emit, print_diagnostics, project_config, say

if TYPE_CHECKING:
    from errorbook import Catalog, Config

NAME = "export"
HELP = "export the catalog in another format (openapi: OpenAPI 3.1 components)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument("target", choices=("openapi",), help="what to export")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="write to FILE, as JSON (.json) or YAML (.yaml, .yml); default: JSON on stdout",
    )
    parser.add_argument(
        "--routes",
        action="store_true",
        help="also add paths: the errors each operation of the source setting may raise",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="with --out: write nothing; exit 1 with a diff when FILE is stale (for CI)",
    )


def run(args: argparse.Namespace) -> int:
    from errorbook import (
        UsageError,
        check_export_target,
        check_outputs,
        openapi_text,
        validate,
        write_outputs,
    )

    out: Path | None = args.out
    if args.check and out is None:
        raise UsageError("--check compares the file named by --out: give --out FILE too")
    config = project_config(args)
    if out is not None:
        check_export_target(config, out)
    checked = validate(config)
    print_diagnostics(checked)
    if checked.catalog is None:
        say("nothing was exported: fix the errors above first")
        return 1
    operations = None
    if args.routes:
        operations = _routes(checked.catalog, config)
        if operations is None:
            return 1
    text = openapi_text(checked.catalog, config, out, operations)
    if out is None:
        emit(text)
        return 0
    if args.check:
        stale = check_outputs({out.resolve(): text})
        emit(stale)
        state = "is stale: run the same command without --check" if stale else "is up to date"
        say(f"{out.as_posix()} {state}")
        return 1 if stale else 0
    changes = write_outputs({out.resolve(): text})
    say(f"{out.as_posix()} {'written' if changes else 'already up to date'}")
    return 0


def _routes(catalog: Catalog, config: Config) -> dict[str, dict[str, list[int]]] | None:
    """The route map of the configured source, or None when the source has errors."""
    from errorbook import check_source, render_diagnostics

    report = check_source(catalog, config, routes=True)
    if not report.ok:
        say(render_diagnostics(report.diagnostics).rstrip("\n"))
        say("nothing was exported: fix the source's errors above first (errorbook check-source)")
        return None
    for operation in report.operations:
        if operation.method == "*" and operation.errors:
            say(
                f"note: {operation.path} is left out of paths: its view takes any HTTP method "
                "(restrict it, e.g. with require_http_methods, to export it)"
            )
    return report.responses()
