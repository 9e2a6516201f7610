"""Under ``serve``, the page-level rebuild (`errorbook.docs.page_rebuild`) gives what a full
build gives, at its edges: hand-written pages and files next to the generated ones, settings and
templates, warnings and errors, other plugins.

Each test starts a preview session as `test_serve_rebuilds` does (the server's builder, as the
plugins' ``on_serve`` left it), changes the project, rebuilds, and compares the served site with
a full build of the project as it then is, in a fresh process; or, when that full build fails,
checks that the rebuild fails as MkDocs' does (an ``Abort``, never a traceback).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from errorbook.docs import page_rebuild
from errorbook.speed.file_status import file_status
from sitetools import ROOT, copy_project, site_differences, with_site_url
from test_serve_rebuilds import (
    CASE,
    EPOCH,
    FULL_BUILD,
    REVOKED,
    SITE_URL,
    _edit,
    _Serve,
)

#: Pages and files an author writes next to the generated pages.
HAND_WRITTEN = {
    "extra.md": (
        "---\ntitle: Extra\n---\n\n# Extra\n\nSee [what happened](auth/missing.md#what-happened).\n"
    ),
    "notes/hidden.md": "---\ntags: [guide]\n---\n\n# Hidden notes\n\nOut of the sidebar.\n",
    "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    "img/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>\n',
    "extra.css": ".md-typeset h1 { color: teal; }\n",
    "robots.txt": "Sitemap: {{ config.site_url }}sitemap.xml\n",
}
SETTINGS = "extra_css: [extra.css]\nextra_templates: [robots.txt]\n"

#: The full build, what it logs on stderr one a line: level, logger, message.
LOGGED_BUILD = (
    "import logging\n"
    "logging.basicConfig(level=logging.INFO, format='%(levelno)s %(name)s %(message)s')\n"
    + FULL_BUILD
)
#: Where MkDocs tells of links it cannot follow, from INFO up (as `validation` sets).
LINKS_LOG = "mkdocs.structure.pages"

Session = Callable[[], _Serve]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(CASE, tmp_path / "project", ("errorbook.toml", "catalog"))
    for name, text in HAND_WRITTEN.items():
        (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / name).write_text(text, encoding="utf-8")
    repo_config = with_site_url((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), SITE_URL)
    (project / "mkdocs.yml").write_text(repo_config + SETTINGS, encoding="utf-8")
    return project


@pytest.fixture
def start(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    """Start the preview session, once the test has set the project up."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    sessions: list[_Serve] = []

    def started() -> _Serve:
        session = _Serve(project, tmp_path / "served")
        sessions.append(session)
        session.start()
        return session

    yield started
    for session in sessions:
        session.close()


def _full_build(project: Path, dest: Path) -> subprocess.CompletedProcess[str]:
    """A full build of a copy of the whole project as it is now, in a fresh process."""
    copy = dest / "project"
    shutil.copytree(project, copy)
    env = {"SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-c", LOGGED_BUILD, str(dest / "site")],
        cwd=copy,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _assert_same_as_full_build(serve: _Serve, dest: Path) -> None:
    result = _full_build(serve.project, dest)
    assert result.returncode == 0, result.stderr
    assert site_differences(serve.site, dest / "site") == []


def _assert_fails_as_full_build(serve: _Serve, dest: Path) -> None:
    """The full build aborts, and so does the rebuild (MkDocs' ``Abort``: no traceback)."""
    result = _full_build(serve.project, dest)
    assert result.returncode != 0, result.stderr
    with pytest.raises(Abort):
        serve.rebuild()


def _docs(project: Path, name: str) -> Path:
    return project / "docs" / name


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


Change = Callable[[Path], None]

