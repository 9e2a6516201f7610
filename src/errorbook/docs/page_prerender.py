"""Pages converted ahead of MkDocs, in forked workers, for `errorbook.docs.page_memo`.

MkDocs converts pages one by one on one core; a build of thousands of pages converts the new
ones first in workers (`errorbook.speed.parallel.parallel_map`), and MkDocs' own pass then
finds them in the memo under the same keys.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files

from errorbook.docs.page_convert import Converted, MarkdownRun, convert, held_logs
from errorbook.docs.page_parts import convert_in_parts, in_parts
from errorbook.speed.memo import Memo
from errorbook.speed.parallel import parallel_map

#: Converting a page costs about as much as loading this many entries (`parallel_map` weights).
PAGE_WEIGHT = 20


def prerender(
    pages: Sequence[mkdocs_pages.Page],
    config: MkDocsConfig,
    files: Files,
    key: Any,
    files_digest: bytes,
    run_key: Callable[[mkdocs_pages.Page, str], bytes] | None = None,
) -> list[tuple[bytes, Converted | None, tuple[tuple[bytes, MarkdownRun], ...]]]:
    """Convert the pages' Markdown as read from disk, in forked workers (`parallel_map`); with
    ``run_key``, index pages in parts (`errorbook.docs.page_parts`), whose runs come back too.

    Nothing they log is shown, but it is noticed: a page whose conversion logged anything is
    not remembered, and one whose links did is marked so that reusing it resolves them again,
    so MkDocs' own pass shows every message once.
    """

    def one(
        page: mkdocs_pages.Page,
    ) -> tuple[bytes, Converted | None, tuple[tuple[bytes, MarkdownRun], ...]]:
        runs: Memo[MarkdownRun] = Memo()
        with held_logs():  # in a forked worker: the build's process shows them
            page.read_source(config)
            converted = None
            if run_key is not None and in_parts(config, page.markdown or ""):
                by_text = functools.partial(run_key, page)
                converted = convert_in_parts(page, config, files, files_digest, runs, by_text)
            if converted is None:
                converted = convert(page, config, files, files_digest)
        # A run linking to an anchor is never used (`convert_in_parts`), and holds files.
        kept = tuple((k, run) for k, run in runs.items() if not run.links_to_anchors)
        return key(page.file.src_uri, page.markdown), converted, kept

    return parallel_map(one, pages, weights=[PAGE_WEIGHT] * len(pages))
