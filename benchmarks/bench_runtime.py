"""4. Runtime: construct, serialise and parse a problem: the generated class, floor and peers."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from benchmarks.measure import run_command
from benchmarks.report import Ratio, Section, Table, judged, times
from benchmarks.workspace import Options, Workspace, count, python, with_repo_on_path
from errorbook.check.load import load_catalog
from errorbook.model import ErrorDef
from errorbook.model.naming import attribute_name
from errorbook.read.config import load_config

GENERATED, FLOOR = "generated class", "floor"
PEERS = ("rfc9457", "fastapi-problem")
INTRO = """\
One round trip: construct an error with two fields, serialise it to JSON bytes, and parse the
bytes back into an object, in one fresh interpreter, contenders interleaved, about 0.2 s per
contender and round. The generated class: `Cls(field=..., other=...).to_json()`, then the
package's `parse()`, which finds the class from the type URI and checks the members' types. The
floor: a dict literal, `json.dumps(...).encode()`, `json.loads()`. The peers: a `StatusProblem`
subclass with the same type, title and status, `json.dumps(problem.marshal()).encode()`, then
`json.loads()` and the class looked up from a `{type: class}` dict and constructed from the
members (neither package has a parser of its own). `fastapi_problem.error` re-exports rfc9457's
classes, so its row measures the same code through fastapi-problem's import path; its FastAPI
exception handler needs FastAPI and Starlette, which the package does not install."""


def runtime_section(workspace: Workspace, options: Options) -> Section:
    """Round trips per second for every contender, and the ratios the targets are about."""
    n = max(options.sizes)
    project = workspace.project(n)
    run_command(python("-m", "errorbook", "generate"), project)
    entry = two_field_entry(project)
    fields = {
        "members": {field.name: field.example for field in entry.fields},
        "arguments": {attribute_name(field.name): field.example for field in entry.fields},
    }
    argv = python(
        "-m",
        "benchmarks.runtime_probe",
        str(workspace.package(n).parent),
        workspace.package(n).name,
        entry.code,
        json.dumps(fields),
        str(max(3, options.rounds * 2)),
    )
    probe: dict[str, Any] = json.loads(run_command(argv, project, with_repo_on_path()).stdout)
    return _section(probe, entry, n, options)


def two_field_entry(project: Path) -> ErrorDef:
    """The first entry, by code, with exactly two members, both required."""
    result = load_catalog(load_config(project / "errorbook.toml"))
    assert result.catalog is not None, "the synthetic catalog is valid"
    for entry in result.catalog.entries:
        if len(entry.fields) == 2 and all(field.required for field in entry.fields):
            return entry
    raise LookupError(f"no entry of {project} has exactly two required members")


def _section(probe: dict[str, Any], entry: ErrorDef, n: int, options: Options) -> Section:
    section = Section("Runtime", INTRO)
    rates: dict[str, list[float]] = probe["contenders"]
    rows = [
        (label, f"{statistics.median(values):,.0f}", f"{1e6 / statistics.median(values):.2f} µs")
        for label, values in rates.items()
    ]
    rows += [(label, "not installed", "") for label in probe["missing"]]
    section.tables.append(Table(("contender", "round trips per second", "per round trip"), rows))
    members = ", ".join(f"`{name}`" for name in probe["entry"]["fields"])
    section.notes.append(
        f"Entry: `{entry.code}` (members {members}), from the {count(n)}-entry package."
    )
    cost = _per_round(rates[FLOOR], rates[GENERATED])
    section.ratios.append(Ratio("generated class cost / floor cost", cost))
    goal = "runtime: generated class within 1.5× of the floor"
    section.targets.append(judged(goal, times(cost), cost <= 1.5, n, options.quick))
    for peer in PEERS:
        name = f"generated class speed / {peer} speed"
        if peer in probe["missing"]:
            section.ratios.append(Ratio(name, None, probe["missing"][peer]))
            continue
        speed = _per_round(rates[GENERATED], rates[peer])
        section.ratios.append(Ratio(name, speed))
        goal = f"runtime: generated class faster than {peer}"
        section.targets.append(judged(goal, times(speed), speed > 1, n, options.quick))
    return section


def _per_round(numerator: list[float], denominator: list[float]) -> float:
    return statistics.median(a / b for a, b in zip(numerator, denominator, strict=True))
