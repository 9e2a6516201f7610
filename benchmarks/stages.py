"""Runs in a fresh interpreter: where the time of one cold ``errorbook generate`` goes.

``python -m benchmarks.stages PROJECT`` runs the pipeline's `regenerate` on PROJECT (what the
command does, minus argument parsing and printing) and prints its own stage timings,
``{stage: seconds}``, as JSON. Run it on a project without generated files.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    """Command-line entry; see the module docstring."""
    start = time.perf_counter()
    from errorbook import load_config, regenerate

    stages = {"start-up and imports": time.perf_counter() - start}
    run = regenerate(load_config(Path(argv[0]) / "errorbook.toml"))
    assert run.ok and not run.skipped, "the synthetic catalog is valid and not generated yet"
    stages.update(run.timings)
    json.dump(stages, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
