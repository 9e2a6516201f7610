"""``python -m benchmarks [--quick]``: measure errorbook and write benchmarks/REPORT.md."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.measure import CommandFailed
from benchmarks.report import render
from benchmarks.suite import run_suite
from benchmarks.workspace import ROOT, SECTIONS, Options

#: The committed report: errorbook's own, so not a page of the bundled catalog's site.
REPORT = ROOT / "benchmarks" / "REPORT.md"
QUICK = Options(sizes=(50,), site_sizes=(50,), rounds=3, big_rounds=3, site_rounds=1, quick=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the suite and write the report; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Benchmark errorbook against its peers and the floor; write a Markdown report.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="small catalogs only (N=50), fewer rounds"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=REPORT,
        help="report file (default: benchmarks/REPORT.md)",
    )
    parser.add_argument(
        "--rounds", type=int, help="rounds per comparison (default 5; 3 above 1,000 entries)"
    )
    parser.add_argument("--scratch", type=Path, help="keep the synthetic projects in this folder")
    parser.add_argument(
        "--only",
        type=lambda text: tuple(text.split(",")),
        default=(),
        help=f"comma-separated sections to run: {','.join(SECTIONS)} (default: all)",
    )
    args = parser.parse_args(argv)
    options = QUICK if args.quick else Options()
    if args.rounds:
        options = dataclasses.replace(options, rounds=args.rounds, big_rounds=args.rounds)
    unknown = set(args.only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section {sorted(unknown)[0]!r}; choose from {', '.join(SECTIONS)}")
    options = dataclasses.replace(options, only=args.only)
    try:
        report = run_suite(options, args.scratch, log=lambda line: print(line, file=sys.stderr))
    except CommandFailed as error:
        print(f"benchmarks: a measured command failed: {error}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render(report), encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
