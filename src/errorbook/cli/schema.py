"""``errorbook schema``: print the entry JSON Schema, or its path for editor settings."""

from __future__ import annotations

import argparse

from errorbook.cli.common import emit

NAME = "schema"
HELP = "print the JSON Schema of an entry (or its path, for editor settings)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--path", action="store_true", help="print the schema file's path instead")


def run(args: argparse.Namespace) -> int:
    from errorbook import entry_schema_path, entry_schema_text

    if args.path:
        emit(f"{entry_schema_path()}\n")
    else:
        emit(entry_schema_text())
    return 0
