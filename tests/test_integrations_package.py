"""The adapters as generated files: where they go, what they import, how they type-check, and
the package built into a wheel that API clients install without errorbook."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import errorbook.python.runtime.web
from conftest import run_cli
from errorbook.write.notice import is_generated
from generated_support import formatter_changes, ruff_check
from integrations_support import Variant, generate_variant

FRAMEWORKS = ("fastapi", "flask", "django", "litestar")


def test_one_module_per_framework_behind_the_notice(acme: dict[str, Variant]) -> None:
    package = acme["wrapped"].folder / "acme_errors"
    adapters = sorted(p.name for p in (package / "integrations").glob("*.py"))
    assert adapters == ["__init__.py", *sorted(f"{name}.py" for name in FRAMEWORKS)]
    for path in [*(package / "integrations").iterdir(), *(package / "_runtime" / "web").iterdir()]:
        if path.is_file():
            assert is_generated(path), path


def test_generate_check_covers_the_adapters(acme: dict[str, Variant]) -> None:
    folder = acme["wrapped"].folder
    assert run_cli(["generate", "--check"], folder).exit_code == 0
    adapter = folder / "acme_errors" / "integrations" / "flask.py"
    original = adapter.read_text()
    adapter.write_text(original + "# edited\n")
    try:
        result = run_cli(["generate", "--check"], folder)
        assert result.exit_code == 1
        assert "integrations/flask.py" in result.stdout + result.stderr
    finally:
        adapter.write_text(original)


def test_only_the_configured_frameworks_are_written(tmp_path: Path) -> None:
    variant = generate_variant(tmp_path, "few_errors", wrapped=True, mapped=True)
    config = variant.folder / "errorbook.toml"
    text = config.read_text()
    config.write_text(text.replace('["fastapi", "flask", "django", "litestar"]', '["flask"]'))
    result = run_cli(["generate"], variant.folder)
    assert result.exit_code == 0, result.stderr
    package = variant.folder / "few_errors"
    assert sorted(p.name for p in (package / "integrations").glob("*.py")) == [
        "__init__.py",
        "flask.py",
    ]
    assert not (package / "_runtime" / "web" / "django.py").exists()
    config.write_text(text.replace("integrations = [", "# integrations = [").split("[problems]")[0])
    assert run_cli(["generate"], variant.folder).exit_code == 0
    assert not (package / "integrations").exists() or not any((package / "integrations").iterdir())


def _python(code: str, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(folder)},
    )


def test_the_package_imports_no_framework_until_an_adapter_is_imported(
    acme: dict[str, Variant],
) -> None:
    code = (
        "import sys, acme_errors, acme_errors.orders, acme_errors.integrations\n"
        "frameworks = {'fastapi', 'starlette', 'flask', 'werkzeug', 'django', 'litestar'}\n"
        "assert not frameworks & {m.split('.')[0] for m in sys.modules}, sorted(sys.modules)\n"
        "assert not [m for m in sys.modules if m.startswith('acme_errors.integrations.')]\n"
        "import acme_errors.integrations.flask\n"
        "assert 'flask' in sys.modules and 'django' not in sys.modules\n"
    )
    result = _python(code, acme["wrapped"].folder)
    assert result.returncode == 0, result.stderr


def test_mypy_strict_accepts_the_adapters_with_the_frameworks_installed(
    acme: dict[str, Variant],
) -> None:
    folder = acme["wrapped"].folder
    (folder / "mypy.ini").write_text("[mypy]\nstrict = True\n")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "acme_errors"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_black_and_the_project_rules_accept_the_adapters(acme: dict[str, Variant]) -> None:
    package = acme["wrapped"].folder / "acme_errors"
    generated = [package / "integrations", package / "_runtime" / "web"]
    assert formatter_changes(*generated) == []
    assert ruff_check(*generated) is None


@pytest.mark.slow
def test_the_package_builds_into_a_wheel_clients_install_without_errorbook(
    acme: dict[str, Variant], tmp_path: Path
) -> None:
    """pip builds the package folder (hatchling from the index) into a wheel; a fresh venv
    without errorbook installs it and parses a problem response with it."""
    package = acme["wrapped"].folder / "acme_errors"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), package],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("acme_errors-1.4.0-*.whl")
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    code = (
        "import importlib.util, json, acme_errors\n"
        "from acme_errors.orders import OrderNotFound\n"
        "assert importlib.util.find_spec('errorbook') is None\n"
        "class Response:\n"
        "    status_code = 404\n"
        "    headers = {'content-type': 'application/json'}\n"
        "    content = json.dumps({'meta': {'requestId': 'r1'}, 'error': {\n"
        "        'type': 'https://acme.example.com/errors/orders/order_not_found',\n"
        "        'title': 'Not Found', 'status': 404, 'detail': 'x', 'orderId': 'o7'}}).encode()\n"
        "problem = acme_errors.from_response(Response())\n"
        "assert isinstance(problem, OrderNotFound), problem\n"
        "assert (problem.order_id, problem.request_id) == ('o7', 'r1')\n"
        "import pathlib; assert (pathlib.Path(acme_errors.__file__).parent / 'py.typed').exists()\n"
    )
    parsed = subprocess.run(
        [str(python), "-I", "-c", code], capture_output=True, text=True, check=False
    )
    assert parsed.returncode == 0, parsed.stderr


def test_the_adapters_fixed_part_is_errorbooks_own_copied_verbatim(
    acme: dict[str, Variant],
) -> None:
    source = Path(errorbook.python.runtime.web.__file__).parent
    copied = acme["wrapped"].folder / "acme_errors" / "_runtime" / "web"
    assert sorted(p.name for p in copied.glob("*.py")) == sorted(
        [
            "__init__.py",
            "core.py",
            "openapi.py",
            *(f"{name}.py" for name in FRAMEWORKS),
            "litestar_response.py",
        ]
    )
    for path in copied.glob("*.py"):
        notice, _, rest = path.read_text(encoding="utf-8").partition('"""')
        assert '"""' + rest == (source / path.name).read_text(encoding="utf-8")
        assert notice.startswith("# generated by errorbook from errorbook.python.runtime.web;")
