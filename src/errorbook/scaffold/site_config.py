"""``errorbook init``'s mkdocs.yml: Material, every Markdown extension the pages use, no fonts
fetched from other hosts, ``site_url`` at the base URI, and the error pages out of the sidebar."""

from __future__ import annotations

import json


def mkdocs_yml(site_name: str, base_uri: str) -> str:
    """The text of a complete mkdocs.yml for an errorbook site.

    ``site_url`` is the base URI, so each page is served at its type URI (W007 otherwise).
    """
    return _TEMPLATE.format(site_name=json.dumps(site_name), base_uri=json.dumps(base_uri))


# The not_in_nav rule is the repository's own: every page embeds the whole sidebar, so listing
# every error (or every folder) in it would make each page grow with the catalog, and the site
# with its square. The first three lines add the entries of the catalog folder itself.
_TEMPLATE = """\
# The error reference. `errorbook build` validates the catalog, regenerates docs/ and builds the
# site into site/; `errorbook serve` previews it.
site_name: {site_name}
# Must equal base-uri in the errorbook configuration, so each page is served at its type URI
# (`errorbook validate` warns when they differ: W007).
site_url: {base_uri}
docs_dir: docs
site_dir: site
strict: true

theme:
  name: material
  font: false                     # no Google Fonts request when a page is viewed
  features:
    - navigation.indexes          # a folder's index.md is its section page
    - navigation.top
    - search.suggest
    - search.highlight
    - content.code.copy
    - content.tabs.link           # tabs with the same label switch together

# The sidebar holds the home, the by-status page and one page per top-level folder; deeper
# folder pages and every error page are linked from those pages instead. Each page embeds the
# whole sidebar, so a sidebar that grew with the catalog would make the site grow with its square.
not_in_nav: |
  /*.md
  !/index.md
  !/by-status.md
  /*/**/*.md
  !/*/index.md

plugins:
  - search:
      separator: '[\\s\\-/:]+'    # codes, URNs and type URIs split into words at / and :
  - tags
  - errorbook                     # regenerates stale pages before each build

# Every extension the generated pages use: callouts (admonition), tabbed examples, highlighted
# code, permalinks.
markdown_extensions:
  - admonition
  - attr_list
  - def_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.highlight
  - pymdownx.inlinehilite
  - pymdownx.superfences:
      preserve_tabs: true         # tabs in code samples stay tabs (Makefiles, Go)
  - pymdownx.tabbed:
      alternate_style: true
"""
