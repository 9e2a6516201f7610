"""Deterministic synthetic catalogs: N valid entries from a seed, shaped like the real ones.

The 89 entries in ``catalog/`` set the shape: about 4 KB of YAML each, a two-paragraph
description, 2-6 causes, 3-5 titled fixes, 3-6 mistakes, 1-4 examples (curl, sometimes Python),
0-3 typed fields whose examples match their type, 3-5 related codes that resolve, and the headers
HTTP wants for 401 and 429. Entries sit 20-50 to a folder, in folders two or three levels deep
(``billing/data/invoice_not_found``, ``storage/buckets/limits/quota_exceeded``). The result passes
``errorbook validate --strict``.

The same ``(n, seed)`` always gives the same bytes. Use it from code::

    from benchmarks.synthetic import write_catalog
    write_catalog(tmp_path, 1000)  # writes tmp_path/errorbook.toml and tmp_path/catalog/

or from a shell: ``python -m benchmarks.synthetic 1000 /tmp/synth [--seed 0]``.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.emit import entry_yaml
from benchmarks.vocabulary import AREAS, CATEGORIES, NOUNS, SYSTEMS, Category

#: Entries per folder, as in a catalog a team grows by hand.
FOLDER_SIZE = (20, 50)
#: The package folder the generated Python code goes to (see `config_text`).
PACKAGE = "synthetic_errors"
#: The base URI of every synthetic entry's type.
BASE_URI = "https://api.example.com/errors/"


@dataclass(frozen=True)
class Slot:
    """One planned entry: its code and the words its text is made from."""

    folder: tuple[str, ...]
    category: Category
    noun: str
    condition: str

    @property
    def code(self) -> str:
        """``system[/area]/category/name``: the entry's path below ``catalog/``."""
        return "/".join((*self.folder, f"{self.noun}_{self.condition}"))


def synthetic_catalog(n: int, seed: int = 0) -> dict[str, str]:
    """The files of a synthetic project, by POSIX path relative to its root.

    Args:
        n: How many entries.
        seed: Any integer; the same ``(n, seed)`` always gives the same files.

    Returns:
        ``errorbook.toml`` and one ``catalog/<code>.yaml`` per entry.
    """
    rng = random.Random(seed)
    slots = plan_slots(rng, n)
    by_folder: dict[tuple[str, ...], list[str]] = {}
    for slot in slots:
        by_folder.setdefault(slot.folder, []).append(slot.code)
    everything = [slot.code for slot in slots]
    files = {"errorbook.toml": config_text(n, seed)}
    for slot in slots:
        related = _related(rng, slot.code, by_folder[slot.folder], everything)
        files[f"catalog/{slot.code}.yaml"] = entry_yaml(rng, slot, related)
    return files


def write_catalog(dest: Path, n: int, seed: int = 0) -> Path:
    """Write a synthetic project (errorbook.toml and catalog/) into ``dest``.

    Args:
        dest: The project folder; created when missing. Existing files are overwritten.
        n: How many entries.
        seed: See `synthetic_catalog`.

    Returns:
        ``dest``, so ``errorbook --config dest/errorbook.toml`` can be run on it.
    """
    folders: set[Path] = set()
    for relative, text in synthetic_catalog(n, seed).items():
        path = dest / relative
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_bytes(text.encode("utf-8"))
    return dest


def config_text(n: int, seed: int) -> str:
    """The errorbook.toml of a synthetic project."""
    return (
        f"# A synthetic catalog of {n} entries (seed {seed}), written by benchmarks.synthetic.\n"
        f'base-uri = "{BASE_URI}"\n'
        'catalog = "catalog"\n'
        f'python-package = "src/{PACKAGE}"\n'
        'docs-dir = "docs"\n'
    )


def plan_slots(rng: random.Random, n: int) -> list[Slot]:
    """Codes for ``n`` entries: folders of 20-50 entries, each with its own category."""
    slots: list[Slot] = []
    used: set[tuple[str, ...]] = set()
    while len(slots) < n:
        folder, category = _new_folder(rng, used)
        size = min(rng.randint(*FOLDER_SIZE), n - len(slots))
        names = rng.sample([(noun, c) for noun in NOUNS for c in category.conditions], size)
        slots.extend(Slot(folder, category, noun, condition) for noun, condition in names)
    return slots


def _new_folder(rng: random.Random, used: set[tuple[str, ...]]) -> tuple[tuple[str, ...], Category]:
    while True:
        category = rng.choice(CATEGORIES)
        system = rng.choice(SYSTEMS)
        # One folder in three has a resource level between system and category.
        middle = (rng.choice(AREAS),) if rng.random() < 1 / 3 else ()
        folder = (system, *middle, category.name)
        if folder not in used:
            used.add(folder)
            return folder, category


def _related(
    rng: random.Random, code: str, siblings: Sequence[str], everything: Sequence[str]
) -> list[str]:
    """3-5 codes readers could confuse with this one: mostly siblings, one from elsewhere."""
    count = rng.randint(3, 5)
    near = [other for other in siblings if other != code]
    chosen = rng.sample(near, min(count - 1, len(near)))
    while len(chosen) < count and len(everything) > len(chosen) + 1:
        other = rng.choice(everything)
        if other != code and other not in chosen:
            chosen.append(other)
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.synthetic N DEST [--seed S]``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synthetic",
        description="Write a synthetic errorbook project of N valid entries into DEST.",
    )
    parser.add_argument("n", type=int, help="number of entries")
    parser.add_argument("dest", type=Path, help="project folder to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    write_catalog(args.dest, args.n, args.seed)
    print(f"wrote {args.n} entries to {args.dest / 'catalog'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
