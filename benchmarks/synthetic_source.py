"""Deterministic synthetic application code over a synthetic catalog, for ``check-source``.

`write_source` writes a package ``app/`` of F modules (about L lines in all) into a project
that `benchmarks.synthetic` wrote, and adds ``source = ["app"]`` to its configuration. Each
module reads like service code: imports of the generated package in its three forms (a class,
a module under an alias, a folder module), a record class, a service class whose methods raise
catalog errors, helper functions that loop, branch, log and call helpers of other modules
(relative imports), and one module in five a FastAPI router whose routes call them. Every entry
is raised somewhere, with its required fields as literals of their types, so the project
passes ``errorbook check-source --strict``. The same arguments always give the same bytes::

    python -m benchmarks.synthetic_source PROJECT [--files 500] [--lines 100000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from pathlib import Path

from errorbook.check.load import load_catalog
from errorbook.model import ErrorDef
from errorbook.model.naming import attribute_name, class_name, module_name
from errorbook.read.config import load_config

_LITERALS = {
    "string": '"value"',
    "integer": "3",
    "number": "1.5",
    "boolean": "True",
    "array": '["item"]',
    "object": '{"key": "value"}',
}
_ROUTE_EVERY = 5


def write_source(project: Path, files: int = 500, lines: int = 100_000, seed: int = 0) -> Path:
    """Write ``app/`` into ``project`` and point its configuration at it.

    Args:
        project: A synthetic project (``errorbook.toml`` and ``catalog/``).
        files: How many modules.
        lines: About how many lines in all.
        seed: Any integer; the same arguments always give the same files.

    Returns:
        The ``app`` folder.
    """
    config = load_config(project / "errorbook.toml")
    catalog = load_catalog(config).catalog
    if catalog is None:
        raise ValueError(f"{project}: the catalog has errors")
    rng = random.Random(seed)
    entries = list(catalog.entries)
    owned: list[list[ErrorDef]] = [[] for _ in range(files)]
    for index, entry in enumerate(entries):  # every entry raised at least once
        owned[index % files].append(entry)
    app = project / "app"
    app.mkdir(exist_ok=True)
    (app / "__init__.py").write_text('"""A synthetic application."""\n', encoding="utf-8")
    for number in range(files):
        extra = rng.sample(entries, 2)
        text = module_text(rng, number, files, owned[number] + extra, lines // files)
        (app / f"module_{number}.py").write_text(text, encoding="utf-8")
    _configure(project / "errorbook.toml")
    return app


def _configure(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    if "\nsource = " not in text:
        config.write_text(text + 'source = ["app"]\n', encoding="utf-8")


def module_text(
    rng: random.Random, number: int, files: int, entries: Sequence[ErrorDef], lines: int
) -> str:
    """One module of about ``lines`` lines that raises each of ``entries``."""
    raisers = [_raiser(entry, slot) for slot, entry in enumerate(entries)]
    other = (number * 7 + 3) % files
    out = [
        f'"""Synthetic module {number}: records, a service and helpers."""',
        "",
        "from __future__ import annotations",
        "",
        "import logging",
        "from dataclasses import dataclass, field",
        "",
        *_imports(entries),
        "",
        f"from . import module_{other}",
        "",
        "logger = logging.getLogger(__name__)",
        "",
        "",
        "@dataclass",
        f"class Record{number}:",
        "    id: str",
        "    owner: str",
        "    size: int = 0",
        "    tags: list[str] = field(default_factory=list)",
        "",
        "",
        *_service(number, raisers),
    ]
    if number % _ROUTE_EVERY == 0:
        out += _router(number)
    helper = 0
    while len(out) < lines:
        out += _helper(rng, number, helper, other, raisers[helper % len(raisers)])
        helper += 1
    return "\n".join(out) + "\n"


def _imports(entries: Sequence[ErrorDef]) -> list[str]:
    lines = []
    for slot, entry in enumerate(entries):
        module, name = module_name(entry.folder), class_name(entry.name)
        if slot % 3 == 0:
            lines.append(f"from synthetic_errors.{module} import {name} as Error{slot}")
        elif slot % 3 == 1:
            lines.append(f"import synthetic_errors.{module} as errors{slot}")
        else:
            parent, _, leaf = module.rpartition(".")
            source = f"synthetic_errors.{parent}" if parent else "synthetic_errors"
            lines.append(f"from {source} import {leaf} as folder{slot}")
    return sorted(lines, key=lambda line: line.split()[1])


def _raiser(entry: ErrorDef, slot: int) -> str:
    """The expression that constructs ``entry``, through the name its import gave it."""
    name = class_name(entry.name)
    callee = (f"Error{slot}", f"errors{slot}.{name}", f"folder{slot}.{name}")[slot % 3]
    arguments = ", ".join(
        f"{attribute_name(field.name)}={_LITERALS[field.type]}"
        for field in entry.fields
        if field.required
    )
    return f"{callee}({arguments})"


def _service(number: int, raisers: Sequence[str]) -> list[str]:
    out = [
        f"class Service{number}:",
        f'    """Looks records up and changes them; raises the errors of module {number}."""',
        "",
        f"    def __init__(self, records: dict[str, Record{number}]) -> None:",
        "        self.records = records",
        "        self.calls = 0",
        "",
    ]
    for index, raiser in enumerate(raisers):
        out += [
            f"    def operation_{index}(self, key: str, size: int) -> Record{number}:",
            "        self.calls += 1",
            "        record = self.records.get(key)",
            "        if record is None or record.size > size:",
            f"            raise {raiser}",
            "        record.size += size",
            "        return self._touch(record)",
            "",
        ]
    out += [
        f"    def _touch(self, record: Record{number}) -> Record{number}:",
        '        record.tags.append("touched")',
        "        return record",
        "",
        "",
    ]
    return out


def _router(number: int) -> list[str]:
    return [
        "from fastapi import APIRouter",
        "",
        f'router = APIRouter(prefix="/module{number}")',
        f"SERVICE = Service{number}({{}})",
        "",
        "",
        '@router.get("/records/{key}")',
        f"def read_record(key: str) -> Record{number}:",
        "    return SERVICE.operation_0(key, 0)",
        "",
        "",
        '@router.post("/records/{key}/grow")',
        "def grow_record(key: str, size: int) -> dict[str, int]:",
        "    total = helper_0(size, [key])",
        "    return {name: value * 2 for name, value in total.items()}",
        "",
        "",
    ]


def _helper(rng: random.Random, number: int, index: int, other: int, raiser: str) -> list[str]:
    threshold = rng.randint(2, 90)
    call_other = (
        f"    result.update(module_{other}.helper_0(limit - 1, names[:1]))"
        if index % 4 == 3
        else f"    result.update(helper_{index - 1}(limit, names[1:]))"
        if index
        else "    result['first'] = limit"
    )
    return [
        f"def helper_{index}(limit: int, names: list[str]) -> dict[str, int]:",
        f'    """Count names up to a limit (helper {index} of module {number})."""',
        "    result: dict[str, int] = {}",
        "    for position, name in enumerate(names):",
        "        if not name:",
        "            continue",
        f"        if position > limit or len(name) > {threshold}:",
        f"            raise {raiser}",
        "        result[name] = result.get(name, 0) + position",
        call_other,
        '    logger.debug("counted %d names", len(result))',
        "    return result",
        "",
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.synthetic_source PROJECT [--files F] [--lines L] [--seed S]``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synthetic_source",
        description="Write synthetic application code over a synthetic project's catalog.",
    )
    parser.add_argument("project", type=Path, help="a project written by benchmarks.synthetic")
    parser.add_argument("--files", type=int, default=500, help="modules (default 500)")
    parser.add_argument("--lines", type=int, default=100_000, help="lines in all (default 100,000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    app = write_source(args.project, args.files, args.lines, args.seed)
    print(f"wrote {args.files} modules to {app}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
