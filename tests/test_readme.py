"""Every Python block of the README runs, so what a user copies works.

The blocks run in order in one namespace, as a reader who copies them one after the other into
one module would, in a folder where the README's ``errorbook export openapi --out errors.json``
has run. A block whose last statement is ``raise`` must raise there. A block is left out when
the line before its fence is ``<!-- not run: WHY -->``, or ``<!-- README test: NAME -->``: the
web-framework blocks, which `test_readme_frameworks` runs against the acme test catalog's package.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli, working_directory

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
_FENCE = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_NOT_RUN = re.compile(r"<!-- (not run: .+|README test: \w+) -->\n$")


def python_blocks(text: str) -> list[tuple[int, str]]:
    """Each Python block to run, with the line of its fence."""
    blocks = []
    for match in _FENCE.finditer(text):
        before = text[: match.start()]
        if _NOT_RUN.search(before):
            continue
        blocks.append((before.count("\n") + 1, match.group(1)))
    return blocks


def run_block(source: str, line: int, namespace: dict[str, Any]) -> None:
    """Run one block; a block that ends in ``raise`` must raise there, and only there."""
    tree = ast.parse(source, f"README.md:{line}")
    ast.increment_lineno(tree, line)
    *body, last = tree.body
    raises = isinstance(last, ast.Raise)
    code = compile(ast.Module(body if raises else tree.body, []), "README.md", "exec")
    exec(code, namespace)
    if raises:
        final = compile(ast.Module([last], []), "README.md", "exec")
        with pytest.raises(Exception):  # noqa: B017 - whatever the README raises
            exec(final, namespace)


def test_the_readme_has_python_blocks() -> None:
    assert len(python_blocks(README.read_text(encoding="utf-8"))) >= 4
    assert python_blocks("<!-- not run: an excerpt -->\n```python\nx\n```\n") == []
    assert python_blocks("text\n\n```python\nx = 1\n```\n") == [(3, "x = 1\n")]


def test_every_python_block_runs(tmp_path: Path) -> None:
    exported = run_cli(["export", "openapi", "--out", str(tmp_path / "errors.json")], ROOT)
    assert exported.exit_code == 0, exported.stderr
    namespace: dict[str, Any] = {"__name__": "readme"}
    printed = io.StringIO()
    with working_directory(tmp_path), contextlib.redirect_stdout(printed):
        for line, source in python_blocks(README.read_text(encoding="utf-8")):
            run_block(source, line, namespace)
    # What the blocks promise: the handler's response parses back, and OpenAPI has the errors.
    assert re.fullmatch(r"api_1234 req_[0-9a-f]{32}\n", printed.getvalue())
    with working_directory(tmp_path):
        spec = namespace["app"].openapi()
    assert "Problem404" in spec["components"]["responses"]
    responses = spec["paths"]["/apis/{api_id}"]["get"]["responses"]
    assert responses["404"] == {"$ref": "#/components/responses/Problem404"}
