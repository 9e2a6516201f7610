"""Which files of the catalog folder are entries: every visible ``*.yaml`` file below it.

Symbolic links are followed, to files and folders alike, wherever they lead; an entry's code is
the path of the link, not of its target. What cannot be followed is an error, never a silent
gap in the catalog: a link that leads nowhere or into a loop (E026), an entry name that is not a
regular file (E027), a ``.yml`` or upper-case ``.YAML`` file (E014).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from errorbook.core.diagnostics import Diagnostic
from errorbook.disk import describe, walk

_ENTRY_SUFFIX = ".yaml"


def entry_files(folder: Path, diagnostics: list[Diagnostic]) -> Iterator[Path]:
    """Every entry file below ``folder``, sorted; what cannot be an entry is reported instead."""
    for found in walk(str(folder), keep=lambda name: not name.startswith(".")):
        path = Path(found.path)
        if found.kind in ("dangling", "loop"):
            hint = "links in the catalog are followed: point it at an entry or a folder of them"
            message = f"the symbolic link cannot be followed: {found.reason}"
            diagnostics.append(Diagnostic(path, 1, 1, "E026", message, hint))
        elif found.kind == "unreadable":
            message = f"it cannot be read: {found.reason}"
            diagnostics.append(Diagnostic(path, 1, 1, "E027", message))
        elif path.suffix.lower() not in (".yaml", ".yml"):
            continue
        elif found.kind == "special":
            assert found.stat is not None
            what = describe(found.stat.st_mode)
            hint = "an entry is a regular file: replace it with one, or move it away"
            diagnostics.append(
                Diagnostic(path, 1, 1, "E027", f"the entry is {what}, not a regular file", hint)
            )
        elif path.suffix == _ENTRY_SUFFIX:
            yield path
        else:
            hint = f"rename it to {path.with_suffix(_ENTRY_SUFFIX).name}"
            message = f"entry files end in {_ENTRY_SUFFIX}, not {path.suffix}"
            diagnostics.append(Diagnostic(path, 1, 1, "E014", message, hint))
