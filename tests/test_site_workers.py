"""A one-off build whose pages are converted and laid out in workers is the one-core build.

`errorbook.docs.page_prerender.prerender` converts the pages, and `errorbook.docs.page_layout_ahead`
lays them out, in forked workers; MkDocs then takes their results only when the page's inputs
are the ones the worker saw. Each build runs in a fresh process, so nothing another test left
running (a thread) stops the workers from being forked, and says how many pages the workers
laid out, so a build that quietly did everything itself fails the test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.synthetic import BASE_URI, write_catalog
from sitetools import ROOT, build_in_fresh_process, site_differences, with_site_url

#: Enough pages that laying them out in two workers pays (`page_layout_ahead.LAYOUT_WEIGHT`).
ENTRIES = 80
BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from errorbook.docs import page_memo

used = []
layout_once = page_memo.PageMemo._layout_once
def counted(memo, template, context, page):
    laid = memo.ahead.take(page)
    output = layout_once(memo, template, context, page)
    used.append(laid is not None and output is laid.output)
    return output
page_memo.PageMemo._layout_once = counted

config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="build", dirty=False)
build(config)
print(sum(used))
"""


def test_pages_made_in_workers_are_the_pages_made_on_one_core(tmp_path: Path) -> None:
    project = write_catalog(tmp_path / "project", ENTRIES, seed=7)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(with_site_url(config, BASE_URI))
    (project / "docs").mkdir()
    one, two = tmp_path / "one", tmp_path / "two"

    assert int(build_in_fresh_process(BUILD, project, one, ERRORBOOK_JOBS="1")) == 0
    assert int(build_in_fresh_process(BUILD, project, two, ERRORBOOK_JOBS="2")) >= ENTRIES

    assert site_differences(one, two) == []


def test_what_converting_a_page_in_a_worker_says_is_said_once(tmp_path: Path) -> None:
    project = write_catalog(tmp_path / "project", ENTRIES, seed=7)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(with_site_url(config, BASE_URI))
    (project / "docs").mkdir()
    guide = "---\ntitle: Guide\n---\n# Guide\n\nSee [the quota](no-such-page.md).\n"
    (project / "docs" / "guide.md").write_text(guide, encoding="utf-8")
    said = {}
    for jobs in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-m", "errorbook", "build"],
            cwd=project,
            env={**os.environ, "ERRORBOOK_JOBS": jobs, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 1  # strict: the warning aborts the build
        said[jobs] = [line for line in result.stderr.splitlines() if "no-such-page.md" in line]
    assert len(said["1"]) == 1
    assert said["2"] == said["1"]