#: Changes a page rebuild handles, or that fall back to a full build: (change, full builds).
SAME: dict[str, tuple[Change, int]] = {
    "body of a page in the nav": (
        lambda p: _edit(_docs(p, "extra.md"), "See [", "Now see ["),
        0,
    ),
    "front-matter title of a page in the nav": (
        lambda p: _edit(_docs(p, "extra.md"), "title: Extra", "title: More"),
        1,
    ),
    "first heading of a page in the nav": (
        lambda p: _edit(_docs(p, "tags.md"), "# Tags", "# Labels"),
        1,
    ),
    "body of a page out of the nav": (
        lambda p: _edit(_docs(p, "notes/hidden.md"), "Out of", "Kept out of"),
        0,
    ),
    "template, hide and search of a page out of the nav": (
        lambda p: _edit(
            _docs(p, "notes/hidden.md"),
            "tags: [guide]\n",
            "tags: [guide]\ntemplate: main.html\nhide: [toc]\nsearch: {exclude: true}\n",
        ),
        0,
    ),
    "tags of a page": (
        lambda p: _edit(_docs(p, "notes/hidden.md"), "[guide]", "[guide, extra]"),
        1,
    ),
    "title of a tagged page out of the nav": (
        lambda p: _edit(_docs(p, "notes/hidden.md"), "# Hidden notes", "# Secret notes"),
        1,
    ),
    "an image and a stylesheet": (
        lambda p: (
            _edit(_docs(p, "img/logo.svg"), 'width="1"', 'width="2"'),
            _edit(_docs(p, "extra.css"), "teal", "navy"),
        ),
        0,
    ),
    "an extra template": (
        lambda p: _edit(_docs(p, "robots.txt"), "Sitemap:", "Sitemap: "),
        0,
    ),
    "a static file added": (lambda p: _docs(p, "img/new.svg").write_text("<svg/>\n"), 1),
    "a static file deleted": (lambda p: _docs(p, "img/logo.svg").unlink(), 1),
    "a theme feature in mkdocs.yml": (
        lambda p: _edit(p / "mkdocs.yml", "    - navigation.top\n", ""),
        1,
    ),
    "a Markdown extension in mkdocs.yml": (
        lambda p: _edit(p / "mkdocs.yml", "  - admonition\n", "  - abbr\n  - admonition\n"),
        1,
    ),
    "the envelope in the errorbook configuration": (
        lambda p: _append(p / "errorbook.toml", 'envelope = "wrapped"\n'),
        1,
    ),
}


@pytest.mark.parametrize("change", list(SAME))
def test_a_rebuild_after_a_change_is_the_full_build(
    start: Session, tmp_path: Path, change: str
) -> None:
    serve = start()
    edit, full_builds = SAME[change]
    edit(serve.project)
    serve.rebuild()

    _assert_same_as_full_build(serve, tmp_path / "full")
    assert serve.full_builds == full_builds


def _catalog(project: Path, code: str) -> Path:
    return project / "catalog" / f"{code}.yaml"


#: A description that passes validation with a warning (W001: a TODO marker).
WITH_TODO = ("carried no `Authorization` header.", "carried no header, TODO say which.")
#: A description that is not YAML (E001).
NOT_YAML = ("carried no `Authorization` header.", "carried no header: none.")


@pytest.mark.parametrize("page", [False, True], ids=["alone", "with a nav page's title"])
@pytest.mark.parametrize("broken", [WITH_TODO, NOT_YAML], ids=["a warning", "an error"])
def test_an_entry_that_aborts_a_full_build_aborts_the_rebuild_until_fixed(
    start: Session, tmp_path: Path, broken: tuple[str, str], page: bool
) -> None:
    serve = start()
    entry = _catalog(serve.project, "auth/missing")
    _edit(entry, *broken)
    if page:  # the page rebuild starts, then leaves the rebuild to a full build
        _edit(_docs(serve.project, "extra.md"), "title: Extra", "title: More")
    _assert_fails_as_full_build(serve, tmp_path / "broken")

    _edit(entry, broken[1], "carried no header at all.")
    serve.rebuild()
    _assert_same_as_full_build(serve, tmp_path / "fixed")


def test_a_link_another_edit_breaks_aborts_the_rebuild_until_fixed(
    start: Session, project: Path, tmp_path: Path
) -> None:
    # The hand-written page links to a heading of an entry's page, which the edit removes.
    _append(project / "mkdocs.yml", "validation:\n  anchors: warn\n")
    _append(_docs(project, "extra.md"), "\n[Mistakes](billing/card/declined.md#common-mistakes)\n")
    serve = start()
    entry = _catalog(project, "billing/card/declined")
    text = entry.read_text(encoding="utf-8")
    mistakes = text[text.index("mistakes:") : text.index("fields:")]
    _edit(entry, mistakes, "")
    _assert_fails_as_full_build(serve, tmp_path / "broken")

    entry.write_text(text, encoding="utf-8")
    serve.rebuild()
    _assert_same_as_full_build(serve, tmp_path / "fixed")


