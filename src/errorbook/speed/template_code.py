"""Jinja's compiled templates, kept across a preview server's builds.

Serves the live-preview targets of the benchmark report (``errorbook serve`` / ``mkdocs
serve``: from saving an entry to the served page showing it, at most 2 s at 1,000 entries and
5 s at 10,000). MkDocs makes a new Jinja environment for the theme at every build, so every
build compiled the theme's templates again (Material: about 50, a quarter of a second). The
plugin gives each new environment the same `TemplateCode`, a Jinja bytecode cache in memory:
Jinja itself checks each template's source checksum before it uses the code, and the code is
kept apart for environments whose compiler settings differ.
"""

from __future__ import annotations

import jinja2

#: The environment settings the compiled code depends on (with its extensions).
_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "autoescape",
)


class TemplateCode(jinja2.BytecodeCache):
    """Compiled templates by environment settings, template and source checksum."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, str], bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(_key(bucket))
        if code is not None:
            bucket.bytecode_from_string(code)  # refuses code of another source checksum

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[_key(bucket)] = bucket.bytecode_to_string()


def _key(bucket: jinja2.bccache.Bucket) -> tuple[str, str]:
    env = bucket.environment
    settings = [repr(getattr(env, name, None)) for name in _SETTINGS]
    extensions = sorted(env.extensions)
    return repr((settings, extensions)), bucket.key
