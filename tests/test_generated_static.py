"""The generated package as source: typed, formatted, deterministic, and what is committed."""

from __future__ import annotations

import ast
import builtins
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from errorbook.model.naming import CONSTRUCTOR_NAMES
from errorbook.python.export import export_package
from generated_support import GOLDEN_TREE, ROOT, golden_catalog, repository_catalog

PACKAGE = ROOT / "src" / "unkey_errors"

#: A client of the package as its users write one: mypy --strict must accept all but the
#: last line, and reject that one (a member of the wrong type).
USAGE = """\
from __future__ import annotations

from typing import Any

import unkey_errors
from unkey_errors import Problem, lookup, parse
from unkey_errors.unkey.data import ApiNotFound, KeyNotFound


def respond(error: Problem) -> tuple[int, dict[str, str], dict[str, Any]]:
    return error.status, error.headers(), error.body(request_id="req_1")


def client(body: bytes) -> str | None:
    problem = parse(body)
    if isinstance(problem, KeyNotFound):
        return problem.key_id
    return problem.detail


api_id: str = ApiNotFound(api_id="api_1").api_id
lazy: Problem = unkey_errors.frontline.capacity.NoRunningInstances(retry_after=1)
code: str | None = lookup("unkey/data/api_not_found").code
wrong = ApiNotFound(api_id=5)
"""


def _run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_mypy_strict_accepts_the_packages_and_types_their_api(tmp_path: Path) -> None:
    shutil.copytree(PACKAGE, tmp_path / "unkey_errors")
    shutil.copytree(GOLDEN_TREE / "shop_errors", tmp_path / "shop_errors")
    (tmp_path / "usage.py").write_text(USAGE)
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\n")
    result = _run(
        "mypy", "--config-file", "mypy.ini", "unkey_errors", "shop_errors", "usage.py", cwd=tmp_path
    )
    lines = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith(f"usage.py:{USAGE.count(chr(10))}:")
    assert 'Argument "api_id" to "ApiNotFound" has incompatible type "int"' in lines[0]


@pytest.mark.parametrize("folder", [PACKAGE, GOLDEN_TREE / "shop_errors"], ids=["unkey", "golden"])
def test_ruff_format_and_check_pass(folder: Path) -> None:
    settings = str(ROOT / "pyproject.toml")
    formatted = _run("ruff", "format", "--check", "--config", settings, str(folder), cwd=ROOT)
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    checked = _run("ruff", "check", "--config", settings, str(folder), cwd=ROOT)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_committed_package_is_what_the_generator_writes() -> None:
    files = export_package(repository_catalog(), "unkey_errors")
    on_disk = {
        path.relative_to(PACKAGE).as_posix(): path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert on_disk == files, "run `errorbook generate`"


def test_output_does_not_depend_on_the_hash_seed() -> None:
    script = (
        "import hashlib, sys; sys.path.insert(0, 'tests');"
        "from generated_support import golden_catalog;"
        "from errorbook.python.export import export_package;"
        "files = export_package(golden_catalog(), 'shop_errors');"
        "print(hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=os.environ | {"PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_constructors_use_only_the_names_members_may_not_take() -> None:
    """A member may be called like any builtin the constructor does not itself use."""
    used: set[str] = set()
    for text in export_package(golden_catalog(), "shop_errors").values():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef) and node.name == "__init__":
                used |= {
                    name.id
                    for name in ast.walk(node)
                    if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Load)
                }
    builtin_names = used & set(dir(builtins))
    assert builtin_names <= CONSTRUCTOR_NAMES
    assert "self" in used
