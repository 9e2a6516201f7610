"""5b. The CLI's start-up: what ``errorbook --help`` and ``validate`` import, and how long.

Part of the Import section: the issue's target is that neither imports anything it does not
use (no MkDocs, Markdown, Jinja or Pygments, none of errorbook's docs, python or machine
generators), measured with ``python -X importtime`` on the small-entry catalog.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from benchmarks.measure import Contender, race, run_command
from benchmarks.report import Section, Table, judged, seconds
from benchmarks.workspace import Options, Workspace, count, python

#: Modules neither command uses; importing one is a miss.
UNUSED = ("mkdocs", "markdown", "jinja2", "pygments", "pymdownx", "material")
UNUSED_OURS = ("errorbook.docs", "errorbook.python", "errorbook.machine", "errorbook.diff")
COMMANDS = {"errorbook --help": ("--help",), "errorbook validate": ("validate",)}
INTRO = """\
The CLI's start-up, on the small-entry catalog: each command as a whole process (median time),
errorbook's own imports under `python -X importtime` (the cumulative times of its top-level
import lines, median of the rounds), how many modules the process imports in all, and any module
the command does not use (MkDocs, Markdown, Jinja, Pygments, errorbook's generators)."""
_NAME = re.compile(r"import time:\s+\d+ \|\s+\d+ \| \s*(\S+)")
#: An import line at the top level (not nested in another import): cumulative time and name.
_TOP = re.compile(r"(?m)^import time:\s+\d+ \|\s+(\d+) \| (\S+)$")


def _own_total(report: str) -> float:
    """Seconds of errorbook's top-level import lines (a command imports some modules late)."""
    found = _TOP.findall(report)
    return sum(int(total) for total, name in found if name.split(".")[0] == "errorbook") / 1e6


def cli_import_section(workspace: Workspace, options: Options) -> Section:
    """Time and list the imports of ``errorbook --help`` and ``errorbook validate``."""
    n = max(options.sizes)
    project = workspace.small_project(n)
    contenders = [
        Contender(label, python("-m", "errorbook", *argv), project)
        for label, argv in COMMANDS.items()
    ]
    series = {s.label: s for s in race(contenders, max(options.rounds, 3))}
    section = Section("CLI start-up", INTRO)
    rows = []
    for label, argv in COMMANDS.items():
        own, modules, unused = _importtime(argv, project, options)
        rows.append(
            (label, seconds(series[label].seconds), seconds(own), str(modules), unused or "none")
        )
        goal = f"`{label}` imports nothing it does not use"
        section.targets.append(judged(goal, unused or "none", not unused, n, options.quick))
    headers = ("command", "median time", "errorbook's import", "modules", "unused imports")
    section.tables.append(Table(headers, rows))
    section.notes.append(f"On the small-entry catalog of {count(n)} entries.")
    return section


def _importtime(argv: tuple[str, ...], project: Path, options: Options) -> tuple[float, int, str]:
    totals: list[float] = []
    names: set[str] = set()
    for _ in range(max(options.rounds, 3)):
        finished = run_command(python("-X", "importtime", "-m", "errorbook", *argv), project)
        totals.append(_own_total(finished.stderr))
        names = set(_NAME.findall(finished.stderr))
    unused = sorted(
        name
        for name in names
        if name.split(".")[0] in UNUSED
        or name.startswith(tuple(m + "." for m in UNUSED_OURS))
        or name in UNUSED_OURS
    )
    return statistics.median(totals), len(names), ", ".join(unused[:8])
