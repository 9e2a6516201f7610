"""Runs in a fresh interpreter: where the time of one cold ``errorbook generate`` goes.

``python -m benchmarks.stages PROJECT`` loads PROJECT's catalog, runs each generator and writes
the files, timing each stage with the library's own functions (what the command does, minus
argument parsing and printing), and prints ``{stage: seconds}`` as JSON. Run it on a project
without generated files.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    """Command-line entry; see the module docstring."""
    start = time.perf_counter()
    from errorbook.cli.common import tune_garbage_collector
    from errorbook.config import load_config
    from errorbook.generate import GENERATORS
    from errorbook.load import load_catalog
    from errorbook.output import managed_dirs, write_outputs

    tune_garbage_collector()  # as the command does
    stages = {"start-up and imports": time.perf_counter() - start}
    config = load_config(Path(argv[0]) / "errorbook.toml")
    mark = time.perf_counter()
    result = load_catalog(config)
    stages["load and validate the catalog"] = time.perf_counter() - mark
    assert result.catalog is not None, "the synthetic catalog is valid"
    files: dict[Path, str] = {}
    for generator in GENERATORS:
        mark = time.perf_counter()
        files.update(generator(result.catalog, config))
        stages[f"{generator.__module__}.{generator.__name__}"] = time.perf_counter() - mark
    mark = time.perf_counter()
    write_outputs(dict(sorted(files.items())), managed_dirs(config))
    stages["write the files"] = time.perf_counter() - mark
    json.dump(stages, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
