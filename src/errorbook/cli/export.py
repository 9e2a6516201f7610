"""``errorbook export openapi``: print or write the catalog's OpenAPI 3.1 components."""

from __future__ import annotations

import argparse
from pathlib import Path

from errorbook.cli.common import add_config_option, emit, print_diagnostics, project_config, say

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


def run(args: argparse.Namespace) -> int:
    from errorbook import check_export_target, openapi_text, validate, write_outputs

    out: Path | None = args.out
    config = project_config(args)
    if out is not None:
        check_export_target(config, out)
    checked = validate(config)
    print_diagnostics(checked)
    if checked.catalog is None:
        say("nothing was exported: fix the errors above first")
        return 1
    text = openapi_text(checked.catalog, config, out)
    if out is None:
        emit(text)
        return 0
    changes = write_outputs({out.resolve(): text})
    say(f"{out.as_posix()} {'written' if changes else 'already up to date'}")
    return 0
