"""A run that dies in the middle of writing a file leaves no half-written file behind.

The death is made deterministic with the file-size limit: with ``RLIMIT_FSIZE`` set (and
SIGXFSZ back to its default action), the kernel kills the process at the first write that would
make a file larger than the limit, whatever the writing code looks like. Errorbook writes every
new text aside first, so the files in place are each absent, old or new, and a plain re-run
converges.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from projects import environment, outputs, run, two_catalogs

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGXFSZ"), reason="needs the POSIX file-size limit"
)

#: Smaller than any generated file: the run dies at its first output.
_LIMIT = 300
_DIE_WRITING = f"""
import resource, signal, sys
resource.setrlimit(resource.RLIMIT_FSIZE, ({_LIMIT}, {_LIMIT}))
# Python ignores SIGXFSZ so that the write fails instead; a real death is what is tested.
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
from errorbook.cli import main
sys.exit(main(["generate", "--config", sys.argv[1]]))
"""


@pytest.mark.parametrize("outputs_before", ["none", "another catalog's"])
def test_a_run_killed_while_writing_leaves_whole_files_and_converges(
    tmp_path: Path, outputs_before: str
) -> None:
    project = tmp_path
    configs = two_catalogs(project, 20)
    if outputs_before != "none":
        assert run(project, "generate", "--config", configs["b"]).returncode == 0
    before = outputs(project)

    # No cache folder, so the first large write is an output, not a cached module or record.
    no_cache = {"XDG_CACHE_HOME": "/dev/null", "ERRORBOOK_CACHE_DIR": "/dev/null/errorbook"}
    died = subprocess.run(
        [sys.executable, "-c", _DIE_WRITING, configs["a"]],
        cwd=project,
        env=environment(project, **no_cache),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert died.returncode == -signal.SIGXFSZ, died.stderr

    # Nothing in place was half-written: every output is as it was before the run.
    assert outputs(project) == before
    again = run(project, "generate", "--config", configs["a"])
    assert again.returncode == 0, again.stderr
    check = run(project, "generate", "--check", "--config", configs["a"])
    assert check.returncode == 0, check.stdout + check.stderr
