"""Everything errorbook does only to be fast, behind one door.

The main paths read as if none of this existed: they call `parallel_map` where a plain loop
would do, ask `certainly_valid`-style checks before jsonschema, and so on. Each piece names the
target of ``benchmarks/REPORT.md`` it serves; each can be measured by switching it off, and one
that no target needs any more should go.

- `parallel_map` (`errorbook.speed.parallel`): per-entry work on both cores. Cold generate within
  3x of the floor; validate within 3x of the floor at 10,000 entries. ``ERRORBOOK_JOBS=1`` turns
  it off. `map_ahead` (same module) starts that work and returns at once: check-source parses
  the application while the catalog loads. Check-source within 3x of the floor.
- `compile_schema` (`errorbook.speed.compiled_schema`): vouches for valid entries without
  jsonschema. Validate within 3x of the floor, and check-jsonschema at least 3x slower.
- `compile_cached` (`errorbook.speed.bytecode`): the generated package's bytecode, compiled once
  across runs for the docs' example responses. Cold generate within 3x of the floor.
- `Record` (`errorbook.speed.pickling`): model records pickle through their constructor, so
  results come back from workers cheaply. Check-source within 3x of the floor.
- `collecting_rarely` (`errorbook.speed.collect`): fewer garbage collections while a catalog is
  alive. Validate and cold generate at 10,000 entries.
- `observe` / `unchanged` / `remember` (`errorbook.speed.unchanged`): the nothing-changed record.
  Generate with nothing changed at most 10% of a cold run.
- `Memo` / `Recall` (`errorbook.speed.memo`): per-page and per-entry results kept under a
  preview server while their inputs are the same. Serve at most 2 s (1,000) and 5 s (10,000).
- `KeptSite` (`errorbook.speed.kept_site`): a preview server's site folder kept between builds,
  only changed files written. Serve at most 2 s (1,000) and 5 s (10,000).
- `TemplateCode` (`errorbook.speed.template_code`): the theme's compiled templates, kept across
  a preview server's builds. Serve at most 2 s (1,000) and 5 s (10,000).

One module here is not a speed-up: `errorbook.disk` (walking folders, reading regular
files) lives here because the nothing-changed record must see the files exactly as the readers
and the writer do, and may import nothing outside this package.

This package imports nothing else of errorbook, so any stage may use it.
"""

from __future__ import annotations

from errorbook.speed.collect import collecting_rarely
from errorbook.speed.parallel import parallel_map

__all__ = ["collecting_rarely", "parallel_map"]
