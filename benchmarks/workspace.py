"""Where a benchmark run keeps its synthetic projects, and how it starts the tools on them."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synthetic import PACKAGE, write_catalog
from benchmarks.synthetic_small import write_small_catalog
from benchmarks.synthetic_source import write_source

#: The sections of the report, in order.
SECTIONS = ("validate", "generate", "site", "serve", "runtime", "import", "source", "adapters")
#: The repository root: benchmarks/ is importable from here.
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Options:
    """How much to measure.

    Attributes:
        sizes: Catalog sizes for validate and generate (the largest also drives memory/import).
        site_sizes: Catalog sizes for the site build.
        rounds: Interleaved rounds per comparison at sizes up to 1,000 entries.
        big_rounds: Rounds at larger sizes, where one run takes minutes.
        site_rounds: Site builds per size up to 1,000 entries (each takes a minute).
        site_big_rounds: Site builds at larger sizes (each takes many minutes).
        seed: Seed of the synthetic catalogs.
        quick: A small run (for tests and a first look); targets are then not judged.
        only: The sections to run (default: all of `SECTIONS`; memory needs the first two).
    """

    sizes: tuple[int, ...] = (1000, 10000)
    site_sizes: tuple[int, ...] = (1000, 10000)
    rounds: int = 5
    big_rounds: int = 3
    site_rounds: int = 3
    site_big_rounds: int = 1
    seed: int = 0
    quick: bool = False
    only: tuple[str, ...] = ()

    def rounds_for(self, n: int) -> int:
        """Rounds to run at catalog size ``n``."""
        return self.rounds if n <= 1000 else self.big_rounds

    def judges(self, n: int) -> bool:
        """Whether targets are stated at size ``n``: 1,000 and up, or a quick run's largest."""
        return n >= 1000 or (self.quick and n == max(self.sizes))


class Workspace:
    """A scratch folder holding one synthetic project per catalog size."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.seed = seed

    def project(self, n: int) -> Path:
        """The project folder with ``n`` entries, written on first use."""
        folder = self.root / f"n{n}"
        if not (folder / "errorbook.toml").exists():
            write_catalog(folder, n, self.seed)
        return folder

    def small_project(self, n: int) -> Path:
        """The project with ``n`` small entries (`benchmarks.synthetic_small`), written on first
        use."""
        folder = self.root / f"small-n{n}"
        if not (folder / "errorbook.toml").exists():
            write_small_catalog(folder, n, self.seed)
        return folder

    def source_project(self, entries: int, files: int, lines: int) -> Path:
        """A project of ``entries`` entries with an application of ``files`` modules and about
        ``lines`` lines over them (`benchmarks.synthetic_source`), written on first use."""
        folder = self.root / f"source-n{entries}-f{files}-l{lines}"
        if not (folder / "app").is_dir():
            write_catalog(folder, entries, self.seed)
            write_source(folder, files, lines, self.seed)
        return folder

    def package(self, n: int) -> Path:
        """The folder of the Python package errorbook generates for the ``n``-entry project."""
        return self.project(n) / "src" / PACKAGE


def python(*args: str) -> list[str]:
    """A command line running this interpreter."""
    return [sys.executable, *args]


def with_repo_on_path() -> dict[str, str]:
    """This process's environment, plus the repository on PYTHONPATH (for ``benchmarks.*``)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    return env


def remove(*paths: Path) -> None:
    """Delete files or folders if they exist."""
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def count(n: int) -> str:
    """``10000`` → ``10,000``."""
    return f"{n:,}"
