"""``errorbook init``'s .gitignore line: the built site is not committed (the pages are)."""

from __future__ import annotations

SITE_LINE = "/site/"


def gitignore_addition(existing: str | None) -> str | None:
    """What to append to a .gitignore holding ``existing`` (None: no file), or None when it
    already ignores the site folder."""
    if existing is not None:
        ignored = {line.strip() for line in existing.splitlines()}
        if ignored & {"site", "site/", "/site", "/site/"}:
            return None
    separator = "" if not existing or existing.endswith("\n") else "\n"
    comment = "# the site `errorbook build` writes; its pages are committed in docs/"
    return f"{separator}{comment}\n{SITE_LINE}\n"
