"""6. Check source: ``errorbook check-source`` on a synthetic application, against the floor."""

from __future__ import annotations

from benchmarks.measure import Contender, race, ratio
from benchmarks.report import Ratio, Section, Table, Target, judged, seconds, times
from benchmarks.workspace import Options, Workspace, count, python, with_repo_on_path

ERRORBOOK, FLOOR = "errorbook check-source --strict", "floor"
#: The size the target is stated for: 100,000 lines in 500 files, with a 1,000-entry catalog.
FULL = (1000, 500, 100_000)
QUICK = (50, 50, 10_000)
LIMIT = 5.0
INTRO = """\
A synthetic application (`benchmarks/synthetic_source.py`: service classes, helpers that call
each other across modules, FastAPI routers; every entry raised somewhere, with its required
fields) over a synthetic catalog, two ways, each a whole process: `errorbook check-source
--strict` (loads and validates the catalog, parses every file, resolves every name through the
imports and runs the rules) and the floor, `python -m benchmarks.floor parse app`, which reads
every file and parses it with `ast.parse`, and does nothing else."""


def source_section(workspace: Workspace, options: Options) -> Section:
    """Measure check-source at the size of the target (a small size in a quick run)."""
    entries, files, lines = QUICK if options.quick else FULL
    project = workspace.source_project(entries, files, lines)
    written = sum(len(p.read_text().splitlines()) for p in (project / "app").rglob("*.py"))
    contenders = [
        Contender(ERRORBOOK, python("-m", "errorbook", "check-source", "--strict"), project),
        Contender(
            FLOOR,
            python("-m", "benchmarks.floor", "parse", "app"),
            project,
            env=with_repo_on_path(),
        ),
    ]
    series = {s.label: s for s in race(contenders, options.rounds)}
    size = f"{count(written)} lines in {count(files)} files, {count(entries)} entries"
    floor_ratio = ratio(series[ERRORBOOK], series[FLOOR])
    section = Section("Check source", INTRO)
    section.ratios.append(Ratio(f"errorbook / floor, {size}", floor_ratio))
    rows = [
        (size, label, seconds(measured.seconds), f"{measured.peak_mb:.0f} MB")
        for label, measured in series.items()
    ]
    section.tables.append(Table(("source", "tool", "median time", "peak memory"), rows))
    section.targets += _targets(series[ERRORBOOK].seconds, floor_ratio, entries, options)
    return section


def _targets(spent: float, floor: float, entries: int, options: Options) -> list[Target]:
    quick = options.quick
    goal = "check-source 100,000 lines, 500 files, 1,000 entries"
    return [
        judged(f"{goal}: under {LIMIT:g} s", seconds(spent), spent < LIMIT, entries, quick),
        judged(f"{goal}: within 3× of the floor", times(floor), floor <= 3, entries, quick),
    ]
