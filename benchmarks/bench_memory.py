"""7. Memory: peak resident memory of validate and generate on the largest catalog."""

from __future__ import annotations

from benchmarks.measure import Series
from benchmarks.report import Section, Table, judged
from benchmarks.workspace import Options, count

LIMIT_MB = 500
INTRO = """\
Peak resident memory (maximum RSS of the process, as `/usr/bin/time -v` reports it) of the
validate and cold generate runs above, median over their rounds. The interpreter alone takes
about 9 MB."""


def memory_section(
    validate: dict[int, Series], generate: dict[int, Series], options: Options
) -> Section:
    """Peak memory per size and command, judged at the largest size."""
    section = Section("Memory", INTRO)
    rows = []
    for n in options.sizes:
        for name, series in (("validate", validate.get(n)), ("generate (cold)", generate.get(n))):
            if series is not None:
                rows.append((count(n), name, f"{series.peak_mb:.0f} MB"))
    section.tables.append(Table(("entries", "command", "peak memory"), rows))
    n = max(options.sizes)
    for name, measured in (("validate", validate), ("generate", generate)):
        if n in measured:
            peak = measured[n].peak_mb
            goal = f"{name} {count(n)}: peak memory under {LIMIT_MB} MB"
            section.targets.append(
                judged(goal, f"{peak:.0f} MB", peak < LIMIT_MB, n, options.quick)
            )
    return section
