"""A 1,000-entry synthetic catalog builds without the sidebar blow-up the toolchain notes describe.

Every page embeds the whole sidebar, so a sidebar that listed every error (or every folder)
would make each page grow with the catalog and the site with its square. Error pages and
deeper folder pages are therefore kept out of it; this checks that they stay out, by size.
Build time is the benchmark suite's business, not this test's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.synthetic import write_catalog
from sitetools import ROOT, build, with_site_url

ENTRIES = 1000
#: An error page of the example catalog is about 30 KB, most of it Material's own markup; with
#: every error in the sidebar, a 1,000-entry site's pages were over 400 KB each.
MAX_PAGE_BYTES = 60_000


@pytest.mark.slow
def test_thousand_entries_keep_every_page_small(tmp_path: Path) -> None:
    project = write_catalog(tmp_path, ENTRIES)
    base_uri = re.search(r'base-uri = "([^"]+)"', (project / "errorbook.toml").read_text())
    assert base_uri
    repo_config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(with_site_url(repo_config, base_uri.group(1)))

    built = build(project, base_uri.group(1))

    pages = [built.page(entry.type_uri) for entry in built.catalog.entries]
    sizes = sorted(page.stat().st_size for page in pages)
    assert len(sizes) == ENTRIES
    assert sizes[-1] < MAX_PAGE_BYTES, f"largest error page: {sizes[-1]} bytes"
    systems = {entry.segments[0] for entry in built.catalog.entries}
    sidebar = _sidebar(pages[0].read_text(encoding="utf-8"))
    links = set(re.findall(r'href="([^"#]*)"', sidebar))
    assert len(links) <= len(systems) + 4, sorted(links)  # the systems, home, by-status, ...


def _sidebar(page_html: str) -> str:
    return page_html[
        page_html.index("md-sidebar--primary") : page_html.index("md-sidebar--secondary")
    ]
