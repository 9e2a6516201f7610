"""A FIFO, socket or device where errorbook reads or writes is named, never opened: real
processes with a timeout, since opening a FIFO would block forever."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli
from projects import run

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "errorbook.toml").write_text('base-uri = "https://errors.example.com/"\n')
    assert run_cli(["new", "shop/order_not_found", "--status", "500"], tmp_path).exit_code == 0
    return tmp_path


def _errorbook(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return run(project, *args)
    except subprocess.TimeoutExpired:
        pytest.fail(f"errorbook {' '.join(args)} hangs")


@pytest.mark.parametrize("output", ["docs/catalog.json", "docs/index.md"])
@pytest.mark.parametrize("args", [["generate"], ["generate", "--check"]])
def test_a_fifo_where_an_output_goes(project: Path, output: str, args: list[str]) -> None:
    assert _errorbook(project, "generate").returncode == 0
    (project / output).unlink()
    os.mkfifo(project / output)
    result = _errorbook(project, *args)
    assert (result.returncode, result.stderr.splitlines()[-1]) == (
        1,
        f"errorbook: error: {project / output} is a FIFO, where errorbook writes a file: "
        "move it away",
    )


def test_a_fifo_where_the_record_goes(project: Path) -> None:
    assert _errorbook(project, "generate").returncode == 0
    (record,) = (project / ".cache" / "errorbook").glob("generate-*.json")
    record.unlink()
    os.mkfifo(record)
    for _ in range(2):  # not read, then replaced by the new record
        result = _errorbook(project, "generate")
        assert result.returncode == 0, result.stderr
        assert result.stderr.endswith("0 of 8 generated files changed\n")
    assert record.is_file()


def test_a_fifo_where_an_entry_goes(project: Path) -> None:
    os.mkfifo(project / "catalog" / "shop" / "stuck.yaml")
    result = _errorbook(project, "validate")
    assert result.returncode == 1
    assert (
        "catalog/shop/stuck.yaml:1:1: error: the entry is a FIFO, not a regular file "
        "[E027 not-a-file]\n"
        "    hint: an entry is a regular file: replace it with one, or move it away\n"
    ) in result.stderr
