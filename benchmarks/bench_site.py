"""3. Site build: `errorbook build` time, HTML per error page, and their growth with the catalog."""

from __future__ import annotations

import os
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import Contender, Series, race
from benchmarks.report import Ratio, Section, Table, judged, seconds, times
from benchmarks.synthetic import BASE_URI
from benchmarks.workspace import ROOT, Options, Workspace, count, python, remove

BUILD = "errorbook build (cold)"
LIMIT_BYTES = 30_000
#: What a cold build starts without.
_BUILT = ("site", "docs", "src", ".bench-cache")
#: A larger catalog may cost this much more per entry and still count as growing linearly.
LINEAR_SLACK = 1.5
#: The 10,000-entry cold build before issue 17 (main at 3216f7e, one `errorbook build` on this
#: 2-core machine, load average 2.2-3.4 from other work): seconds and peak MB (max RSS). The
#: target is half that time. A quiet machine builds faster, so on one the baseline should be
#: measured again (check out 3216f7e, run the same build) for a fair ratio.
BEFORE_10K = (191.0, 821.0)
PEAK_LIMIT_MB = 500
PLAIN = "mkdocs build (plain, no errorbook plugin)"
INTRO = """\
`errorbook build` from nothing (no generated pages, no package, no site): validate, generate
the pages and the package, then MkDocs + Material build the site, with the repository's own
`mkdocs.yml` (only `site_url` and `site_name` changed). An error page is the `index.html` at
its type URI's path; its size is the HTML MkDocs writes, sidebar and header included. The site
size per entry is the whole `site/` folder (assets, search index, sitemap, index pages)
divided by the number of entries. The notes compare one plain `mkdocs build` of the same
generated pages (left by the cold build), with a `mkdocs.yml` without the errorbook plugin:
the difference is the plugin's share of the build (validating, generating, its page hooks)."""


@dataclass(frozen=True)
class _Site:
    n: int
    build: Series
    page_median: int
    page_max: int
    site_bytes: int
    plain: Series | None = None
    largest: Path | None = None
    largest_code: str = ""


#: Landmarks of a Material page, in document order, and what lies between each and the next.
_PARTS = (
    ("<head", "`<head>`"),
    ('class="md-header', "header (logo, search, palette)"),
    ("md-sidebar--primary", "navigation sidebar"),
    ("md-sidebar--secondary", "table of contents"),
    ("<article", "the entry's content"),
    ("</article>", "page end and footer"),
)


def site_section(workspace: Workspace, options: Options) -> Section:
    """Build the site at each size and judge page size and growth."""
    section = Section("Site build", INTRO)
    sites = [_measure(workspace, n, options) for n in options.site_sizes]
    rows = [
        (
            count(site.n),
            seconds(site.build.seconds),
            f"{site.build.seconds / site.n * 1000:.1f} ms",
            f"{site.page_median / 1000:.1f} KB",
            f"{site.page_max / 1000:.1f} KB",
            f"{site.site_bytes / site.n / 1000:.0f} KB",
            f"{site.build.peak_mb:.0f} MB",
        )
        for site in sites
    ]
    headers = (
        "entries",
        "build time",
        "per entry",
        "error page (median)",
        "error page (largest)",
        "site per entry",
        "peak memory",
    )
    section.tables.append(Table(headers, rows))
    for site in sites:
        goal = f"site {count(site.n)}: at most 30 KB of HTML per error page"
        measured = f"largest {site.page_max / 1000:.1f} KB"
        ok = site.page_max <= LIMIT_BYTES
        section.targets.append(judged(goal, measured, ok, site.n, options.quick))
    for site in sites:
        _against_plain(section, site, options)
    if len(sites) >= 2:
        _growth(section, sites[0], sites[-1], options)
    largest = max(sites, key=lambda site: site.page_max)
    section.notes.append(_anatomy(largest))
    return section


def _measure(workspace: Workspace, n: int, options: Options) -> _Site:
    project = workspace.project(n)
    (project / "mkdocs.yml").write_text(site_config(), encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(project / ".bench-cache")}
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life notice, on stderr
    contender = Contender(
        BUILD,
        python("-m", "errorbook", "build"),
        project,
        prepare=lambda: remove(*(project / name for name in _BUILT)),
        env=env,
    )
    rounds = options.site_rounds if n <= 1000 else options.site_big_rounds
    (build,) = race([contender], rounds, warmup=False)
    pages = _error_pages(project)
    sizes = sorted(page.stat().st_size for page in pages)
    site_bytes = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file())
    largest = max(pages, key=lambda page: page.stat().st_size)
    code = largest.parent.relative_to(project / "site").as_posix()
    plain = _plain_build(project, env)
    median = int(statistics.median(sizes))
    return _Site(n, build, median, sizes[-1], site_bytes, plain, largest, code)


