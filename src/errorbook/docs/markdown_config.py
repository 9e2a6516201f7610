"""The Markdown extensions errorbook's pages are written for, added to any mkdocs.yml lacking them.

The pages use callouts (``!!!``), content tabs (``===``), fenced and highlighted code, and
permalinks on headings; catalog Markdown may hold collapsible callouts (``???``), definition
lists and tables too. With MkDocs' defaults (toc, tables, fenced_code) all of that shows as
literal text, so the plugin completes the user's configuration instead: every extension below
that is missing is added with its settings, and a setting the user left out is filled in.
A setting the pages cannot work with is refused, naming it.

The list is the one ``errorbook init`` writes into mkdocs.yml (`tests/test_markdown_config.py`
checks that such a configuration needs nothing added), so a minimal mkdocs.yml builds pages
that are identical to those of a complete one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping, MutableSequence
from dataclasses import dataclass, field
from typing import Any

from errorbook.core.errors import SiteError


@dataclass(frozen=True, slots=True)
class Extension:
    """A Markdown extension the pages use.

    Attributes:
        name: Its name in mkdocs.yml.
        defaults: Settings added when the user's configuration leaves them out.
        required: Settings the pages cannot do without: another value is refused.
        why: What the required settings are for, for the refusal.
    """

    name: str
    defaults: Mapping[str, object] = field(default_factory=dict)
    required: Mapping[str, object] = field(default_factory=dict)
    why: str = ""


#: Every extension of the pages, in the order init writes them.
EXTENSIONS = (
    Extension("admonition"),
    Extension("attr_list"),
    Extension("def_list"),
    Extension("md_in_html"),
    Extension("tables"),
    Extension("toc", defaults={"permalink": True}),
    Extension("pymdownx.details"),
    Extension("pymdownx.highlight"),
    Extension("pymdownx.inlinehilite"),
    Extension("pymdownx.superfences", defaults={"preserve_tabs": True}),
    Extension(
        "pymdownx.tabbed",
        required={"alternate_style": True},
        why="Material for MkDocs styles only the alternate style of content tabs",
    ),
)
#: Extensions the pages must never be rendered with, and why.
REFUSED = {
    "pymdownx.snippets": (
        'it would include into the pages any file a catalog entry names (`--8<-- "FILE"`, '
        "also inside a code sample); build the error reference without it"
    ),
}
#: Extensions that load others: Python-Markdown's ``extra``.
_BUNDLES = {
    "extra": ("abbr", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "tables")
}
_BUILTIN_PREFIX = "markdown.extensions."
#: What Python-Markdown makes of the pages' markup when its extension is missing: a paragraph
#: that starts with a callout's or a tab's marker, or a whole fenced block turned into one
#: inline code span (its backticks read as a code span's).
_UNRENDERED = re.compile(
    r"<p>(?:(?:!!!|\?\?\?\+?|===\+?) [^<\n]*|~~~[^<\n]*|```[^<\n]*"
    r"|<code>[^<\s]*\n[^<]*</code></p>)"
)


def complete_markdown(
    extensions: MutableSequence[str], configs: MutableMapping[str, dict[str, Any]]
) -> list[str]:
    """Add to a validated MkDocs configuration what the pages need (in place).

    Args:
        extensions: ``config.markdown_extensions``: the extensions' names as written.
        configs: ``config.mdx_configs``: their settings, by the same names.

    Returns:
        What was added, each as it would be written in mkdocs.yml (empty when nothing was).

    Raises:
        SiteError: The configuration enables a refused extension, or sets a required setting
            to another value; the message names the setting.
    """
    present = _present(extensions, configs)
    for name, reason in REFUSED.items():
        if name in present:
            raise SiteError(
                f"mkdocs.yml enables the Markdown extension `{present[name]}` in "
                f"markdown_extensions, which errorbook's pages cannot use: {reason}"
            )
    added = []
    for extension in EXTENSIONS:
        written = present.get(extension.name)
        if written is None:
            extensions.append(extension.name)
        missing = _complete_settings(extension, written or extension.name, configs)
        if written is None or missing:
            added.append(_spelled(written or extension.name, missing))
    return added


def _present(extensions: MutableSequence[str], configs: Mapping[str, object]) -> dict[str, str]:
    """``{canonical name: name as written}`` of the configured extensions.

    MkDocs lists its own (``toc``) before the user's, so a name the user wrote with settings
    (``markdown.extensions.toc``) wins over an earlier one without.
    """
    present: dict[str, str] = {}
    for written in extensions:
        name = _canonical(written)
        if name not in present or (configs.get(written) and not configs.get(present[name])):
            present[name] = written
        for part in _BUNDLES.get(name, ()):
            present.setdefault(part, written)
    return present


def _canonical(name: str) -> str:
    """``markdown.extensions.toc:TocExtension`` → ``toc``; ``pymdownx.tabbed`` stays."""
    module = name.partition(":")[0]
    return module.removeprefix(_BUILTIN_PREFIX)


def _complete_settings(
    extension: Extension, written: str, configs: MutableMapping[str, dict[str, Any]]
) -> dict[str, object]:
    settings = configs.setdefault(written, {})
    for key, value in extension.required.items():
        if key in settings and settings[key] != value:
            raise SiteError(
                f"mkdocs.yml sets `{key}: {_yaml(settings[key])}` for the Markdown extension "
                f"`{written}` in markdown_extensions, but errorbook's pages need "
                f"`{key}: {_yaml(value)}` ({extension.why}): remove the setting or change it"
            )
    missing = {
        key: value
        for key, value in {**extension.defaults, **extension.required}.items()
        if key not in settings
    }
    settings.update(missing)
    return missing


def _spelled(name: str, settings: Mapping[str, object]) -> str:
    if not settings:
        return name
    return f"{name} ({', '.join(f'{key}: {_yaml(value)}' for key, value in settings.items())})"


def _yaml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def unrendered_markup(html: str) -> list[str]:
    """The callout, tab and fence markers a rendered page shows as text (empty: none).

    The plugin's safety net: whatever the configuration, a page that shows its Markdown is a
    warning, which ``--strict`` turns into a failed build.
    """
    return [
        match.group(0).removeprefix("<p>").split("\n")[0] for match in _UNRENDERED.finditer(html)
    ]
