"""1. Validate: errorbook against check-jsonschema and against the PyYAML floor."""

from __future__ import annotations

from benchmarks.machine import installed
from benchmarks.measure import Contender, Series, race, ratio
from benchmarks.report import Ratio, Section, Table, Target, judged, seconds, times
from benchmarks.workspace import Options, Workspace, count, python, with_repo_on_path
from errorbook.check.schema import entry_schema_path

ERRORBOOK, PEER, FLOOR = "errorbook validate --strict", "check-jsonschema", "floor"
#: On the small-entry catalog, whose warnings --strict would turn into a failure.
SMALL = "errorbook validate (small entries)"
INTRO = """\
The same synthetic files, three ways, each a whole process:
`errorbook validate --strict` (YAML with positions, JSON Schema, semantic checks, `file:line:col`
diagnostics); `check-jsonschema --schemafile error.schema.json FILES...` with errorbook's own
schema (it reports JSON paths, no line numbers, and runs no semantic checks); and the floor,
`python -m benchmarks.floor load`, which loads each file with PyYAML's C loader and does nothing
else.

The small-entry rows are the second synthetic shape (`benchmarks.synthetic_small`: 300-600 bytes
per entry, a third of them with warnings), where fixed costs weigh more: `errorbook validate`
(it prints every warning) against the same floor."""


def validate_section(workspace: Workspace, options: Options) -> tuple[Section, dict[int, Series]]:
    """Measure validation at every size; also return errorbook's series (for the memory section)."""
    section = Section("Validate", INTRO)
    rows: list[tuple[str, ...]] = []
    ours: dict[int, Series] = {}
    for n in options.sizes:
        series = {s.label: s for s in race(_contenders(workspace, n), options.rounds_for(n))}
        ours[n] = series[ERRORBOOK]
        floor_ratio = ratio(series[ERRORBOOK], series[FLOOR])
        section.ratios.append(Ratio(f"errorbook / floor, {count(n)} entries", floor_ratio))
        peer_ratio = _peer_ratio(section, series, n)
        for label, measured in series.items():
            per_entry = seconds(measured.seconds / n)
            rows.append((count(n), label, seconds(measured.seconds), per_entry, _mib(measured)))
        section.targets += _targets(n, floor_ratio, peer_ratio, options)
    for n in options.sizes:
        rows += _small_entries(section, workspace, n, options)
    headers = ("entries", "tool", "median time", "per entry", "peak memory")
    section.tables.append(Table(headers, rows))
    return section, ours


def _contenders(workspace: Workspace, n: int) -> list[Contender]:
    project = workspace.project(n)
    files = sorted(path.relative_to(project).as_posix() for path in project.rglob("*.yaml"))
    contenders = [
        Contender(ERRORBOOK, python("-m", "errorbook", "validate", "--strict"), project),
        Contender(FLOOR, _floor(), project, env=with_repo_on_path()),
    ]
    if installed("check-jsonschema"):
        schema = str(entry_schema_path())
        argv = python("-m", "check_jsonschema", "--schemafile", schema, *files)
        contenders.append(Contender(PEER, argv, project))
    return contenders


def _small_entries(
    section: Section, workspace: Workspace, n: int, options: Options
) -> list[tuple[str, ...]]:
    """Race validate on the small-entry catalog against the floor; add its ratio and target."""
    series = {s.label: s for s in race(_small_contenders(workspace, n), options.rounds_for(n))}
    floor_ratio = ratio(series[SMALL], series[FLOOR])
    section.ratios.append(Ratio(f"errorbook / floor, {count(n)} small entries", floor_ratio))
    if options.judges(n):
        goal = f"validate {count(n)} small entries: within 3× of the floor"
        section.targets.append(judged(goal, times(floor_ratio), floor_ratio <= 3, n, options.quick))
    return [
        (
            count(n),
            f"{label} (small entries)" if label == FLOOR else label,
            seconds(measured.seconds),
            seconds(measured.seconds / n),
            _mib(measured),
        )
        for label, measured in series.items()
    ]


def _small_contenders(workspace: Workspace, n: int) -> list[Contender]:
    project = workspace.small_project(n)
    return [
        Contender(SMALL, python("-m", "errorbook", "validate"), project),
        Contender(FLOOR, _floor(), project, env=with_repo_on_path()),
    ]


def _floor() -> list[str]:
    return python("-m", "benchmarks.floor", "load", "catalog")


def _peer_ratio(section: Section, series: dict[str, Series], n: int) -> float | None:
    name = f"check-jsonschema / errorbook (speed-up), {count(n)} entries"
    if PEER not in series:
        section.ratios.append(
            Ratio(name, None, "check-jsonschema not installed: pip install -e '.[bench]'")
        )
        return None
    value = ratio(series[PEER], series[ERRORBOOK])
    section.ratios.append(Ratio(name, value))
    return value


def _targets(n: int, floor: float, peer: float | None, options: Options) -> list[Target]:
    quick = options.quick
    targets = []
    if options.judges(n):
        goal = f"validate {count(n)}: within 3× of the floor"
        targets.append(judged(goal, times(floor), floor <= 3, n, quick))
    if n == 10000 or (quick and n == max(options.sizes)):
        goal = f"validate {count(n)}: ≥ 3× faster than check-jsonschema"
        if peer is None:
            targets.append(Target(goal, "check-jsonschema not installed", None))
        else:
            targets.append(judged(goal, times(peer), peer >= 3, n, quick))
    return targets


def _mib(series: Series) -> str:
    return f"{series.peak_mb:.0f} MB"