def _plain_build(project: Path, env: dict[str, str]) -> Series:
    """One plain ``mkdocs build`` of the generated pages, without the errorbook plugin."""
    config = re.sub(r"(?m)^  - errorbook\b.*\n", "", site_config())
    (project / "mkdocs-plain.yml").write_text(config, encoding="utf-8")
    argv = python("-m", "mkdocs", "build", "-q", "-f", "mkdocs-plain.yml", "-d", "site-plain")
    clean = lambda: remove(project / "site-plain")  # noqa: E731
    contender = Contender(PLAIN, argv, project, prepare=clean, env=env)
    (plain,) = race([contender], 1, warmup=False)
    return plain


def _against_plain(section: Section, site: _Site, options: Options) -> None:
    """The plugin's share of the build, and at 10,000 entries the time and memory targets."""
    if site.plain is not None:
        share = 1 - site.plain.seconds / site.build.seconds
        section.notes.append(
            f"{count(site.n)} entries: plain `mkdocs build` {seconds(site.plain.seconds)} "
            f"({site.plain.peak_mb:.0f} MB) against `errorbook build` "
            f"{seconds(site.build.seconds)}: the errorbook plugin's share is {share:.0%}."
        )
    if site.n == 10000:
        before, _ = BEFORE_10K
        goal = f"site 10,000 cold: at most half of the time before ({seconds(before)})"
        ratio = site.build.seconds / before
        section.targets.append(judged(goal, times(ratio), ratio <= 0.5, site.n, options.quick))
        goal = f"site 10,000 cold: peak memory at most {PEAK_LIMIT_MB} MB"
        peak = site.build.peak_mb
        section.targets.append(
            judged(goal, f"{peak:.0f} MB", peak <= PEAK_LIMIT_MB, site.n, options.quick)
        )


def site_config() -> str:
    """The repository's mkdocs.yml, pointed at the synthetic catalog's base URI."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_url:.*$", f"site_url: {BASE_URI}", text)
    return re.sub(r"(?m)^site_name:.*$", "site_name: Synthetic error reference", text)


def _error_pages(project: Path) -> list[Path]:
    catalog = project / "catalog"
    codes = [path.relative_to(catalog).with_suffix("") for path in catalog.rglob("*.yaml")]
    pages = [project / "site" / code / "index.html" for code in codes]
    missing = [page for page in pages if not page.is_file()]
    if missing:
        raise FileNotFoundError(f"{len(missing)} error pages were not built, e.g. {missing[0]}")
    return pages


def _growth(section: Section, small: _Site, large: _Site, options: Options) -> None:
    scale = f"{count(small.n)} → {count(large.n)}"
    time_growth = (large.build.seconds / large.n) / (small.build.seconds / small.n)
    page_growth = large.page_median / small.page_median
    section.ratios.append(Ratio(f"build time per entry, {scale}", time_growth))
    section.ratios.append(Ratio(f"error page size (median), {scale}", page_growth))
    site_growth = (large.site_bytes / large.n) / (small.site_bytes / small.n)
    section.ratios.append(Ratio(f"site size per entry, {scale}", site_growth))
    goal = f"site {scale}: linear growth (per-entry time and page size within {LINEAR_SLACK}×)"
    measured = f"time per entry {times(time_growth)}, page {times(page_growth)}"
    ok = time_growth <= LINEAR_SLACK and page_growth <= LINEAR_SLACK
    section.targets.append(judged(goal, measured, ok, large.n, options.quick))


def _anatomy(site: _Site) -> str:
    """Where the bytes of the largest error page go, as a sentence for the report."""
    if site.largest is None:
        return ""
    html = site.largest.read_bytes()
    marks = [(html.find(mark.encode()), label) for mark, label in _PARTS]
    found = [(start, label) for start, label in marks if start >= 0]
    ends = [start for start, _ in found[1:]] + [len(html)]
    parts = ", ".join(
        f"{label} {(end - start) / 1000:.1f} KB"
        for (start, label), end in zip(found, ends, strict=True)
    )
    return (
        f"The largest error page ({count(site.n)} entries; {len(html) / 1000:.1f} KB) is made of: "
        f"{parts}. The header, navigation, table of contents and footer are Material's markup "
        f"around every page; the content is the entry's own sections, with every code example "
        f"highlighted by Pygments (one `<span>` per token). Page: `{site.largest_code}`."
    )
