"""The synthetic catalog generator: deterministic, shaped like a real catalog, and valid."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.synthetic import FOLDER_SIZE, plan_slots, synthetic_catalog, write_catalog
from benchmarks.synthetic_small import small_catalog, write_small_catalog
from benchmarks.synthetic_source import write_source
from conftest import run_cli


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    assert synthetic_catalog(60, seed=3) == synthetic_catalog(60, seed=3)
    assert synthetic_catalog(60, seed=3) != synthetic_catalog(60, seed=4)


@pytest.mark.parametrize("n", [1, 7, 120])
def test_passes_strict_validation(n: int, tmp_path: Path) -> None:
    write_catalog(tmp_path, n, seed=n)

    result = run_cli(["validate", "--strict"], tmp_path)

    noun = "entry" if n == 1 else "entries"
    assert result.stderr == f"{n} {noun}, no problems found\n"
    assert result.exit_code == 0
    assert len(list((tmp_path / "catalog").rglob("*.yaml"))) == n


def test_folders_hold_20_to_50_entries_two_or_three_levels_deep() -> None:
    slots = plan_slots(random.Random(0), 3000)
    sizes = Counter(slot.folder for slot in slots)
    low, high = FOLDER_SIZE
    *full, last = sizes.values()
    assert all(low <= size <= high for size in full)
    assert 1 <= last <= high
    assert {len(folder) for folder in sizes} == {2, 3}
    assert len({slot.code for slot in slots}) == 3000


def test_entries_are_about_the_size_of_real_ones() -> None:
    texts = [text for path, text in synthetic_catalog(300).items() if path.endswith(".yaml")]
    mean = sum(len(text.encode()) for text in texts) / len(texts)
    assert 3000 < mean < 5000


def test_synthetic_source_passes_check_source_and_is_the_same_every_time(tmp_path: Path) -> None:
    def written(project: Path) -> dict[str, str]:
        write_catalog(project, 60, seed=1)
        app = write_source(project, files=12, lines=1500, seed=1)
        return {path.name: path.read_text() for path in sorted(app.glob("*.py"))}

    first = written(tmp_path / "one")
    assert first == written(tmp_path / "two")
    lines = sum(len(text.splitlines()) for text in first.values())
    assert 1500 <= lines < 2000

    result = run_cli(["check-source", "--strict"], tmp_path / "one")

    assert result.stderr == f"13 files ({lines:,} lines), no problems found\n"
    assert result.exit_code == 0


def test_small_entries_are_300_to_600_bytes_and_validate_with_warnings(tmp_path: Path) -> None:
    files = small_catalog(120, seed=1)
    sizes = [len(text.encode()) for path, text in files.items() if path.startswith("catalog/")]
    assert len(sizes) == 120
    assert all(300 <= size <= 600 for size in sizes)
    assert small_catalog(120, seed=1) == files
    write_small_catalog(tmp_path, 120, seed=1)

    result = run_cli(["validate"], tmp_path)

    assert result.exit_code == 0, result.stderr
    assert "[W002 missing-example]" in result.stderr
    warned = {line.split(":")[0] for line in result.stderr.splitlines() if ": warning: " in line}
    assert 120 // 10 <= len(warned) <= 120 // 2
