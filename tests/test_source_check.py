"""check-source beyond its case folders: scoping, cycles, deep code, and the workers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from benchmarks.synthetic import write_catalog
from benchmarks.synthetic_source import write_source
from conftest import run_cli
from errorbook import SourceReport, check_source, load_config, validate
from errorbook.speed import parallel

CATALOG = "tests/cases/source-import-forms/catalog"


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    root = Path(__file__).parent.parent
    (tmp_path / "errorbook.toml").write_text(
        'base-uri = "https://shop.example.com/errors/"\n'
        f'catalog = "{(root / CATALOG).as_posix()}"\n'
        'python-package = "src/shop_errors"\nsource = ["app"]\n'
    )
    for name, text in files.items():
        path = tmp_path / "app" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return tmp_path


def _check(project: Path) -> SourceReport:
    config = load_config(project / "errorbook.toml")
    catalog = validate(config).catalog
    assert catalog is not None
    return check_source(catalog, config)


def _source_findings(report: SourceReport) -> list[str]:
    return [f"{d.line}:{d.column} {d.code}" for d in report.diagnostics if d.code != "S004"]


def test_a_parameter_or_local_name_that_shadows_an_import_is_not_the_import(
    tmp_path: Path,
) -> None:
    project = _project(
        tmp_path,
        {
            "views.py": """
                from shop_errors import orders


                def show(orders: object) -> None:
                    orders.Anything()  # the parameter, not the module


                def pay() -> None:
                    orders = make()
                    orders.Nothing()  # a local variable


                def cancel() -> None:
                    orders.Missing()  # the module: reported
            """,
        },
    )

    assert _source_findings(_check(project)) == ["14:12 S001"]


def test_imports_inside_functions_are_followed(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {
            "views.py": """
                def show() -> None:
                    from shop_errors.orders import OrderNotFound

                    raise OrderNotFound()


                def load() -> None:
                    import shop_errors.orders as errors

                    raise errors.OrderNotFound(order_id=1)
            """,
        },
    )

    assert _source_findings(_check(project)) == ["4:11 S002", "10:32 S002"]


def test_a_cycle_of_re_exports_names_nothing_and_ends(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from .b import Thing\n",
            "b.py": "from .a import Thing\n",
            "c.py": "from .a import Thing\n\n\ndef f() -> None:\n    raise Thing()\n",
        },
    )

    assert _source_findings(_check(project)) == []


@pytest.mark.parametrize(("terms", "why"), [(1500, "to analyse"), (3000, "to parse")])
def test_code_nested_too_deeply_is_reported_not_a_traceback(
    tmp_path: Path, terms: int, why: str
) -> None:
    chain = " + ".join(["1"] * terms)
    project = _project(tmp_path, {"deep.py": f"TOTAL = {chain}\n"})

    result = run_cli(["check-source"], project)

    expected = f"app/deep.py:1:1: error: cannot parse this file: it is nested too deeply {why}"
    assert expected in result.stderr
    assert result.exit_code == 1


@pytest.mark.parametrize("routes", [False, True])
def test_workers_find_exactly_what_one_process_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, routes: bool
) -> None:
    write_catalog(tmp_path, 40, seed=2)
    write_source(tmp_path, files=30, lines=3000, seed=2)
    broken = tmp_path / "app" / "module_3.py"
    broken.write_text(
        broken.read_text()
        + "from synthetic_errors import Nope, lookup\n\n\ndef broken() -> None:\n"
        + '    raise lookup("no/such_code")\n'
    )
    config = load_config(tmp_path / "errorbook.toml")
    catalog = validate(config).catalog
    assert catalog is not None

    monkeypatch.setenv("ERRORBOOK_JOBS", "1")
    alone = check_source(catalog, config, routes=routes)
    monkeypatch.setenv("ERRORBOOK_JOBS", "2")
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    shared = check_source(catalog, config, routes=routes)

    assert shared == alone
    assert alone.diagnostics
    assert bool(alone.operations) == routes
