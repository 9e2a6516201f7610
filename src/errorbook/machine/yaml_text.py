"""Deterministic YAML text for ``errorbook export openapi --out FILE.yaml``.

Keys keep the order the builders chose. The writer never emits anchors or aliases, which PyYAML
otherwise does for a dict object that appears twice, and which errorbook refuses on input.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

#: Characters PyYAML writes raw in plain or block scalars but reads back as something else
#: (U+0085, U+2028 and U+2029 are line breaks in YAML 1.1, a byte order mark is dropped, a
#: carriage return ends a line), or refuses: such strings are written double-quoted, where
#: the emitter writes them as escapes.
_NOT_VERBATIM = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
)


class _PlainDumper(yaml.SafeDumper):
    """A safe dumper that writes repeated objects out in full instead of as aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if _NOT_VERBATIM.search(text) else "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_PlainDumper.add_representer(str, _represent_str)


def dump_yaml(data: object) -> str:
    """Block-style YAML in the given key order, without aliases, and with a final newline."""
    text: str = yaml.dump(
        data,
        Dumper=_PlainDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return text
