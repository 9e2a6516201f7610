"""What an errorbook site needs of MkDocs, added to the user's configuration before the build.

The plugin calls `prepare_site` from its ``on_config`` (before the search plugin's), and so does
``errorbook build`` for a mkdocs.yml without the plugin, so the smallest mkdocs.yml (``site_url``,
``theme: {name: material}``, ``plugins: [search, errorbook]``) builds the same pages as a
complete one. Nothing the user set is changed; what is missing is added, and said at INFO:

- the Markdown extensions and settings of the pages (`errorbook.docs.markdown_config`);
- ``theme.font: false`` with Material: its default font is Roboto, loaded from Google Fonts on
  every page view, and errorbook's pages fetch nothing from other hosts (a site served on an
  API's own domain should not tell another company who reads it, and it works offline). A
  ``font`` the user names is kept;
- the search plugin's ``separator`` (`errorbook.docs.search_rank.SEPARATOR`), so that searching
  a code, a URN or a type URI finds its page first; a separator the user set is kept;
- with Material, errorbook's 404 page (``docs/theme/404.html``: a search box and a link to the
  home), unless the user's ``custom_dir`` has its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from errorbook.docs.markdown_config import complete_markdown
from errorbook.docs.search_rank import SEPARATOR

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

#: errorbook's templates for Material for MkDocs, searched after the user's ``custom_dir``.
THEME_OVERRIDES = Path(__file__).parent / "theme"
#: Material's default font, which it loads from Google Fonts.
_MATERIAL_FONT = {"text": "Roboto", "code": "Roboto Mono"}
#: Separators the search plugins use when none is set (MkDocs' own search fills its in).
_DEFAULT_SEPARATORS = (None, "", r"[\s\-]+")


def prepare_site(config: MkDocsConfig, say: Callable[[str], None]) -> None:
    """Complete ``config`` for errorbook's pages (in place); ``say`` hears what was added.

    Raises:
        SiteError: mkdocs.yml sets something the pages cannot work with; the message names it.
    """
    added = complete_markdown(config.markdown_extensions, config.mdx_configs)
    if added:
        say(f"added the Markdown extensions its pages use: {', '.join(added)}")
    if config.theme.name == "material":
        _material(config, say)
    _search(config, say)


def _material(config: MkDocsConfig, say: Callable[[str], None]) -> None:
    if config.theme.get("font") == _MATERIAL_FONT:
        config.theme["font"] = False
        say("theme.font: false (Material would load Roboto from Google Fonts)")
    overrides = str(THEME_OVERRIDES)
    if overrides not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, overrides)


def _search(config: MkDocsConfig, say: Callable[[str], None]) -> None:
    for name, plugin in config.plugins.items():
        settings: Any = getattr(plugin, "config", {})  # a hook (`hooks:`) is a module
        if name.rpartition("/")[2] != "search" or "separator" not in settings:
            continue
        if settings["separator"] in _DEFAULT_SEPARATORS:
            settings["separator"] = SEPARATOR
            say(f"search separator {SEPARATOR} (codes, URNs and URIs split into words)")
        elif not _splits_codes(settings["separator"]):
            say(
                f"the search separator of mkdocs.yml does not split at / and :, so "
                f"searching a code or a type URI may not find its page first (try {SEPARATOR})"
            )


def _splits_codes(separator: str) -> bool:
    try:
        return re.split(separator, "a/b:c") == ["a", "b", "c"]
    except re.error:  # a JavaScript expression Python does not read: trust it
        return True
