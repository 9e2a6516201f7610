"""``errorbook explain``: one error's page as plain Markdown for a terminal, like
``rustc --explain``."""

from __future__ import annotations

from errorbook.core.errors import UsageError
from errorbook.docs.entry_page import entry_page
from errorbook.docs.page_text import TERMINAL
from errorbook.docs.templating import environment, render
from errorbook.model import Catalog, ErrorDef
from errorbook.model.lookup import candidates, find_entries, suggest
from errorbook.python.examples import runtime_examples
from errorbook.python.export import export_package
from errorbook.read.config import Config


def explain(catalog: Catalog, config: Config, query: str) -> str:
    """The page of the one entry ``query`` names, as Markdown without site markup.

    Catalog text is printed as authored; a terminal needs its control characters escaped
    (`errorbook.core.escape.terminal`), which the command does for its whole output.

    Args:
        catalog: A catalog without errors.
        config: The project configuration (template overrides, package name).
        query: A code, a URN (``err:unkey:data:api_not_found``), a type URI or the last
            segment of a code.

    Raises:
        UsageError: ``query`` names no entry (with the nearest code), or several: a status,
            a folder or a shared name (listing them).
    """
    matches = find_entries(catalog, query)
    if len(matches) != 1:
        what, matches = candidates(catalog, query)
        if len(matches) == 1:
            return explain(catalog, config, matches[0].code)
        if not matches:
            hint = suggest(catalog, query)
            tip = f"; did you mean {hint[0]}?" if hint else ""
            raise UsageError(f"no error in the catalog is called {query}{tip}")
        raise UsageError(_listing(what, matches))
    entry = matches[0]
    package = export_package(catalog, config.package_name or "problems")
    with runtime_examples(catalog, package) as examples:
        page = entry_page(entry, catalog, examples[entry.code], config.package_name, TERMINAL)
    context = {"page": page, "entry": page.entry}
    return render(environment(config.templates), "docs/explain.md.j2", context)


def _listing(what: str, entries: list[ErrorDef]) -> str:
    """The message that lists the errors a query stands for, one per line."""
    width = max(len(entry.code) for entry in entries)
    rows = "".join(
        f"\n    {entry.code.ljust(width)}  {entry.status} {_printable(entry.title)}"
        for entry in entries
    )
    return f"{what} {len(entries)} errors; explain one of them by its code:{rows}"


def _printable(text: str) -> str:
    """``text`` with every character a terminal would act on shown as its escape."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
