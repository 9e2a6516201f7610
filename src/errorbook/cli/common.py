"""What several verbs share: the --config option, loading the project, printing diagnostics."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from errorbook.config import Config, load_config
from errorbook.diagnostics import (
    RENDERERS,
    Diagnostic,
    count_errors,
    display_path,
    promote_warnings,
)
from errorbook.errors import OutputError
from errorbook.freshness import settle, unchanged
from errorbook.output import managed_dirs, write_outputs

if TYPE_CHECKING:
    from errorbook.load import LoadResult


class ReaderGone(Exception):
    """Standard output is a pipe whose reader has exited (``| head``): stop without a word."""


def emit(text: str) -> None:
    """Write ``text`` to standard output now, so a failed write is reported where it happens.

    Raises:
        ReaderGone: The pipe was closed by its reader.
        OutputError: Standard output is closed or cannot be written (e.g. the disk is full).
    """
    stream = sys.stdout
    if stream is None:
        raise OutputError("cannot write to standard output: it is closed")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        _discard(stream)
        raise ReaderGone from None
    except OSError as error:
        _discard(stream)
        raise OutputError(f"cannot write to standard output: {error.strerror or error}") from None


def _discard(stream: TextIO) -> None:
    """Point the stream's descriptor at the null device.

    What is still buffered would otherwise fail again when the interpreter flushes it on
    exit, with an "Exception ignored" warning and exit code 120.
    """
    with contextlib.suppress(OSError, ValueError):  # no descriptor: a StringIO, in tests
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="pyproject.toml or errorbook.toml to read (default: the one in the current folder)",
    )


def add_strict_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")


def project_config(args: argparse.Namespace) -> Config:
    config_file: Path | None = args.config
    return load_config(config_file)


def load_and_report(config: Config, *, strict: bool, output: str = "text") -> LoadResult | None:
    """Load the catalog and print its diagnostics; None when there are errors."""
    from errorbook.load import load_catalog  # the library loads only when a command needs it

    result = load_catalog(config)
    diagnostics: list[Diagnostic] = list(result.diagnostics)
    if strict:
        diagnostics = promote_warnings(diagnostics)
    print_diagnostics(diagnostics, output, entries=len(result.catalog or ()))
    return result if result.ok and not count_errors(diagnostics) else None


def print_diagnostics(
    diagnostics: list[Diagnostic], output: str = "text", *, entries: int = 0
) -> None:
    if output != "text":
        emit(RENDERERS[output](diagnostics))
    elif diagnostics:
        sys.stderr.write(RENDERERS["text"](diagnostics))
    else:
        noun = "entry" if entries == 1 else "entries"
        print(f"{entries} {noun}, no problems found", file=sys.stderr)


def regenerate(config: Config, *, strict: bool) -> bool:
    """Validate the catalog and write every generated file that changed, printing a summary.

    When nothing read or written has changed since the last clean run, the work is skipped
    and the same summary printed (see `errorbook.freshness`).

    Returns:
        False when the catalog has errors; nothing is written then.
    """
    managed = managed_dirs(config)
    last = unchanged(config, managed)
    if last is not None:
        print_diagnostics([], entries=last.entries)
        print(f"0 of {last.files} generated files changed", file=sys.stderr)
        return True
    from errorbook.generate import generate_outputs

    result = load_and_report(config, strict=strict)
    if result is None or result.catalog is None:
        return False
    files = generate_outputs(result.catalog, config)
    changes = write_outputs(files, managed)
    settle(config, not result.diagnostics, len(result.catalog), files, managed)
    deleted = [change.path for change in changes if change.kind == "delete"]
    written = len(changes) - len(deleted)
    print(f"{written} of {len(files)} generated files changed", file=sys.stderr)
    # A deletion is never silent: it names a file that no entry produces any more.
    for path in deleted:
        print(f"deleted {display_path(path)}: no entry generates it any more", file=sys.stderr)
    return True


def tune_garbage_collector() -> None:
    """Collect reference cycles rarely: a run builds the catalog once and keeps it to the end.

    By default a collection starts every 700 new container objects and, every hundred of those,
    re-examines everything alive: while a large catalog loads, that re-checks the same live
    entries over and over, a fifth of the load time at 10,000 entries. mypy raises the same
    threshold for the same reason. Cycles are still collected, just in larger batches.
    """
    gc.set_threshold(100_000, 20, 20)
