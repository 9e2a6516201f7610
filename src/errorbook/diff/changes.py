"""The classified changes between two catalogs, and what they mean for the version number.

``breaking`` changes can break a conforming client or the code that raises the error (they
call for a major release), ``warning`` changes are allowed but deserve a look (RFC 9457 says
a title should not change), ``minor`` changes add something, and ``patch`` changes touch
only documentation or text. `KINDS` is the whole classification table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

Severity = Literal["breaking", "warning", "minor", "patch"]
Bump = Literal["major", "minor", "patch", "none"]
SEVERITIES: tuple[Severity, ...] = ("breaking", "warning", "minor", "patch")

#: Every kind of change, with its severity.
KINDS: dict[str, Severity] = {
    "entry-removed": "breaking",
    "type-changed": "breaking",
    "alias-removed": "breaking",
    "status-changed": "breaking",
    "field-removed": "breaking",
    "field-renamed": "breaking",
    "field-type-changed": "breaking",
    "field-added-required": "breaking",
    "field-now-required": "breaking",
    "field-now-optional": "breaking",
    "header-removed": "breaking",
    "envelope-changed": "breaking",
    "title-changed": "warning",
    "deprecated-entry-removed": "warning",
    "entry-moved": "warning",
    "type-aliased": "warning",
    "entry-added": "minor",
    "field-added": "minor",
    "header-added": "minor",
    "entry-deprecated": "minor",
    "entry-undeprecated": "minor",
    "alias-added": "patch",
    "detail-changed": "patch",
    "field-doc-changed": "patch",
    "header-changed": "patch",
    "deprecation-changed": "patch",
    "raised-by-changed": "patch",
    "docs-changed": "patch",
}
_BUMPS: dict[Severity, Bump] = {
    "breaking": "major",
    "warning": "minor",
    "minor": "minor",
    "patch": "patch",
}


@dataclass(frozen=True, slots=True)
class CatalogChange:
    """One classified difference between two catalogs.

    Attributes:
        kind: A key of `KINDS`, e.g. ``status-changed``.
        code: The entry's code in the old catalog (in the new one for added entries); empty
            for a change to the whole catalog.
        message: What changed, in one line.
        hint: What to do about it, or None.
    """

    kind: str
    code: str
    message: str
    hint: str | None = None

    @property
    def severity(self) -> Severity:
        """``breaking``, ``warning``, ``minor`` or ``patch``, from `KINDS`."""
        return KINDS[self.kind]

    def sort_key(self) -> tuple[int, str, str, str]:
        return (SEVERITIES.index(self.severity), self.code, self.kind, self.message)


@dataclass(frozen=True, slots=True)
class CatalogDiff:
    """Every change from one catalog to another, most severe first."""

    changes: tuple[CatalogChange, ...]

    @property
    def counts(self) -> dict[Severity, int]:
        """How many changes of each severity, in the order of `SEVERITIES`."""
        found = Counter(change.severity for change in self.changes)
        return {severity: found[severity] for severity in SEVERITIES}

    @property
    def breaking(self) -> bool:
        """True when at least one change is breaking."""
        return any(change.severity == "breaking" for change in self.changes)

    @property
    def bump(self) -> Bump:
        """The smallest semantic-version bump that announces these changes honestly."""
        for severity in SEVERITIES:
            if any(change.severity == severity for change in self.changes):
                return _BUMPS[severity]
        return "none"
