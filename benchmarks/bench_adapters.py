"""6. Adapters: raise → response bytes through each web-framework adapter, against by hand."""

from __future__ import annotations

import json
import shutil
import statistics
from typing import Any

from benchmarks.measure import run_command
from benchmarks.report import Ratio, Section, Table, judged, times
from benchmarks.workspace import ROOT, Options, Workspace, python, with_repo_on_path

LIMIT = 1.1
#: The acme catalog's size, as the verdicts state it.
ENTRIES = 7
ACME = ROOT / "tests" / "fixtures" / "acme"
INTRO = """\
The time from `raise` to the response's bytes, per framework: one app whose route raises the
acme catalog's `OrderNotFound` with the generated adapter installed, against one whose route
builds the framework's own JSON response (`JSONResponse`, Litestar's `Response`, a Flask
`(dict, status, headers)` tuple, `JsonResponse`, REST framework's `Response`) for the same body,
the wrapped envelope with the request's `X-Request-Id`, which both echo. Requests go straight to
the ASGI or WSGI callable, in one fresh interpreter, contenders interleaved, about 0.2 s each per
round; the ratio is the median of per-round ratios. The adapter's time includes what it adds to
every request (FastAPI's middleware, Flask's WSGI wrapper and Django's middleware for request
ids), and the framework's own cost of raising instead of returning."""


def adapters_section(workspace: Workspace, options: Options) -> Section:
    """Microseconds per request through each adapter and by hand, and the ratios."""
    project = workspace.root / "acme"
    if not project.exists():
        shutil.copytree(ACME, project)
    run_command(python("-m", "errorbook", "generate"), project)
    argv = python(
        "-m",
        "benchmarks.adapters_probe",
        str(project),
        "acme_errors",
        str(max(3, options.rounds * 2)),
    )
    probe: dict[str, Any] = json.loads(run_command(argv, project, with_repo_on_path()).stdout)
    return _section(probe, options)


def _section(probe: dict[str, Any], options: Options) -> Section:
    section = Section("Adapters", INTRO)
    rows = []
    for framework, runs in probe["contenders"].items():
        adapter, by_hand = runs["adapter"], runs["by hand"]
        ratio = statistics.median(a / b for a, b in zip(adapter, by_hand, strict=True))
        rows.append(
            (
                framework,
                f"{statistics.median(adapter):.1f} µs",
                f"{statistics.median(by_hand):.1f} µs",
                times(ratio),
            )
        )
        section.ratios.append(Ratio(f"{framework}: adapter / by hand", ratio))
        goal = f"adapters: {framework} within {LIMIT}× of a hand-built response"
        why = _WHY.get(framework, "")
        verdict = judged(goal, times(ratio), ratio <= LIMIT, ENTRIES, options.quick, why)
        section.targets.append(verdict)
    for framework, reason in probe["missing"].items():
        rows.append((framework, reason, "", ""))
        section.ratios.append(Ratio(f"{framework}: adapter / by hand", None, reason))
    headers = ("framework", "adapter (raise)", "by hand (return)", "adapter / by hand")
    section.tables.append(Table(headers, rows))
    return section


#: What a miss comes from, where the framework itself charges for raising.
_WHY = {
    "Litestar": (
        "Litestar's own exception path (its handler lookup and a second response build) costs "
        "about 1.1× over returning, before the adapter does anything"
    ),
}
