"""Benchmark results as data, and the Markdown page made from them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

#: The first line of the page: says what produced it and that edits will be overwritten.
MARKER = "<!-- produced by `python -m benchmarks`: edit benchmarks/, then re-run it -->"


@dataclass(frozen=True)
class Ratio:
    """One comparison, measured in one run: ``value`` times, or why there is no value."""

    name: str
    value: float | None
    missing: str | None = None

    def __post_init__(self) -> None:
        if self.value is None and not self.missing:
            raise ValueError(f"ratio {self.name!r} needs a value or a reason it has none")
        if self.value is not None and not math.isfinite(self.value):
            raise ValueError(f"ratio {self.name!r} is not a finite number: {self.value}")


@dataclass(frozen=True)
class Target:
    """A goal from the benchmark issue, what was measured against it, and the verdict."""

    goal: str
    measured: str
    met: bool | None
    note: str = ""
    #: For a missed target: how far it is, and why, from what the run measured.
    why: str = ""


def judged(goal: str, measured: str, ok: bool, n: int, quick: bool, why: str = "") -> Target:
    """A target judged at ``n`` entries; a quick run records the figure but gives no verdict.

    ``why`` explains a miss; it is printed only when the target is missed.
    """
    if quick:
        return Target(goal, measured, None, f"quick run, N={n:,}: not judged")
    return Target(goal, measured, ok, f"N={n:,}", why if not ok else "")


@dataclass(frozen=True)
class Table:
    """A Markdown table."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]


@dataclass
class Section:
    """One part of the report: prose, tables, the ratios measured and the targets judged."""

    title: str
    intro: str
    tables: list[Table] = field(default_factory=list)
    ratios: list[Ratio] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    """Everything one run of the suite found."""

    header: str
    machine: Table
    sections: Sequence[Section]

    @property
    def ratios(self) -> list[Ratio]:
        """Every ratio of every section."""
        return [ratio for section in self.sections for ratio in section.ratios]

    @property
    def targets(self) -> list[Target]:
        """Every target of every section."""
        return [target for section in self.sections for target in section.targets]


def render(report: Report) -> str:
    """The Markdown page for ``report``."""
    parts = [MARKER, "# Benchmarks", report.header, _targets_table(report), "## Machine"]
    parts.append(_table(report.machine))
    for number, section in enumerate(report.sections, start=1):
        parts.append(f"## {number}. {section.title}")
        parts.append(section.intro)
        parts.extend(_table(table) for table in section.tables)
        if section.ratios:
            parts.append(_ratios_table(section.ratios))
        parts.extend(section.notes)
    return "\n\n".join(part.strip() for part in parts if part.strip()) + "\n"


def seconds(value: float) -> str:
    """``0.0123`` → ``12.3 ms``; ``12.3`` → ``12.3 s``."""
    if value < 1:
        return f"{value * 1000:.3g} ms"
    return f"{value:.3g} s" if value < 100 else f"{value:.0f} s"


def times(value: float) -> str:
    """A ratio as ``3.41×``."""
    return f"{value:.3g}×"


def _targets_table(report: Report) -> str:
    rows = [
        (target.goal, target.measured, _verdict(target.met), target.note)
        for target in report.targets
    ]
    table = "## Targets\n\n" + _table(Table(("target", "measured", "verdict", "note"), rows))
    missed = [target for target in report.targets if target.met is False]
    if not missed:
        return table
    lines = ["**Missed: how far, and why.**", ""]
    for target in missed:
        why = target.why or "the section below has every measurement behind it."
        lines.append(f"- {target.goal} ({target.note}): measured {target.measured}. {why}")
    return table + "\n\n" + "\n".join(lines)


def _verdict(met: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "not measured"}[met]


def _ratios_table(ratios: Sequence[Ratio]) -> str:
    rows = [
        (ratio.name, times(ratio.value) if ratio.value is not None else f"n/a: {ratio.missing}")
        for ratio in ratios
    ]
    return _table(Table(("ratio (median of per-round ratios)", "value"), rows))


def render_table(table: Table) -> str:
    """A Markdown table."""
    return _table(table)


def _table(table: Table) -> str:
    lines = ["| " + " | ".join(table.headers) + " |", "|" + "---|" * len(table.headers)]
    lines += [
        "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in table.rows
    ]
    return "\n".join(lines)
