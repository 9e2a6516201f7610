"""What the numbers were measured on: hardware, operating system and package versions."""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from pathlib import Path

from benchmarks.report import Table

#: Distributions whose versions the report lists; missing ones are shown as such.
PACKAGES = (
    "errorbook",
    "PyYAML",
    "jsonschema",
    "Jinja2",
    "mkdocs",
    "mkdocs-material",
    "check-jsonschema",
    "ruamel.yaml",
    "rfc9457",
    "fastapi-problem",
    "fastapi",
    "starlette",
    "flask",
    "django",
    "djangorestframework",
    "litestar",
)


def machine_table() -> Table:
    """CPU, memory, OS, Python and the versions of every package that is measured."""
    rows = [
        ("CPU", _cpu_model()),
        ("cores available", str(len(os.sched_getaffinity(0)))),
        ("memory", _memory()),
        ("OS", platform.platform()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
    ]
    rows += [(name, version_of(name)) for name in PACKAGES]
    rows.append(("libyaml (PyYAML's C loader)", _libyaml()))
    return Table(("", ""), rows)


def version_of(distribution: str) -> str:
    """The installed version, or ``not installed``."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def installed(distribution: str) -> bool:
    """True when the distribution is installed in this environment."""
    return version_of(distribution) != "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _libyaml() -> str:
    try:
        from yaml import _yaml

        return str(_yaml.get_version_string())
    except ImportError:
        return f"not available ({sys.executable} uses the pure-Python loader)"