def _shown(level: int, name: str) -> bool:
    """Whether a message of this level and logger is one a rebuild must show as a full build
    does: a warning, or a link MkDocs cannot follow."""
    return level >= logging.WARNING or (name == LINKS_LOG and level >= logging.INFO)


def _heard(records: list[logging.LogRecord]) -> list[str]:
    return [r.getMessage() for r in records if _shown(r.levelno, r.name)]


def _logged(stderr: str) -> list[str]:
    lines = [line.split(" ", 2) for line in stderr.splitlines()]
    return [line[2] for line in lines if len(line) == 3 and _shown(int(line[0]), line[1])]


#: Links MkDocs cannot follow: a warning (not strict), a message (INFO), anchors at INFO.
LINKS = {
    "a missing page": "[Gone](gone.md)",
    "an unrecognized link": "[Folder](../img/)",
    "a missing anchor": "[Nowhere](../extra.md#nowhere)",
}


@pytest.mark.parametrize("link", list(LINKS))
def test_a_rebuild_shows_the_warnings_a_full_build_shows(
    start: Session,
    project: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    link: str,
) -> None:
    # Not strict: a page's broken link is told in every full build, not only in the build
    # that changed the page.
    _edit(project / "mkdocs.yml", "strict: true", "strict: false")
    _append(_docs(project, "notes/hidden.md"), f"\n{LINKS[link]}\n")
    caplog.set_level(logging.INFO)
    monkeypatch.chdir(project)  # paths in warnings are relative to it, as in the full build's
    serve = start()
    _edit(_catalog(project, "auth/missing"), *WITH_TODO)
    full = _full_build(project, tmp_path / "full")
    caplog.clear()
    serve.rebuild()

    assert _heard(caplog.records) == _logged(full.stderr)
    assert site_differences(serve.site, tmp_path / "full" / "site") == []


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


ERROR_TEMPLATE = (
    '{% extends "errorbook/docs/error.md.j2" %}\n{% block deprecation %}\nNote.\n{% endblock %}\n'
)
HOOKS = "def on_page_markdown(markdown, **kwargs):\n    return markdown\n"

#: A project set up otherwise, then a change: (setup, change, full builds).
CONFIGURED: dict[str, tuple[Change, Change, int]] = {
    "a page template override of errorbook": (
        lambda p: (
            _write(p / "templates" / "docs" / "error.md.j2", ERROR_TEMPLATE),
            _append(p / "errorbook.toml", 'templates = "templates"\n'),
        ),
        lambda p: _edit(p / "templates" / "docs" / "error.md.j2", "Note.", "A note."),
        1,
    ),
    "a theme override": (
        lambda p: (
            _write(p / "overrides" / "main.html", '{% extends "base.html" %}\n'),
            _edit(
                p / "mkdocs.yml",
                "  name: material\n",
                "  name: material\n  custom_dir: overrides\n",
            ),
        ),
        lambda p: _append(p / "overrides" / "main.html", "{% block footer %}{% endblock %}\n"),
        1,
    ),
    "the tags of an entry": (
        lambda p: _append(_catalog(p, "auth/missing"), "tags: [auth]\n"),
        lambda p: _edit(_catalog(p, "auth/missing"), "tags: [auth]", "tags: [auth, keys]"),
        1,
    ),
    "a hook": (
        lambda p: (_write(p / "hooks.py", HOOKS), _append(p / "mkdocs.yml", "hooks: [hooks.py]\n")),
        lambda p: _edit(_docs(p, "extra.md"), "See [", "Now see ["),
        1,
    ),
    "a draft page": (
        lambda p: (
            _write(_docs(p, "drafts/next.md"), "# Next\n\nSoon.\n"),
            _append(p / "mkdocs.yml", "draft_docs: drafts/\n"),
        ),
        lambda p: _edit(_docs(p, "drafts/next.md"), "Soon.", "Later."),
        0,
    ),
    "the theme of MkDocs": (
        lambda p: (
            _edit(p / "mkdocs.yml", "  name: material\n", "  name: mkdocs\n"),
            _edit(p / "mkdocs.yml", "  - tags\n", ""),
            _edit(_docs(p, "notes/hidden.md"), "tags: [guide]\n", ""),
            _docs(p, "tags.md").unlink(),
        ),
        lambda p: _edit(_catalog(p, "auth/missing"), *WITH_TODO[:1], "carried nothing."),
        0,
    ),
}


