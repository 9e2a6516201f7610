"""Any mkdocs.yml renders errorbook's pages: what the plugin adds, what it keeps, what it refuses.

The build-level proof (a minimal mkdocs.yml builds the same pages as the repository's, and no
page shows a literal ``!!!``, ``===`` or fence) is in test_site.py and test_browser.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from errorbook.core.errors import SiteError
from errorbook.docs.markdown_config import EXTENSIONS, complete_markdown, unrendered_markup
from errorbook.docs.mkdocs_setup import THEME_OVERRIDES, prepare_site
from errorbook.docs.search_rank import SEPARATOR
from errorbook.scaffold.site_config import mkdocs_yml

ROOT = Path(__file__).parent.parent
#: What MkDocs itself loads when mkdocs.yml names no extension.
MKDOCS_DEFAULTS = ["toc", "tables", "fenced_code"]
MINIMAL = "site_name: Errors\nsite_url: https://errors.example/\ntheme:\n  name: material\n"


def _site(tmp_path: Path, text: str) -> Any:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "errorbook.toml").write_text('base-uri = "https://errors.example/"\n')
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return load_config(str(path))


def test_mkdocs_defaults_get_every_extension_and_setting_of_the_pages() -> None:
    extensions, configs = list(MKDOCS_DEFAULTS), {}
    added = complete_markdown(extensions, configs)
    assert {extension.name for extension in EXTENSIONS} <= set(extensions)
    assert configs["pymdownx.tabbed"] == {"alternate_style": True}
    assert configs["toc"] == {"permalink": True}
    assert configs["pymdownx.superfences"] == {"preserve_tabs": True}
    assert "pymdownx.tabbed (alternate_style: true)" in added
    assert "toc (permalink: true)" in added
    assert complete_markdown(extensions, configs) == []  # a second run adds nothing


def test_the_users_settings_and_spellings_are_kept() -> None:
    extensions = [
        *MKDOCS_DEFAULTS,
        "markdown.extensions.admonition",
        "extra",  # attr_list, def_list, md_in_html, tables ...
        "pymdownx.superfences",
        "markdown.extensions.toc",
    ]
    configs: dict[str, dict[str, Any]] = {
        "pymdownx.superfences": {"preserve_tabs": False, "custom_fences": []},
        "markdown.extensions.toc": {"permalink": False},
    }
    added = complete_markdown(extensions, configs)
    assert configs["pymdownx.superfences"] == {"preserve_tabs": False, "custom_fences": []}
    assert configs["markdown.extensions.toc"] == {"permalink": False}
    for name in ("admonition", "attr_list", "def_list", "md_in_html", "toc"):
        assert name not in extensions[len(MKDOCS_DEFAULTS) :], name
    assert not any(item.startswith(("admonition", "attr_list", "toc")) for item in added)


@pytest.mark.parametrize("written", ["pymdownx.tabbed", "pymdownx.tabbed:TabbedExtension"])
def test_a_setting_the_pages_cannot_use_is_refused_by_name(written: str) -> None:
    configs: dict[str, dict[str, Any]] = {written: {"alternate_style": False}}
    with pytest.raises(SiteError) as raised:
        complete_markdown([*MKDOCS_DEFAULTS, written], configs)
    message = str(raised.value)
    assert f"`alternate_style: false` for the Markdown extension `{written}`" in message
    assert "`alternate_style: true`" in message


def test_snippets_are_refused_they_would_include_files_named_in_the_catalog() -> None:
    with pytest.raises(SiteError, match=r"`pymdownx\.snippets` in markdown_extensions"):
        complete_markdown([*MKDOCS_DEFAULTS, "pymdownx.snippets"], {})


def test_a_minimal_mkdocs_yml_is_completed_and_said_so(tmp_path: Path) -> None:
    config = _site(tmp_path, MINIMAL + "plugins:\n  - search\n  - errorbook\n")
    said: list[str] = []
    config.plugins.on_config(config)  # as MkDocs does: errorbook's hook runs before search's
    prepare_site(config, said.append)
    assert said == []  # the plugin did it all already
    assert config.theme["font"] is False
    assert config.plugins["material/search"].config.separator == SEPARATOR
    assert config.theme.dirs[0] == str(THEME_OVERRIDES)
    assert config.mdx_configs["pymdownx.tabbed"] == {"alternate_style": True}

    fresh = _site(tmp_path, MINIMAL + "plugins:\n  - search\n")
    prepare_site(fresh, said.append)
    assert said[0].startswith("added the Markdown extensions its pages use: admonition, ")
    assert said[1:] == [
        "theme.font: false (Material would load Roboto from Google Fonts)",
        f"search separator {SEPARATOR} (codes, URNs and URIs split into words)",
    ]


def test_a_font_a_separator_and_a_404_page_of_the_user_are_kept(tmp_path: Path) -> None:
    (tmp_path / "overrides").mkdir()
    text = (
        "site_name: Errors\nsite_url: https://errors.example/\ntheme:\n  name: material\n"
        "  custom_dir: overrides\n  font:\n    text: Inter\n"
        "plugins:\n  - search:\n      separator: '[\\s]+'\n"
    )
    config = _site(tmp_path, text)
    said: list[str] = []
    prepare_site(config, said.append)
    assert config.theme["font"] == {"text": "Inter"}
    assert config.plugins["material/search"].config.separator == "[\\s]+"
    assert "does not split at / and :" in said[-1]
    assert config.theme.dirs[:2] == [str(tmp_path / "overrides"), str(THEME_OVERRIDES)]


def test_the_plugin_refuses_a_conflicting_setting_by_name(tmp_path: Path) -> None:
    text = MINIMAL + (
        "plugins:\n  - search\n  - errorbook\n"
        "markdown_extensions:\n  - pymdownx.tabbed:\n      alternate_style: false\n"
    )
    config = _site(tmp_path, text)
    with pytest.raises(PluginError, match="`alternate_style: false` for the Markdown extension"):
        config.plugins.on_config(config)


@pytest.mark.parametrize("source", ["repository", "init"])
def test_complete_mkdocs_yml_files_need_nothing_added(tmp_path: Path, source: str) -> None:
    text = (
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        if source == "repository"
        else mkdocs_yml("Errors", "https://errors.example/")
    )
    config = _site(tmp_path, text)
    said: list[str] = []
    prepare_site(config, said.append)
    assert said == []


def test_markup_a_page_shows_as_text_is_found() -> None:
    import markdown

    text = (
        '!!! danger "Gone"\n\n    body\n\n=== "Bash"\n\n    curl\n\n'
        "```json\n{}\n```\n\nA `code span` and text.\n"
    )
    bare = markdown.markdown(text, extensions=MKDOCS_DEFAULTS[:2])
    assert unrendered_markup(bare) == ['!!! danger "Gone"', '=== "Bash"', "<code>json"]
    names = [extension.name for extension in EXTENSIONS]
    configs = {extension.name: dict(extension.required) for extension in EXTENSIONS}
    assert (
        unrendered_markup(markdown.markdown(text, extensions=names, extension_configs=configs))
        == []
    )
