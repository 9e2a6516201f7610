"""4. Live preview: from saving an edited entry to `errorbook serve` serving the changed page."""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.bench_site import site_config
from benchmarks.report import Section, Table, judged, seconds
from benchmarks.synthetic import BASE_URI
from benchmarks.workspace import Options, Workspace, count, python

#: The issue's targets: seconds from saving an entry to the served page showing it.
LIMITS = {1000: 2.0, 10000: 5.0}
_POLL = 0.02
_QUIET = 1.5
INTRO = """\
`errorbook serve` on the synthetic project (the repository's `mkdocs.yml`), after its first
build. Each round saves an edit to one entry's `title` (a different entry each round, in
place, as an editor saves) and polls the entry's served page every 20 ms until it shows the
new title: the latency is from the write to the first response that shows it, so it includes
the watcher noticing the file (MkDocs polls every 0.5 s), errorbook regenerating and MkDocs
rebuilding. Between rounds the server is left to finish (a rebuild that regenerated pages
makes MkDocs see them and build once more) and to stay idle for 1.5 s, and the disk is synced
before each round, as before every timed run of the suite. Peak memory is the server's own
high-water mark (`VmHWM`) at the end."""


@dataclass(frozen=True)
class _Preview:
    n: int
    first_build: float
    latencies: list[float]
    peak_mb: float


def serve_section(workspace: Workspace, options: Options) -> Section:
    """Measure the edit-to-page latency of the preview at each site size."""
    section = Section("Live preview", INTRO)
    previews = [_measure(workspace, n, options) for n in options.site_sizes]
    rows = [
        (
            count(preview.n),
            seconds(preview.first_build),
            seconds(statistics.median(preview.latencies)),
            seconds(max(preview.latencies)),
            ", ".join(f"{value:.2f}" for value in preview.latencies),
            f"{preview.peak_mb:.0f} MB",
        )
        for preview in previews
    ]
    headers = ("entries", "first build", "median", "slowest", "every round (s)", "peak memory")
    section.tables.append(Table(headers, rows))
    for preview in previews:
        limit = LIMITS.get(preview.n, LIMITS[1000])
        median = statistics.median(preview.latencies)
        goal = f"serve {count(preview.n)}: saved entry shown in at most {limit:g} s (median)"
        section.targets.append(
            judged(goal, seconds(median), median <= limit, preview.n, options.quick)
        )
    return section


def _measure(workspace: Workspace, n: int, options: Options) -> _Preview:
    project = workspace.project(n)
    (project / "mkdocs.yml").write_text(site_config(), encoding="utf-8")
    entries = sorted((project / "catalog").rglob("*.yaml"))
    rounds = max(3, options.rounds_for(n))
    chosen = [entries[(index * 7919) % len(entries)] for index in range(rounds)]
    originals = {path: path.read_bytes() for path in chosen}
    port = _free_port()
    log = project / "serve.log"
    env = {**os.environ, "XDG_CACHE_HOME": str(project / ".bench-cache")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    argv = python("-m", "errorbook", "serve", "--dev-addr", f"127.0.0.1:{port}")
    started = time.perf_counter()
    with log.open("wb") as output:
        server = subprocess.Popen(
            argv, cwd=project, stdout=output, stderr=subprocess.STDOUT, env=env
        )
        try:
            base = f"http://127.0.0.1:{port}{urlsplit(BASE_URI).path}"
            _wait_for(lambda: _fetch(base) is not None, timeout=120 + n * 0.06, log=log)
            first_build = time.perf_counter() - started
            _settle(log)
            latencies = []
            for index, path in enumerate(chosen):
                # As every timed run of the suite (`benchmarks.measure`), each round starts with
                # the disk idle: the first build wrote the whole site (440 MB at 10,000 entries),
                # and on a disk mounted with discard, writing back and trimming what it and the
                # sections before left would land in the first rounds.
                os.sync()
                latencies.append(_edit_and_wait(project, path, base, f"Edited round {index}", log))
                _settle(log)
            peak = _peak_mb(server.pid)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            for path, text in originals.items():
                path.write_bytes(text)
    return _Preview(n, first_build, latencies, peak)


def _edit_and_wait(project: Path, path: Path, base: str, marker: str, log: Path) -> float:
    code = path.relative_to(project / "catalog").with_suffix("").as_posix()
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^title: (.*)$", rf"title: \1 {marker}", text, count=1)
    url = f"{base}{code}/"
    start = time.perf_counter()
    path.write_text(edited, encoding="utf-8")
    _wait_for(lambda: marker.encode() in (_fetch(url) or b""), timeout=180, log=log)
    return time.perf_counter() - start


def _settle(log: Path) -> None:
    """Wait until the server has printed nothing for `_QUIET` seconds."""
    size, quiet_since = -1, time.perf_counter()
    while time.perf_counter() - quiet_since < _QUIET:
        now = log.stat().st_size
        if now != size:
            size, quiet_since = now, time.perf_counter()
        time.sleep(0.1)


def _wait_for(condition: object, timeout: float, log: Path) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(_POLL)
    tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
    raise TimeoutError(f"the preview server did not show the change in {timeout:.0f} s:\n{tail}")


def _fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _peak_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return 0.0
    found = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
    return int(found.group(1)) * 1024 / 1e6 if found else 0.0
