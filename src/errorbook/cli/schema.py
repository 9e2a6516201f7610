"""``errorbook schema``: print the entry JSON Schema, or its path for editor settings."""

from __future__ import annotations

import argparse

from errorbook.cli.common import emit
from errorbook.scaffold import schema_path
from errorbook.serialize import dump_json
from errorbook.validate import entry_schema

NAME = "schema"
HELP = "print the JSON Schema of an entry (or its path, for editor settings)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--path", action="store_true", help="print the schema file's path instead")


def run(args: argparse.Namespace) -> int:
    if args.path:
        emit(f"{schema_path()}\n")
    else:
        emit(dump_json(entry_schema()))
    return 0
