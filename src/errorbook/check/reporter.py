"""Where the rules report: one entry's findings, each located from its data path."""

from __future__ import annotations

from collections.abc import Sequence

from errorbook.check.salvage import Unit, intact
from errorbook.core.diagnostics import Diagnostic, Severity
from errorbook.read.yaml_source import Document, Location, PathItem, locate


class Reporter:
    """Collects diagnostics about one document, locating each from its data path."""

    def __init__(
        self, document: Document, found: list[Diagnostic], broken: frozenset[Unit] = frozenset()
    ) -> None:
        self.document = document
        self.found = found
        self.broken = broken

    def intact(self, *path: PathItem) -> bool:
        """True when the rules may read ``path``: no part at, above or below it was salvaged."""
        return intact(self.broken, *path)

    def __call__(
        self,
        path: Sequence[PathItem],
        code: str,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        severity: Severity = "error",
    ) -> None:
        where = locate(self.document, path, key=key) if path else Location(1, 1)
        self.found.append(
            Diagnostic(self.document.path, where.line, where.column, code, message, hint, severity)
        )
