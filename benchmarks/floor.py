"""The floor: the least work any tool must do, written as plainly as possible.

``python -m benchmarks.floor load FOLDER`` reads every ``.yaml`` file below FOLDER with PyYAML's
C loader and does nothing else: no tool that reads YAML with PyYAML can validate faster.
``python -m benchmarks.floor write FOLDER BUNDLE OUT`` does that, then writes the files stored
in BUNDLE (a marshal dump of ``{relative path: bytes}``, made from a real errorbook run) into
OUT: no generator can read the catalog and write the same bytes faster.
``python -m benchmarks.floor parse FOLDER`` reads every ``.py`` file below FOLDER and parses it
with `ast.parse`, and does nothing else: no tool that reads Python with the standard parser
can check the same code faster.

This module imports nothing but what its command needs (PyYAML, or `ast`), so its start-up
is a bare interpreter's plus that.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path


def load(folder: Path) -> int:
    """Load every entry below ``folder``; return how many there were."""
    import yaml

    count = 0
    for path in sorted(folder.rglob("*.yaml")):
        with path.open("rb") as stream:
            yaml.load(stream, Loader=yaml.CSafeLoader)
        count += 1
    return count


def parse(folder: Path) -> int:
    """Parse every Python file below ``folder``; return how many there were."""
    import ast

    count = 0
    for path in sorted(folder.rglob("*.py")):
        ast.parse(path.read_bytes(), filename=str(path))
        count += 1
    return count


def write(bundle: Path, out: Path) -> int:
    """Write every file of ``bundle`` below ``out``; return how many there were."""
    files: dict[str, bytes] = marshal.loads(bundle.read_bytes())
    made: set[Path] = set()
    for relative, data in files.items():
        path = out / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
    return len(files)


def save_bundle(folders: list[Path], root: Path, bundle: Path) -> int:
    """Store every file below ``folders`` (paths relative to ``root``) in ``bundle``."""
    files = {
        path.relative_to(root).as_posix(): path.read_bytes()
        for folder in folders
        if folder.is_dir()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    bundle.write_bytes(marshal.dumps(files))
    return len(files)


def main(argv: list[str]) -> int:
    """Command-line entry: ``load FOLDER``, ``parse FOLDER`` or ``write FOLDER BUNDLE OUT``."""
    if len(argv) == 2 and argv[0] in ("load", "parse"):
        (load if argv[0] == "load" else parse)(Path(argv[1]))
        return 0
    if len(argv) == 4 and argv[0] == "write":
        load(Path(argv[1]))
        write(Path(argv[2]), Path(argv[3]))
        return 0
    print(
        "usage: python -m benchmarks.floor load FOLDER | parse FOLDER | write FOLDER BUNDLE OUT",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
