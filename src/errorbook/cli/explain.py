"""``errorbook explain CODE``: print an error's page in the terminal, like ``rustc --explain``."""

from __future__ import annotations

import argparse
import pydoc
import sys

from errorbook.cli.common import add_config_option, emit, print_diagnostics, project_config

NAME = "explain"
HELP = "print the documentation of one error (by code, URN, type URI or name)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument(
        "code",
        metavar="CODE",
        help="e.g. unkey/authentication/key_not_found, err:unkey:authentication:key_not_found, "
        "its type URI, or key_not_found",
    )


def run(args: argparse.Namespace) -> int:
    from errorbook import explain, terminal_text, validate

    config = project_config(args)
    checked = validate(config)
    if checked.catalog is None:
        print_diagnostics(checked)
        return 1
    text = explain(checked.catalog, config, args.code)
    if sys.stdout is not None and sys.stdout.isatty():
        pydoc.pager(terminal_text(text))
    else:
        emit(text)
    return 0
