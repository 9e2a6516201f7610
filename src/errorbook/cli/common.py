"""What several verbs share: the --config option, writing to the terminal, printing results."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from errorbook import OutputError, terminal_text

if TYPE_CHECKING:
    from errorbook import Config, RunResult


class ReaderGone(Exception):
    """Standard output is a pipe whose reader has exited (``| head``): stop without a word."""


def emit(text: str) -> None:
    """Write ``text`` to standard output now, so a failed write is reported where it happens.

    Control characters are shown as escapes (`terminal_text`): the text may quote catalog
    entries, and a terminal would obey them.

    Raises:
        ReaderGone: The pipe was closed by its reader.
        OutputError: Standard output is closed or cannot be written (e.g. the disk is full).
    """
    stream = sys.stdout
    if stream is None:
        raise OutputError("cannot write to standard output: it is closed")
    try:
        stream.write(terminal_text(text))
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


def say(text: str) -> None:
    """A line for the person at the terminal, on standard error, control characters escaped."""
    print(terminal_text(text), file=sys.stderr)


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="pyproject.toml or errorbook.toml to read (default: the one in the current folder)",
    )


def add_strict_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text on stderr (default), a JSON list, or GitHub Actions annotations on stdout",
    )


def project_config(args: argparse.Namespace) -> Config:
    from errorbook import load_config

    config_file: Path | None = args.config
    return load_config(config_file)


def print_diagnostics(run: RunResult, output: str = "text") -> None:
    """The run's diagnostics, or the "no problems" line when there are none."""
    from errorbook import render_diagnostics

    if output != "text":
        emit(render_diagnostics(run.diagnostics, output))  # type: ignore[arg-type]
    elif run.diagnostics:
        sys.stderr.write(render_diagnostics(run.diagnostics))
    else:
        noun = "entry" if run.entries == 1 else "entries"
        say(f"{run.entries} {noun}, no problems found")


def regenerate(config: Config, *, strict: bool, isolated: bool = False) -> bool:
    """Bring the generated files up to date and print what happened; False on errors.

    ``isolated`` (``build``, ``serve``): in a child process, so the site build that follows
    starts with the memory regenerating used given back (see `errorbook.pipeline.regenerate`).
    """
    from errorbook import display_path, regenerate

    run = regenerate(
        config, strict=strict, on_checked=print_diagnostics, on_wait=say, isolated=isolated
    )
    if not run.ok:
        return False
    say(run.summary)
    # A deletion is never silent: it names a file that no entry produces any more.
    for change in run.deleted:
        say(f"deleted {display_path(change.path)}: no entry generates it any more")
    return True
