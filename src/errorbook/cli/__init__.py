"""The ``errorbook`` command: one module per verb, each a thin adapter over the library."""

from __future__ import annotations

import argparse
import codecs
import io
import re
import sys
from collections.abc import Sequence
from importlib import metadata
from types import ModuleType
from typing import NoReturn

from errorbook import BusyError, ConfigError, OutputError, UsageError
from errorbook.cli import (
    build,
    check_source,
    diff,
    explain,
    export,
    generate,
    init,
    new,
    schema,
    serve,
    validate,
)
from errorbook.cli.common import ReaderGone, say

#: Every verb module has NAME, HELP, add_arguments(parser) and run(args) -> int.
VERBS: tuple[ModuleType, ...] = (
    init,
    validate,
    generate,
    build,
    serve,
    explain,
    new,
    schema,
    export,
    diff,
    check_source,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run errorbook with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    Exit codes: 0 clean, 1 findings or stale output, 2 usage or configuration problems.
    """
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot encode a character gets an escape, not a crash.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=_ESCAPE)
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help (0) and on usage errors (2)
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        code: int = args.run(args)
    except (ConfigError, UsageError, BusyError) as error:
        say(f"errorbook: error: {show_bytes(str(error))}")
        return 2
    except OutputError as error:
        say(f"errorbook: error: {show_bytes(str(error))}")
        return 1
    except ReaderGone:
        return 1
    except KeyboardInterrupt:
        return 130
    return code


#: The error handler of standard output and error: see `_escape`.
_ESCAPE = "errorbook.escape"
#: ``repr()`` of a byte the locale could not decode, as argparse and ``!r`` print it.
_SHOWN_SURROGATE = re.compile(r"(?<!\\)((?:\\\\)*)\\udc([89a-f][0-9a-f])")


def _escape(error: UnicodeError) -> tuple[str, int]:
    """Write what the stream cannot encode as an escape: ``\\xNN`` for a byte of a command-line
    argument or file name that was not text in the locale (Python keeps it as a lone surrogate,
    U+DC80-U+DCFF), and ``\\u...`` as ``backslashreplace`` does for anything else."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = (
        f"\\x{ord(char) - 0xDC00:02x}"
        if 0xDC80 <= ord(char) <= 0xDCFF
        else char.encode("ascii", "backslashreplace").decode("ascii")
        for char in error.object[error.start : error.end]
    )
    return "".join(shown), error.end


codecs.register_error(_ESCAPE, _escape)


def show_bytes(message: str) -> str:
    """``message`` with each ``repr()``-shown undecodable byte (``\\udcff``) shown as ``\\xff``."""
    return _SHOWN_SURROGATE.sub(r"\1\\x\2", message)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        super().error(show_bytes(message))


def _version() -> str:
    try:
        return metadata.version("errorbook")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="errorbook",
        description="Validate an API error catalog and generate its docs and Python package.",
    )
    parser.add_argument("--version", action="version", version=f"errorbook {_version()}")
    verbs = parser.add_subparsers(
        title="commands", metavar="COMMAND", required=True, parser_class=_Parser
    )
    for verb in VERBS:
        sub = verbs.add_parser(verb.NAME, help=verb.HELP, description=verb.HELP)
        verb.add_arguments(sub)
        sub.set_defaults(run=verb.run)
    return parser
