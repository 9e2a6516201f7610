"""Run every benchmark section and assemble the report."""

from __future__ import annotations

import datetime
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_adapters import adapters_section
from benchmarks.bench_cli_import import cli_import_section
from benchmarks.bench_generate import generate_section
from benchmarks.bench_import import import_section
from benchmarks.bench_memory import memory_section
from benchmarks.bench_runtime import runtime_section
from benchmarks.bench_serve import serve_section
from benchmarks.bench_site import site_section
from benchmarks.bench_source import source_section
from benchmarks.bench_validate import validate_section
from benchmarks.machine import machine_table
from benchmarks.measure import Series
from benchmarks.report import Report, Section
from benchmarks.workspace import SECTIONS, Options, Workspace, count

METHOD = """\
**Method.** Every figure is the median of repeated runs, and every run is a whole process
(interpreter start-up and imports included), as a user or CI meets it. The contenders of one
comparison run in interleaved rounds, one run each per round in a rotating order, after one
untimed warm-up round (page cache and bytecode caches filled); before each run the disk is
synced, so no run pays for writing back what an earlier one wrote. A ratio is the median of the
per-round ratios, so it is measured within one run on one machine: absolute times on a shared
machine drift, ratios hold. Peak memory is the process's own maximum resident set size
(`ru_maxrss` from `wait4`, what `/usr/bin/time -v` prints). Catalogs are synthetic
(`benchmarks/synthetic.py`, seed {seed}): entries shaped like the 89 real ones, about 3.8 KB of
YAML each, 20-50 to a folder, two or three folder levels deep; all pass
`errorbook validate --strict`."""


def run_suite(
    options: Options, scratch: Path | None = None, log: Callable[[str], None] = print
) -> Report:
    """Measure everything ``options`` asks for and return the report.

    Args:
        options: Sizes, rounds and seed.
        scratch: Folder for the synthetic projects (default: a temporary folder, removed after).
        log: Receives one line per step, for progress output.
    """
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="errorbook-bench-") as temporary:
        workspace = Workspace(scratch or Path(temporary), options.seed)
        sections = _sections(workspace, options, log)
    minutes = (time.perf_counter() - started) / 60
    return Report(_header(options, minutes), machine_table(), sections)


def _sections(workspace: Workspace, options: Options, log: Callable[[str], None]) -> list[Section]:
    wanted = options.only or SECTIONS
    sizes = ", ".join(count(n) for n in options.sizes)
    sections: list[Section] = []
    runs: dict[str, dict[int, Series]] = {}
    if "validate" in wanted:
        log(f"validate: {sizes} entries")
        section, runs["validate"] = validate_section(workspace, options)
        sections.append(section)
    if "generate" in wanted:
        log(f"generate: {sizes} entries")
        section, runs["generate"] = generate_section(workspace, options)
        sections.append(section)
    if "site" in wanted:
        log(f"site: {', '.join(count(n) for n in options.site_sizes)} entries")
        sections.append(site_section(workspace, options))
    if "serve" in wanted:
        log(f"serve: {', '.join(count(n) for n in options.site_sizes)} entries")
        sections.append(serve_section(workspace, options))
    if "runtime" in wanted:
        log("runtime: round trips per second")
        sections.append(runtime_section(workspace, options))
    if "import" in wanted:
        log(f"import: the {count(max(options.sizes))}-entry package")
        sections.append(import_section(workspace, options))
        sections.append(cli_import_section(workspace, options))
    if "source" in wanted:
        log("source: check-source on a synthetic application")
        sections.append(source_section(workspace, options))
    if "validate" in runs and "generate" in runs:
        sections.append(memory_section(runs["validate"], runs["generate"], options))
    if "adapters" in wanted:
        log("adapters: raise → response bytes, per framework")
        sections.append(adapters_section(workspace, options))
    return sections


def _header(options: Options, minutes: float) -> str:
    today = datetime.date.today().isoformat()
    command = "python -m benchmarks --quick" if options.quick else "python -m benchmarks"
    lines = [
        f"Produced by `{command}` on {today}; the run took {minutes:.1f} minutes.",
        "Reproduce with `pip install -e '.[bench]' && python -m benchmarks` (about 40 minutes on",
        "the machine below); `--quick` measures small catalogs only, in under a minute.",
    ]
    if options.quick:
        lines.append("\n**This is a quick run: small catalogs, so the targets are not judged.**")
    return "\n".join(lines) + "\n\n" + METHOD.format(seed=options.seed)
