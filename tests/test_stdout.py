"""Standard output that cannot take the text: escaped when it cannot encode it, one line of
error when a write fails, silence when the reader of a pipe has gone."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from conftest import run_cli
from errorbook.cli import main

SRC = Path(__file__).resolve().parents[1] / "src"


class _Failing(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error


def _main_with_stdout(stdout: io.StringIO, args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(err):
        code = main(args)
    return code, err.getvalue()


def test_a_failed_write_is_one_line_and_exit_1() -> None:
    full = _Failing(OSError(errno.ENOSPC, "No space left on device"))
    code, stderr = _main_with_stdout(full, ["schema"])
    assert (code, stderr) == (
        1,
        "errorbook: error: cannot write to standard output: No space left on device\n",
    )


def test_a_closed_pipe_ends_quietly() -> None:
    code, stderr = _main_with_stdout(
        _Failing(BrokenPipeError(errno.EPIPE, "Broken pipe")), ["schema"]
    )
    assert (code, stderr) == (1, "")


def _errorbook(
    project: Path, *args: str, stdout: int | IO[str] = subprocess.PIPE, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run errorbook from this source tree in a process of its own, with real standard streams."""
    return subprocess.run(
        [sys.executable, "-m", "errorbook", *args],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(SRC), **env},
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "errorbook.toml").write_text('base-uri = "https://errors.example.com/"\n')
    assert (
        run_cli(["new", "shop/order_not_found", "--title", "Café fermé"], tmp_path).exit_code == 0
    )
    return tmp_path


def test_text_the_terminal_cannot_encode_is_escaped(project: Path) -> None:
    result = _errorbook(project, "explain", "shop/order_not_found", PYTHONIOENCODING="ascii")
    assert result.returncode == 0, result.stderr
    assert "Caf\\xe9 ferm\\xe9" in result.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize(
    "args", [["validate", "--format", "json"], ["explain", "shop/order_not_found"], ["schema"]]
)
def test_a_full_disk_under_stdout_is_reported_once(project: Path, args: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        result = _errorbook(project, *args, stdout=full)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "errorbook: error: cannot write to standard output: No space left on device"
    )
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_argument_bytes_that_are_not_text_are_shown_as_hex(project: Path) -> None:
    # Python keeps such bytes as lone surrogates (U+DCFF); neither the streams nor repr() in
    # messages (ours and argparse's) may show them as \udcff.
    code = os.fsdecode(b"shop/\xff")
    result = subprocess.run(
        [sys.executable, "-m", "errorbook", "new", code],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.stderr.startswith(b"errorbook: error: 'shop/\\xff' is not a valid code")
    status = os.fsdecode(b"4\xff")
    result = _errorbook(project, "new", "shop/x", "--status", status)
    assert result.stderr.endswith("argument --status: invalid int value: '4\\xff'\n")
    assert "udc" not in result.stderr
