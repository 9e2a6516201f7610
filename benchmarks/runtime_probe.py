"""Runs in a fresh interpreter: round trips per second for the generated class, floor and peers.

``python -m benchmarks.runtime_probe PACKAGE_PARENT PACKAGE CODE FIELDS ROUNDS`` (FIELDS: JSON,
``{"members": {json name: catalog example}, "arguments": {python name: the same example}}``
for the entry's two members) prints one JSON object,
``{"contenders": {label: [round trips per second, one per round]}, "missing": {label: reason},
"entry": {...}}``. A round trip is: construct an error with two fields, serialise it to JSON
bytes, and parse those bytes back into an object. Rounds interleave the contenders in a
rotating order, each timed over about 0.2 s.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Callable
from typing import Any

RoundTrip = Callable[[], object]


def generated(package: str, code: str, fields: dict[str, Any]) -> tuple[RoundTrip, dict[str, Any]]:
    """The generated package's own class, serialised with to_json and read back with parse."""
    root = importlib.import_module(package)
    cls = root.lookup(code)
    parse = root.parse
    arguments = fields["arguments"]
    instance = cls(**arguments)
    facts = {
        "code": code,
        "type": cls.type,
        "title": cls.title,
        "status": cls.status,
        "detail": instance.detail,
        "fields": fields["members"],
    }

    def round_trip() -> object:
        return parse(cls(**arguments).to_json())

    back: Any = round_trip()
    # An honest race: the parsed object is the entry's own class, with every member.
    assert type(back) is cls and back.to_dict() == instance.to_dict(), back
    return round_trip, facts


def floor(facts: dict[str, Any]) -> RoundTrip:
    """A dict literal, json.dumps to bytes, json.loads back: the least any library can do."""
    type_, title, status, detail = facts["type"], facts["title"], facts["status"], facts["detail"]
    (first, a), (second, b) = facts["fields"].items()
    dumps, loads = json.dumps, json.loads

    def round_trip() -> object:
        body = {
            "type": type_,
            "title": title,
            "status": status,
            "detail": detail,
            first: a,
            second: b,
        }
        return loads(dumps(body).encode())

    return round_trip


def problem_peer(module: str, facts: dict[str, Any]) -> RoundTrip:
    """A `StatusProblem` subclass of the rfc9457 family, marshalled and rebuilt from JSON."""
    base = importlib.import_module(module).StatusProblem
    peer: Any = type(
        "PeerProblem",
        (base,),
        {"type_": facts["type"], "title": facts["title"], "status": facts["status"]},
    )
    registry = {facts["type"]: peer}
    detail, fields = facts["detail"], facts["fields"]
    dumps, loads = json.dumps, json.loads

    def round_trip() -> object:
        body = dumps(peer(detail=detail, **fields).marshal()).encode()
        data = loads(body)
        cls = registry[data.pop("type")]
        del data["title"], data["status"]
        return cls(detail=data.pop("detail", None), **data)

    back: Any = round_trip()
    assert type(back) is peer and back.marshal() == peer(detail=detail, **fields).marshal()
    return round_trip


def measure(contenders: dict[str, RoundTrip], rounds: int) -> dict[str, list[float]]:
    """Round trips per second, per contender and round, interleaved."""
    numbers = {label: _calibrate(function) for label, function in contenders.items()}
    results: dict[str, list[float]] = {label: [] for label in contenders}
    labels = list(contenders)
    for index in range(rounds):
        shift = index % len(labels)
        for label in labels[shift:] + labels[:shift]:
            function, number = contenders[label], numbers[label]
            start = time.perf_counter()
            for _ in range(number):
                function()
            results[label].append(number / (time.perf_counter() - start))
    return results


def _calibrate(function: RoundTrip, target: float = 0.2) -> int:
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            function()
        if time.perf_counter() - start >= target / 10:
            return max(1, int(number * target / (time.perf_counter() - start)))
        number *= 10


def main(argv: list[str]) -> int:
    """Command-line entry; see the module docstring."""
    parent, package, code, fields, rounds = argv
    sys.path.insert(0, parent)
    ours, facts = generated(package, code, json.loads(fields))
    contenders: dict[str, RoundTrip] = {"floor": floor(facts), "generated class": ours}
    missing: dict[str, str] = {}
    for label, module in (("rfc9457", "rfc9457"), ("fastapi-problem", "fastapi_problem.error")):
        try:
            contenders[label] = problem_peer(module, facts)
        except ImportError:
            missing[label] = f"{label} not installed"
    results = measure(contenders, int(rounds))
    json.dump({"contenders": results, "missing": missing, "entry": facts}, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
