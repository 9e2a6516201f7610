"""The ``errorbook`` command: one module per verb, each a thin adapter over the library."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from types import ModuleType

from errorbook import ConfigError, OutputError, UsageError
from errorbook.cli import build, diff, explain, export, generate, new, schema, serve, validate
from errorbook.cli.common import ReaderGone, say

#: Every verb module has NAME, HELP, add_arguments(parser) and run(args) -> int.
VERBS: tuple[ModuleType, ...] = (
    validate,
    generate,
    build,
    serve,
    explain,
    new,
    schema,
    export,
    diff,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run errorbook with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    Exit codes: 0 clean, 1 findings or stale output, 2 usage or configuration problems.
    """
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot encode a character gets an escape, not a crash.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help (0) and on usage errors (2)
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        code: int = args.run(args)
    except (ConfigError, UsageError) as error:
        say(f"errorbook: error: {error}")
        return 2
    except OutputError as error:
        say(f"errorbook: error: {error}")
        return 1
    except ReaderGone:
        return 1
    except KeyboardInterrupt:
        return 130
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="errorbook",
        description="Validate an API error catalog and generate its docs and Python package.",
    )
    verbs = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for verb in VERBS:
        sub = verbs.add_parser(verb.NAME, help=verb.HELP, description=verb.HELP)
        verb.add_arguments(sub)
        sub.set_defaults(run=verb.run)
    return parser
