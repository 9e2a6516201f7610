"""Deterministic YAML text for ``errorbook export openapi --out FILE.yaml``.

Keys keep the order the builders chose. The writer never emits anchors or aliases, which PyYAML
otherwise does for a dict object that appears twice, and which errorbook refuses on input.
"""

from __future__ import annotations

from typing import Any

import yaml


class _PlainDumper(yaml.SafeDumper):
    """A safe dumper that writes repeated objects out in full instead of as aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
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
