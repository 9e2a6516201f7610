"""``errorbook explain CODE``: print an error's page in the terminal, like ``rustc --explain``."""

from __future__ import annotations

import argparse
import pydoc
import sys

from errorbook.cli.common import add_config_option, emit, print_diagnostics, project_config
from errorbook.errors import UsageError
from errorbook.load import load_catalog
from errorbook.lookup import find_entries, suggest
from errorbook.render_docs import explain_entry
from errorbook.runtime_examples import example_responses

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
    config = project_config(args)
    result = load_catalog(config)
    if result.catalog is None:
        print_diagnostics(list(result.diagnostics))
        return 1
    catalog = result.catalog
    matches = find_entries(catalog, args.code)
    if not matches:
        hint = suggest(catalog, args.code)
        tip = f"; did you mean {hint[0]}?" if hint else ""
        raise UsageError(f"no error in the catalog is called {args.code}{tip}")
    if len(matches) > 1:
        listing = ", ".join(entry.code for entry in matches)
        raise UsageError(f"{args.code} names {len(matches)} errors, give the full code: {listing}")
    entry = matches[0]
    example = example_responses(catalog, config)[entry.code]
    text = explain_entry(entry, catalog, config, example)
    if sys.stdout is not None and sys.stdout.isatty():
        pydoc.pager(text)
    else:
        emit(text)
    return 0
