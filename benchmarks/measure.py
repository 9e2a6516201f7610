"""Timing whole processes: wall time and peak resident memory, in interleaved rounds.

Every contender runs as its own process, so interpreter start-up and imports count, as they do
for a user. Peak memory is the process's own ``ru_maxrss``, as ``/usr/bin/time`` reports it,
taken by the small launcher in `benchmarks.launch`. Contenders of one comparison run in
rounds, one run each per round in a rotating order; a ratio is the median of the per-round
ratios, so load from other processes on a shared machine hits both sides of each ratio alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_LAUNCHER = Path(__file__).with_name("launch.py")


class CommandFailed(Exception):
    """A measured command exited with an error."""


@dataclass(frozen=True)
class Run:
    """One run of one command."""

    seconds: float
    peak_kib: int


@dataclass(frozen=True)
class Finished:
    """A command that ran to completion: its time and memory, and what it printed."""

    run: Run
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Contender:
    """A command to measure, and what to do (untimed) before each run, e.g. delete outputs."""

    label: str
    argv: Sequence[str]
    cwd: Path
    prepare: Callable[[], None] | None = None
    env: Mapping[str, str] | None = None


@dataclass
class Series:
    """The runs of one contender, in round order."""

    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        """Median wall time."""
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_mb(self) -> float:
        """Median peak resident memory in MB (10^6 bytes)."""
        return statistics.median(run.peak_kib for run in self.runs) * 1024 / 1e6


def run_command(argv: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> Finished:
    """Run a command to completion; return its time, peak memory and output.

    The command is started by `benchmarks.launch`, so its memory figure is its own. Python
    writes bytecode caches as in any normal install: PYTHONDONTWRITEBYTECODE (which CI sets) is
    removed from the command's environment, or every run would compile every module again.

    Raises:
        CommandFailed: It exited with a non-zero status.
    """
    with tempfile.TemporaryDirectory(prefix="errorbook-run-") as folder:
        result = Path(folder) / "result"
        out, err = Path(folder) / "out", Path(folder) / "err"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            launcher = [sys.executable, "-I", "-S", str(_LAUNCHER), str(result), *argv]
            environment = {**(os.environ if env is None else env)}
            environment.pop("PYTHONDONTWRITEBYTECODE", None)
            code = subprocess.call(launcher, cwd=cwd, stdout=stdout, stderr=stderr, env=environment)
        printed = [path.read_bytes().decode(errors="replace") for path in (out, err)]
        if code != 0:
            raise CommandFailed(f"{' '.join(argv)} exited {code} in {cwd}:\n{printed[1][-2000:]}")
        seconds, peak = result.read_text().split()
    return Finished(Run(float(seconds), int(peak)), printed[0], printed[1])


def race(contenders: Sequence[Contender], rounds: int, *, warmup: bool = True) -> list[Series]:
    """Run every contender ``rounds`` times, interleaved, after one untimed warm-up round.

    The warm-up fills the page cache and writes bytecode caches, so no contender pays for that.
    """
    series = [Series(contender.label) for contender in contenders]
    if warmup:
        for contender in contenders:
            _once(contender)
    for index in range(rounds):
        # Rotate the order so no contender always runs right after the same other one.
        shift = index % len(contenders)
        for position in [*range(shift, len(contenders)), *range(shift)]:
            series[position].runs.append(_once(contenders[position]))
    return series


def _once(contender: Contender) -> Run:
    if contender.prepare is not None:
        contender.prepare()
    # Every run starts with the disk idle: what earlier runs and the clean-up left to write back
    # (or, on a disk mounted with discard, to trim) would otherwise land in whichever run is next.
    os.sync()
    return run_command(contender.argv, contender.cwd, contender.env).run


def ratio(numerator: Series, denominator: Series) -> float:
    """The median over rounds of numerator time / denominator time."""
    pairs = zip(numerator.runs, denominator.runs, strict=True)
    return statistics.median(a.seconds / b.seconds for a, b in pairs)


def repeat_timing(function: Callable[[], object], rounds: int) -> list[float]:
    """Wall times of ``rounds`` calls of ``function`` in this process."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times
