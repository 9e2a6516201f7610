"""Catalog → ``{path: markdown}``: the documentation pages, rendered through strict Jinja templates.

Templates are looked up in the project's ``templates/`` folder first, then in the packaged
defaults (``errorbook/docs/templates``). A project override may extend the default it replaces
as ``errorbook/docs/<name>``. Catalog text only ever reaches templates as data, so a ``{{ }}``
in an entry is printed, never evaluated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from errorbook.core.errors import TemplateError
from errorbook.disk import stat_key, walk
from errorbook.docs.entry_page import ExampleResponse, entry_page, response_view
from errorbook.docs.index_pages import folder_pages, home_page, redirect_pages, status_page
from errorbook.docs.page_text import SiteText
from errorbook.docs.search_rank import search_boosts
from errorbook.docs.templating import PACKAGED_TEMPLATES, environment, load, render
from errorbook.model import Catalog, ErrorDef
from errorbook.python.examples import runtime_examples
from errorbook.python.export import class_module
from errorbook.read.config import Config
from errorbook.speed.memo import Recall, keeping_results
from errorbook.write.notice import GENERATED_MARKER, HEAD_BYTES

if TYPE_CHECKING:
    import jinja2


def generate_docs(catalog: Catalog, config: Config, package: Mapping[str, str]) -> dict[Path, str]:
    """The documentation generator of `errorbook generate`, with the runtime's own examples.

    Args:
        catalog: The loaded catalog.
        config: The project configuration.
        package: The generated package's files (`export_package`), whose example responses the
            pages show.
    """
    with runtime_examples(catalog, package) as examples:
        return render_docs(catalog, config, examples, functools.partial(class_module, package))


def render_docs(
    catalog: Catalog,
    config: Config,
    examples: Mapping[str, ExampleResponse],
    example_source: Callable[[ErrorDef], str] | None = None,
) -> dict[Path, str]:
    """Render every documentation page of the catalog.

    Args:
        catalog: The loaded catalog.
        config: The project configuration (docs folder, template overrides, package name).
        examples: The generated package's example response for every code.
        example_source: The text an entry's example response is made from (the module of its
            class), if it is known: a preview server then keeps an unchanged entry's page
            without making its example again.

    Returns:
        ``{absolute path: text}``: one page per entry at ``<docs-dir>/<code>.md``, the home
        page, one index page per folder, the by-status page, and redirect pages for aliases
        and for a ``type:`` on another path of the site.

    Raises:
        TemplateError: A template is missing, malformed, uses an undefined value, or drops
            the generated-file notice.
    """
    env = environment(config.templates)
    load(env, "docs/error.md.j2")  # compiled once, before any worker is forked
    text = SiteText(raw_html=config.markdown_html)
    codes = tuple(entry.code for entry in catalog.entries)
    boosts = _BOOSTS.get_or_make("boosts", (codes,), lambda: search_boosts(catalog))

    def render_entry(entry: ErrorDef) -> tuple[str, str]:
        page = entry_page(
            entry,
            catalog,
            examples[entry.code],
            config.pages_package,
            text,
            search_boost=boosts.get(entry.code),
        )
        context = {"page": page, "entry": page.entry, "notice": _notice(config, entry.source)}
        return page.path, _render(env, "docs/error.md.j2", context)

    state = _templates_state(config) if keeping_results() else ()

    def inputs(entry: ErrorDef) -> tuple[object, tuple[object, ...]]:
        # Everything entry_page and the template read: the entry, the entries it links to,
        # the example response, its search boost (which other codes decide), the settings
        # and the templates.
        linked = [catalog.get(code) for code in entry.related]
        if entry.deprecated is not None and entry.deprecated.replaced_by:
            linked.append(catalog.get(entry.deprecated.replaced_by))
        if example_source is not None:
            example: object = example_source(entry)  # the runtime's own files never change
        else:
            example = response_view(examples[entry.code])
        boost = boosts.get(entry.code)
        return entry.code, (entry, *linked, example, boost, catalog.base_uri, config, state)

    rendered = dict(_PAGES.map(render_entry, catalog.entries, inputs))
    notice = _notice(config, "the catalog in " + _relative(config.catalog, config.root) + "/")
    pages: dict[str, tuple[str, dict[str, Any]]] = {}
    home = home_page(catalog, examples, text)
    pages[home.path] = ("docs/home.md.j2", {"page": home, "notice": notice})
    for folder in folder_pages(catalog, text):
        pages[folder.path] = ("docs/folder.md.j2", {"page": folder, "notice": notice})
    by_status = status_page(catalog, text)
    pages[by_status.path] = ("docs/by-status.md.j2", {"page": by_status, "notice": notice})
    for redirect in redirect_pages(catalog):
        pages[redirect.path] = ("docs/redirect.html.j2", {"page": redirect, "notice": notice})
    rendered.update((path, _render(env, name, context)) for path, (name, context) in pages.items())
    return {config.docs_dir / path: text for path, text in rendered.items()}


#: Each error page's path and text, kept under a preview server while its inputs are the same.
_PAGES: Recall[tuple[str, str]] = Recall()
#: The search boosts, which depend on the codes alone, kept likewise while they are the same.
_BOOSTS: Recall[dict[str, float]] = Recall()


def _templates_state(config: Config) -> tuple[object, ...]:
    """The template files, as their status shows them (the project's and the packaged ones)."""
    folders = [PACKAGED_TEMPLATES, *([config.templates] if config.templates else [])]
    return tuple(
        (found.path, stat_key(found.stat) if found.stat else None)
        for folder in folders
        for found in walk(str(folder))
    )


def _notice(config: Config, source: str) -> str:
    return (
        f"{GENERATED_MARKER} from {source}: DO NOT EDIT. "
        "Change the catalog, then run `errorbook generate`."
    )


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _render(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    text = render(env, name, context)
    if GENERATED_MARKER not in text[:HEAD_BYTES]:
        raise TemplateError(
            f"template {name} must print {{{{ notice }}}} near its top: without the "
            f"'{GENERATED_MARKER}' notice errorbook could never update the file again"
        )
    return text
