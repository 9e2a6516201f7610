"""2. Generate: docs pages and Python package, cold and with nothing changed, against the floor."""

from __future__ import annotations

import json
import os
from pathlib import Path

from benchmarks.floor import save_bundle
from benchmarks.measure import Contender, Series, race, ratio, run_command
from benchmarks.report import (
    Ratio,
    Section,
    Table,
    Target,
    judged,
    render_table,
    seconds,
    times,
)
from benchmarks.workspace import Options, Workspace, count, python, remove, with_repo_on_path

COLD, NOOP, FLOOR = "errorbook generate (cold)", "errorbook generate (nothing changed)", "floor"
#: Folders errorbook writes in a synthetic project, and where it keeps state between runs
#: (errorbook's record of the last run goes to $XDG_CACHE_HOME, pointed into the project).
OUTPUTS = ("docs", "src")
CACHE = ".bench-cache"
INTRO = """\
`errorbook generate` loads and validates the catalog, renders every documentation page and the
Python package, and writes them. *Cold* starts with no generated files (and no cached state);
*nothing changed* runs again right after, on the same catalog. The floor,
`python -m benchmarks.floor write`, loads every entry with PyYAML's C loader and writes the very
files errorbook wrote (same paths, same bytes, read from one bundle file): reading the catalog
and writing the output, with no validation and no rendering."""


def generate_section(workspace: Workspace, options: Options) -> tuple[Section, dict[int, Series]]:
    """Measure generation at every size; also return the cold series (for the memory section)."""
    section = Section("Generate", INTRO)
    rows: list[tuple[str, ...]] = []
    cold: dict[int, Series] = {}
    for n in options.sizes:
        project = workspace.project(n)
        files, size = _bundle(project)
        series = {s.label: s for s in race(_contenders(project), options.rounds_for(n))}
        cold[n] = series[COLD]
        floor_ratio = ratio(series[COLD], series[FLOOR])
        noop_ratio = ratio(series[NOOP], series[COLD])
        section.ratios.append(Ratio(f"cold / floor, {count(n)} entries", floor_ratio))
        section.ratios.append(Ratio(f"nothing changed / cold, {count(n)} entries", noop_ratio))
        for label, measured in series.items():
            rows.append((count(n), label, seconds(measured.seconds), f"{measured.peak_mb:.0f} MB"))
        rows.append((count(n), "files written", f"{files:,} files, {size / 2**20:.1f} MiB", ""))
        why = _why_cold(series[COLD], series[FLOOR]) if floor_ratio > 3 else ""
        section.targets += _targets(n, floor_ratio, noop_ratio, options, why)
    section.tables.append(Table(("entries", "run", "median time", "peak memory"), rows))
    section.notes.append(_stages(workspace.project(max(options.sizes))))
    return section, cold


def _stages(project: Path) -> str:
    """One more cold run, timed stage by stage (`benchmarks.stages`), as a table."""
    _clean(project)
    argv = python("-m", "benchmarks.stages", str(project))
    stages: dict[str, float] = json.loads(run_command(argv, project, with_repo_on_path()).stdout)
    total = sum(stages.values())
    rows = [(stage, seconds(value), f"{value / total:.0%}") for stage, value in stages.items()]
    table = Table(("stage of one cold run (largest catalog)", "time", "share"), rows)
    return render_table(table)


def _bundle(project: Path) -> tuple[int, int]:
    """Generate once, and store what was written for the floor; return files and bytes."""
    _clean(project)
    run_command(python("-m", "errorbook", "generate"), project, _env(project))
    outputs = [project / name for name in OUTPUTS]
    files = save_bundle(outputs, project, project / "bundle.marshal")
    size = sum(p.stat().st_size for folder in outputs for p in folder.rglob("*") if p.is_file())
    return files, size


def _contenders(project: Path) -> list[Contender]:
    generate = python("-m", "errorbook", "generate")
    floor = python("-m", "benchmarks.floor", "write", "catalog", "bundle.marshal", "floor-out")
    env = _env(project)
    return [
        Contender(COLD, generate, project, prepare=lambda: _clean(project), env=env),
        Contender(NOOP, generate, project, env=env),
        Contender(
            FLOOR,
            floor,
            project,
            prepare=lambda: remove(project / "floor-out"),
            env=with_repo_on_path(),
        ),
    ]


def _env(project: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(project / CACHE)}


def _clean(project: Path) -> None:
    remove(*(project / name for name in (*OUTPUTS, CACHE)))


def _why_cold(cold: Series, floor: Series) -> str:
    """How far a missed cold target is, and why, from this run's own rounds."""
    ratios = [a.seconds / b.seconds for a, b in zip(cold.runs, floor.runs, strict=True)]
    floors = [run.seconds for run in floor.runs]
    return (
        f"Per round the ratio ranged {times(min(ratios))} to {times(max(ratios))}, and the floor "
        f"itself took {seconds(min(floors))} to {seconds(max(floors))}: the time to write the "
        "same files drifts on this machine's disk, and the faster the disk, the more errorbook's "
        "own work weighs. That work is what the floor skips: validating every entry, rendering "
        "every page, and compiling the package it generates, to take each page's example "
        "response from it. The stage table of the Generate section shows where it goes."
    )


def _targets(n: int, floor: float, noop: float, options: Options, why: str) -> list[Target]:
    if not options.judges(n):
        return []
    return [
        judged(
            "generate: cold within 3× of the floor",
            times(floor),
            floor <= 3,
            n,
            options.quick,
            why,
        ),
        judged(
            "generate: nothing changed ≤ 10% of cold", f"{noop:.1%}", noop <= 0.1, n, options.quick
        ),
    ]
