"""Which files of the catalog folder are entries: every visible ``*.yaml`` file below it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from errorbook.core.diagnostics import Diagnostic


def entry_files(folder: Path, diagnostics: list[Diagnostic]) -> Iterator[Path]:
    """Every entry file below ``folder``, sorted; a ``.yml`` file is reported (E014) instead."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.suffix == ".yaml":
            yield path
        elif path.suffix == ".yml":
            hint = f"rename it to {path.with_suffix('.yaml').name}"
            diagnostics.append(
                Diagnostic(path, 1, 1, "E014", "entry files end in .yaml, not .yml", hint)
            )
