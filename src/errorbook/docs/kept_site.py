"""Under ``serve``, MkDocs writes the site through `errorbook.speed.kept_site.KeptSite`.

The plugin calls `keep_site` when MkDocs starts a preview server and `release_site` when it
stops; between them, MkDocs' ``clean_directory``, ``write_file`` and ``copy_file`` (looked up
on ``mkdocs.utils`` by the build, the file copier and the search plugins) are the kept site's.
A plain ``mkdocs build`` never gets here.
"""

from __future__ import annotations

from mkdocs import utils

from errorbook.speed.kept_site import KeptSite

_ORIGINALS = (utils.clean_directory, utils.write_file, utils.copy_file)


def keep_site() -> KeptSite:
    """Put a kept site in place of MkDocs' file functions; return it."""
    _, write, copy = _ORIGINALS
    site = KeptSite(write, copy)
    utils.clean_directory = site.clean
    utils.write_file = site.write_file
    utils.copy_file = site.copy_file
    return site


def release_site() -> None:
    """Give MkDocs its own file functions back."""
    utils.clean_directory, utils.write_file, utils.copy_file = _ORIGINALS
