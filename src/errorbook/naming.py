"""Python names derived mechanically from codes and member names: one rule, used everywhere."""

from __future__ import annotations


def class_name(segment: str) -> str:
    """The class for an entry's last code segment: ``key_not_found`` becomes ``KeyNotFound``."""
    return "".join(part[:1].upper() + part[1:] for part in segment.split("_"))