@pytest.mark.parametrize("case", list(CONFIGURED))
def test_a_rebuild_in_a_project_set_up_otherwise_is_the_full_build(
    start: Session, project: Path, tmp_path: Path, case: str
) -> None:
    setup, change, full_builds = CONFIGURED[case]
    setup(project)
    serve = start()
    change(project)
    serve.rebuild()

    _assert_same_as_full_build(serve, tmp_path / "full")
    assert serve.full_builds == full_builds


def test_two_edits_and_an_entry_between_rebuilds(start: Session, tmp_path: Path) -> None:
    serve = start()
    _edit(_docs(serve.project, "extra.md"), "See [", "Now see [")
    _edit(_docs(serve.project, "notes/hidden.md"), "Out of", "Kept out of")
    _edit(_catalog(serve.project, "auth/missing"), WITH_TODO[0], "carried nothing.")
    serve.rebuild()
    _assert_same_as_full_build(serve, tmp_path / "first")

    _edit(_docs(serve.project, "extra.md"), "Now see [", "See [")
    serve.rebuild()
    _assert_same_as_full_build(serve, tmp_path / "second")
    assert serve.full_builds == 0


@pytest.mark.parametrize("change", ["edit an entry", "add an entry"])
def test_a_rebuild_shows_the_catalog_warnings_once(
    start: Session,
    project: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    change: str,
) -> None:
    # Every rebuild regenerates, and so repeats the catalog's warnings; one that falls back to
    # a full build after regenerating must not regenerate (and repeat them) again.
    _edit(project / "mkdocs.yml", "strict: true", "strict: false")
    _edit(_catalog(project, "auth/missing"), *WITH_TODO)
    caplog.set_level(logging.INFO)
    monkeypatch.chdir(project)
    serve = start()
    if change == "add an entry":
        _write(_catalog(project, "auth/revoked"), REVOKED)
    else:
        _edit(_catalog(project, "auth/expired"), "title:", "title: The")
    full = _full_build(project, tmp_path / "full")
    caplog.clear()
    serve.rebuild()

    assert _heard(caplog.records) == _logged(full.stderr)
    assert site_differences(serve.site, tmp_path / "full" / "site") == []


def _same_size_same_time(path: Path, old: str, new: str) -> None:
    """An edit that keeps the file's size and modification time (``cp -p`` of another
    version, or two saves within the file system's clock tick)."""
    assert len(old) == len(new)
    info = path.stat()
    _edit(path, old, new)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_an_edit_that_keeps_size_and_time_is_rebuilt(start: Session, tmp_path: Path) -> None:
    serve = start()
    _same_size_same_time(_docs(serve.project, "notes/hidden.md"), "Out of", "Kept o")
    serve.rebuild()

    _assert_same_as_full_build(serve, tmp_path / "full")


def test_a_page_in_a_linked_folder_is_rebuilt(
    start: Session, project: Path, tmp_path: Path
) -> None:
    # MkDocs follows links to folders in docs_dir; an edit there is seen by the next rebuild.
    _write(tmp_path / "shared" / "guide.md", "# Guide\n\nShared text.\n")
    (_docs(project, "guides")).symlink_to(tmp_path / "shared", target_is_directory=True)
    serve = start()
    _edit(tmp_path / "shared" / "guide.md", "Shared", "Edited")
    serve.rebuild()

    result = _full_build(project, tmp_path / "full")  # the copy holds the linked folder's files
    assert result.returncode == 0, result.stderr
    assert site_differences(serve.site, tmp_path / "full" / "site") == []


def test_a_file_edited_during_a_rebuild_is_rebuilt_by_the_next(
    start: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve = start()
    status = file_status
    edits = [
        lambda: _edit(_docs(serve.project, "notes/hidden.md"), "Far out of", "Kept out of"),
        lambda: _edit(_docs(serve.project, "extra.md"), "See [", "Now see ["),
    ]

    def status_then_edit(roots: Any) -> Any:
        found = status(roots)
        if edits:
            edits.pop(0)()  # the author saves again, right after the rebuild looked
        return found

    monkeypatch.setattr(page_rebuild, "file_status", status_then_edit)
    _edit(_docs(serve.project, "notes/hidden.md"), "Out of", "Far out of")
    serve.rebuild()  # edits the page it rebuilds
    serve.rebuild()  # edits a page it leaves alone
    serve.rebuild()

    _assert_same_as_full_build(serve, tmp_path / "full")
