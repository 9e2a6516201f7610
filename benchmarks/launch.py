"""Start one command and record its wall time and peak memory: a tiny, separate launcher.

Run as ``python -I -S launch.py RESULT COMMAND...``. A process forked from a large parent
inherits the parent's resident pages in its peak-memory figure (``ru_maxrss`` keeps the high
water mark of the memory it had before ``exec``), so the benchmark never forks measured
commands itself: this launcher, a bare interpreter of a few MB, forks them, times them from
fork to exit, and writes ``SECONDS PEAK_KIB`` to RESULT. Its exit status is the command's.
"""

import os
import sys
import time


def main() -> int:
    """Run the command; see the module docstring."""
    result, *argv = sys.argv[1:]
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child becomes the command)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    with open(result, "w", encoding="ascii") as stream:  # noqa: PTH123 (no pathlib import)
        stream.write(f"{seconds} {usage.ru_maxrss}\n")
    code = os.waitstatus_to_exitcode(status)
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main())
