"""5. Import: the generated package's root and one leaf module, against a bare interpreter."""

from __future__ import annotations

import os
import re
import statistics
from pathlib import Path

from benchmarks.measure import Contender, Series, race, run_command
from benchmarks.report import Ratio, Section, Table, judged, seconds
from benchmarks.workspace import Options, Workspace, count, python

BARE, ROOT, LEAF = "bare interpreter", "import the root", "import the root and one leaf module"
LIMIT_MS = 10
INTRO = """\
Whole processes: `python -c pass` (the bare interpreter, site included), `python -c "import
PACKAGE"`, and `python -c "import PACKAGE.MODULE"` for one catalog folder's module, each with
the package's folder on `PYTHONPATH` (the bare run too, so the path search costs the same),
bytecode already compiled. What the import adds is the median over rounds of the difference to
the bare run of the same round. `python -X importtime` gives the cumulative time of the
package's own import lines, median of the rounds."""


def import_section(workspace: Workspace, options: Options) -> Section:
    """Whole-process start-up with and without the generated package, at the largest size."""
    n = max(options.sizes)
    project = workspace.project(n)
    run_command(python("-m", "errorbook", "generate"), project)
    package = workspace.package(n)
    leaf = _leaf_module(package)
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    contenders = [
        Contender(BARE, python("-c", "pass"), project, env=env),
        Contender(ROOT, python("-c", f"import {package.name}"), project, env=env),
        Contender(LEAF, python("-c", f"import {leaf}"), project, env=env),
    ]
    series = {s.label: s for s in race(contenders, max(options.rounds, 5) * 2)}
    section = Section("Import", INTRO)
    rows = []
    added: dict[str, float] = {}
    for label in (ROOT, LEAF):
        added[label] = _added(series[label], series[BARE])
        importtime = _importtime(package.name if label == ROOT else leaf, package, env, options)
        rows.append(
            (label, seconds(series[label].seconds), seconds(added[label]), seconds(importtime))
        )
    rows.insert(0, (BARE, seconds(series[BARE].seconds), "", ""))
    headers = ("process", "median time", "added to the bare interpreter", "-X importtime")
    section.tables.append(Table(headers, rows))
    section.notes.append(
        f"Package: `{package.name}` with {count(n)} entries; leaf module `{leaf}`."
    )
    section.ratios.append(
        Ratio("(root import) / (bare interpreter)", series[ROOT].seconds / series[BARE].seconds)
    )
    goal = f"import: the root adds under {LIMIT_MS} ms"
    root_ms = added[ROOT] * 1000
    section.targets.append(judged(goal, f"{root_ms:.1f} ms", root_ms < LIMIT_MS, n, options.quick))
    return section


def _leaf_module(package: Path) -> str:
    """The dotted name of the first catalog module (by path) below the package's root."""
    modules = sorted(
        path
        for path in package.rglob("*.py")
        if path.name != "__init__.py" and not path.relative_to(package).parts[0].startswith("_")
    )
    relative = modules[0].relative_to(package.parent).with_suffix("")
    return ".".join(relative.parts)


def _added(measured: Series, bare: Series) -> float:
    pairs = zip(measured.runs, bare.runs, strict=True)
    return statistics.median(a.seconds - b.seconds for a, b in pairs)


def _importtime(module: str, package: Path, env: dict[str, str], options: Options) -> float:
    """Median cumulative seconds of the package's top import lines under -X importtime."""
    totals = []
    for _ in range(max(options.rounds, 3)):
        argv = python("-X", "importtime", "-c", f"import {module}")
        finished = run_command(argv, package.parent, env)
        totals.append(_package_total(finished.stderr, package.name))
    return statistics.median(totals)


_LINE = re.compile(r"import time:\s+\d+ \|\s+(\d+) \| \s*(\S+)")


def _package_total(report: str, package: str) -> float:
    """Seconds of the outermost import line of ``package``: the largest cumulative time, since
    an import line's cumulative time includes every import nested in it."""
    totals = [
        int(match.group(1))
        for match in _LINE.finditer(report)
        if match.group(2) == package or match.group(2).startswith(package + ".")
    ]
    return max(totals, default=0) / 1e6
