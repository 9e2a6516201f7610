"""Run one step in a forked child process, so the memory it used is the system's again after.

Serves the 10,000-entry site build's memory target (``errorbook build`` within 500 MB, see the
benchmark report): a cold regenerate of 10,000 entries peaks at about 430 MB and leaves about
330 MB resident in the process (Python keeps freed memory for reuse), and MkDocs then builds
the site on top of it. Run in a child, the regenerate's memory goes back to the system when
the child ends, and the build starts from about 60 MB.

Only the result comes back (pickled), and only when forking is safe (`can_fork`: no other
thread, which a preview server has); otherwise the step runs here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any, TypeVar

from errorbook.speed.parallel import can_fork

R = TypeVar("R")


def in_child(function: Callable[[], R]) -> R:
    """``function()``, computed in a forked child when that is safe; its exception is raised
    here. The result and any exception must be picklable."""
    if not can_fork():
        return function()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(function, send))
    child.start()
    send.close()
    try:
        ok, value = receive.recv()
    except EOFError:
        child.join()
        raise ChildProcessError(f"a worker process ended with exit code {child.exitcode}") from None
    finally:
        receive.close()
    child.join()
    if ok:
        return value  # type: ignore[no-any-return]
    raise value


def _run(function: Callable[[], Any], send: Any) -> None:
    try:
        outcome: tuple[bool, Any] = (True, function())
    except BaseException as error:  # every exception, interrupts too, belongs to the caller
        outcome = (False, error)
    try:
        send.send(outcome)
    except Exception as error:  # the outcome could not be pickled: send what it was, as text
        ok, value = outcome
        what = f"the result could not be sent back: {error}"
        if not ok:
            what = f"{type(value).__name__}: {value}"
        send.send((False, ChildProcessError(what)))
