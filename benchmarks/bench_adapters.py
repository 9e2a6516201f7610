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
the ASGI or WSGI callable, in one fresh interpreter, contenders interleaved, about 0.1 s each per
round; the ratio is the median of per-round ratios. The adapter's time includes what it adds to
every request (FastAPI's and Django's middleware), and the framework's own cost of raising
instead of returning, which the third app shows where the framework has per-exception handlers:
its route raises an exception of its own, which a handler written by hand turns into the same
response."""


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
        str(max(6, options.rounds * 6)),
    )
    probe: dict[str, Any] = json.loads(run_command(argv, project, with_repo_on_path()).stdout)
    return _section(probe, options)


def _section(probe: dict[str, Any], options: Options) -> Section:
    section = Section("Adapters", INTRO)
    rows = []
    for framework, runs in probe["contenders"].items():
        ratio = _ratio(runs["adapter"], runs["by hand"])
        raised = runs.get("raised, by hand")
        floor = _ratio(raised, runs["by hand"]) if raised else None
        rows.append(
            (
                framework,
                _micro(runs["adapter"]),
                _micro(runs["by hand"]),
                _micro(raised) if raised else "",
                times(ratio),
                times(floor) if floor is not None else "",
            )
        )
        section.ratios.append(Ratio(f"{framework}: adapter / by hand", ratio))
        if raised:
            name = f"{framework}: raised and handled by hand / by hand"
            section.ratios.append(Ratio(name, floor))
        goal = f"adapters: {framework} within {LIMIT}× of a hand-built response"
        why = _why(framework, floor)
        verdict = judged(goal, times(ratio), ratio <= LIMIT, ENTRIES, options.quick, why)
        section.targets.append(verdict)
    for framework, reason in probe["missing"].items():
        rows.append((framework, reason, "", "", "", ""))
        section.ratios.append(Ratio(f"{framework}: adapter / by hand", None, reason))
    headers = (
        "framework",
        "adapter (raise)",
        "by hand (return)",
        "by hand (raise)",
        "adapter / by hand",
        "raising by hand / returning",
    )
    section.tables.append(Table(headers, rows))
    return section


def _ratio(numerator: list[float], denominator: list[float]) -> float:
    return statistics.median(a / b for a, b in zip(numerator, denominator, strict=True))


def _micro(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} µs"


def _why(framework: str, floor: float | None) -> str:
    """What a miss comes from, when raising costs the framework itself that much."""
    if floor is None or floor <= 1.05:
        return ""
    return (
        f"raising instead of returning costs {framework} itself {times(floor)} (an exception "
        "of the app's own, handled by a handler written by hand), before the adapter adds "
        "anything"
    )
