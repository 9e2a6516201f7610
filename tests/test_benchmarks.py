"""The benchmark suite stays runnable: a quick run writes a report whose ratios are numbers.

No timing is asserted here; speed is what the report itself is for.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest

from benchmarks import bench_generate, bench_site, bench_validate
from benchmarks.__main__ import REPORT, main
from benchmarks.measure import Run, Series
from benchmarks.report import MARKER, Report, Section, Table, Target, render
from benchmarks.workspace import ROOT, Options, Workspace

_RATIO_HEADER = "| ratio (median of per-round ratios) | value |"
_NUMBER = re.compile(r"\d+(\.\d+)?(e[+-]?\d+)?×")


def _installed(distribution: str) -> bool:
    try:
        metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return False
    return True


def _ratio_rows(markdown: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for table in markdown.split(_RATIO_HEADER)[1:]:
        for line in table.strip().splitlines()[1:]:
            if not line.startswith("|"):
                break
            name, value = (cell.strip() for cell in line.strip("|").split(" | "))
            rows.append((name, value))
    return rows


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("bench")
    output = folder / "benchmarks.md"
    argv = ["--quick", "--rounds", "1", "--output", str(output), "--scratch", str(folder / "work")]
    assert main(argv) == 0
    return output.read_text(encoding="utf-8")


def test_the_report_announces_itself_and_names_the_machine(report: str) -> None:
    assert report.startswith(MARKER + "\n\n# Benchmarks\n")
    assert "## Machine" in report
    assert "| Python | CPython" in report


def test_every_ratio_is_a_number_or_a_peer_that_is_not_installed(report: str) -> None:
    rows = _ratio_rows(report)
    assert rows
    for name, value in rows:
        if value.startswith("n/a: "):
            peer = value.removeprefix("n/a: ").split(" not installed")[0]
            assert not _installed(peer), f"{name}: {value}"
        else:
            assert _NUMBER.fullmatch(value), f"{name}: {value}"


def test_the_validate_comparison_is_there(report: str) -> None:
    names = [name for name, _ in _ratio_rows(report)]
    assert "errorbook / floor, 50 entries" in names
    assert "check-jsonschema / errorbook (speed-up), 50 entries" in names


def test_the_check_source_comparison_is_there(report: str) -> None:
    names = [name for name, _ in _ratio_rows(report)]
    assert any(name.startswith("errorbook / floor, 10,") and "50 files" in name for name in names)
    assert "check-source 100,000 lines, 500 files, 1,000 entries: within 3× of the floor" in report


def test_a_missing_peer_is_reported_not_measured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_validate, "installed", lambda distribution: False)
    options = Options(sizes=(5,), rounds=1, quick=True)

    section, _ = bench_validate.validate_section(Workspace(tmp_path, 0), options)

    peer = [ratio for ratio in section.ratios if ratio.name.startswith("check-jsonschema")]
    assert [ratio.value for ratio in peer] == [None]
    assert "not installed" in str(peer[0].missing)


def test_site_growth_is_judged_per_entry() -> None:
    def site(n: int, seconds: float, page: int) -> bench_site._Site:
        return bench_site._Site(n, Series("build", [Run(seconds, 1)]), page, page, page * n)

    section = Section("Site build", "")
    bench_site._growth(section, site(1000, 40.0, 30_000), site(10000, 480.0, 30_600), Options())

    values = {ratio.name: ratio.value for ratio in section.ratios}
    assert values["build time per entry, 1,000 → 10,000"] == pytest.approx(1.2)
    assert values["error page size (median), 1,000 → 10,000"] == pytest.approx(1.02)
    assert [target.met for target in section.targets] == [True]


def test_a_missed_target_says_how_far_and_why() -> None:
    cold = Series("cold", [Run(4.0, 1), Run(3.2, 1), Run(3.5, 1)])
    floor = Series("floor", [Run(1.0, 1), Run(1.1, 1), Run(1.0, 1)])
    why = bench_generate._why_cold(cold, floor)
    section = Section("Generate", "")
    section.targets += bench_generate._targets(1000, 3.5, 0.05, Options(), why)
    met = Target("another goal", "1×", True, "N=1,000")
    page = render(Report("", Table(("", ""), ()), [section, Section("Other", "", targets=[met])]))

    missed = page.split("**Missed: how far, and why.**", 1)[1]
    assert "generate: cold within 3× of the floor (N=1,000): measured 3.5×." in missed
    assert "2.91× to 4×" in missed and "1 s to 1.1 s" in missed
    assert "another goal" not in missed


def test_the_committed_report_is_outside_the_documentation_site() -> None:
    # The report measures errorbook, not the bundled catalog: it stays out of the reference
    # site's sidebar and search, and `python -m benchmarks` rewrites it where it is.
    assert REPORT == ROOT / "benchmarks" / "REPORT.md"
    assert REPORT.read_text(encoding="utf-8").startswith(MARKER + "\n")
    pages = (ROOT / "docs").rglob("*.md")
    assert not [page for page in pages if MARKER in page.read_text(encoding="utf-8")]
