"""`errorbook init`, and the first hour of a new project, as a new user lives it."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import run_cli
from errorbook.model.layout import EDITOR_SCHEMA

ROOT = Path(__file__).parent.parent
BASE = "https://docs.example.test/problems/"

#: What a new user writes in place of the skeleton's TODO markers.
FILLED_IN = {
    "TODO The default detail each occurrence sends, in one sentence.": "The item is out of stock.",
    "TODO One sentence for index tables, specific to this error.": "An ordered item is sold out.",
    "TODO What happened? Explain the error to someone who just received it.": (
        "The order asks for more of an item than the warehouse holds."
    ),
    "TODO A common cause.": "The item sold out while the order was prepared.",
    "TODO Another common cause.": "The quantity is larger than the stock.",
    "TODO A short lead": "Order less",
    "TODO The first thing to do.": "Lower the quantity to what is in stock.",
    "TODO The next thing to do.": "Try again when the item is restocked.",
    "TODO A mistake people make with this error.": "Retrying at once, as the stock is the same.",
    "TODO A request that fails with this error": "An order for 99 mugs",
    "TODO The corrected request": "An order for 2 mugs",
}


def _errorbook(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "errorbook", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_from_an_empty_folder_to_a_site_at_the_type_uris(tmp_path: Path) -> None:
    """The issue's "done means": init, new, fill it in, build --strict, in a fresh folder."""
    project = tmp_path / "orders-api"
    project.mkdir()
    init = _errorbook("init", "--base-uri", BASE, cwd=project)
    assert init.returncode == 0, init.stderr
    assert init.stderr.splitlines()[-4] == "next:"
    built = _errorbook("build", "--strict", cwd=project)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr

    for code in ("orders/out-of-stock", "sold-out"):  # in a folder, and in the catalog itself
        new = _errorbook("new", code, "--status", "409", cwd=project)
        assert new.returncode == 0, new.stderr
        entry = project / "catalog" / f"{code}.yaml"
        text = entry.read_text(encoding="utf-8")
        for placeholder, content in FILLED_IN.items():
            text = text.replace(placeholder, content.replace("item", code.rpartition("/")[2]))
        entry.write_text(text.replace("TODO curl", "curl"), encoding="utf-8")
    validated = _errorbook("validate", "--strict", cwd=project)
    assert validated.returncode == 0, validated.stderr

    built = _errorbook("build", "--strict", cwd=project)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    page = (project / "site" / "orders" / "out-of-stock" / "index.html").read_text("utf-8")
    assert f"{BASE}orders/out-of-stock" in page
    assert f'<link rel="canonical" href="{BASE}orders/out-of-stock/">' in page
    article = page[page.index("<article") : page.index("</article>")]
    assert "!!!" not in article and "===" not in article  # the callout and tabs rendered
    sitemap = (project / "site" / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{BASE}orders/out-of-stock/</loc>" in sitemap
    assert f"<loc>{BASE}sold-out/</loc>" in sitemap
    # Error pages stay out of the sidebar, wherever they sit; folder pages are in it.
    home = (project / "site" / "index.html").read_text("utf-8")
    sidebar = home[home.index("md-nav--primary") : home.index('class="md-content"')]
    assert 'href="orders/"' in sidebar
    assert 'href="sold-out/"' not in sidebar and 'href="orders/out-of-stock/"' not in sidebar
    assert 'href="sold-out/"' in home  # linked from the home's table instead


def test_init_writes_each_part_of_the_project(tmp_path: Path) -> None:
    result = run_cli(["init", "--base-uri", BASE, "--package", "orders_errors"], tmp_path)
    assert result.exit_code == 0, result.stderr
    settings = tomllib.loads((tmp_path / "errorbook.toml").read_text())
    assert settings["base-uri"] == BASE
    assert settings["python-package"] == "orders_errors"
    mkdocs = (tmp_path / "mkdocs.yml").read_text()
    assert f'site_url: "{BASE}"' in mkdocs
    assert "font: false" in mkdocs
    assert "/site/" in (tmp_path / ".gitignore").read_text().splitlines()
    assert (tmp_path / EDITOR_SCHEMA).is_file()
    example = (tmp_path / "catalog" / "requests" / "not-found.yaml").read_text()
    assert example.startswith(
        "# yaml-language-server: $schema=../../.errorbook/error.schema.json\n"
    )
    assert run_cli(["validate", "--strict"], tmp_path).exit_code == 0
    assert run_cli(["generate", "--check"], tmp_path).exit_code == 1  # nothing generated yet
    assert run_cli(["generate"], tmp_path).exit_code == 0
    assert (tmp_path / "orders_errors" / "requests.py").is_file()
    assert run_cli(["generate", "--check"], tmp_path).exit_code == 0


def test_an_existing_pyproject_gets_the_table_and_an_existing_gitignore_a_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "orders"\n')
    (tmp_path / ".gitignore").write_text("*.pyc")
    (tmp_path / "src").mkdir()
    result = run_cli(["init", "--package", "orders_errors"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "appended to pyproject.toml" in result.stderr
    data = tomllib.loads((tmp_path / "pyproject.toml").read_text())
    assert data["project"]["name"] == "orders"
    assert data["tool"]["errorbook"]["python-package"] == "src/orders_errors"
    assert not (tmp_path / "errorbook.toml").exists()
    assert (tmp_path / ".gitignore").read_text().splitlines()[0] == "*.pyc"
    assert run_cli(["validate", "--strict"], tmp_path).exit_code == 0


@pytest.mark.parametrize(
    ("existing", "named"),
    [
        ("mkdocs.yml", "mkdocs.yml exists already"),
        ("errorbook.toml", "errorbook.toml exists already"),
        ("catalog/requests/not-found.yaml", "catalog/requests/not-found.yaml exists already"),
    ],
)
def test_init_never_overwrites_a_file(tmp_path: Path, existing: str, named: str) -> None:
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_text("mine\n")
    result = run_cli(["init"], tmp_path)
    assert result.exit_code == 2
    assert named in result.stderr
    assert (tmp_path / existing).read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [Path(existing).name]


def test_a_project_is_not_set_up_twice(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.errorbook]\nbase-uri = "https://x.test/"\n')
    result = run_cli(["init"], tmp_path)
    assert result.exit_code == 2
    assert "pyproject.toml has a [tool.errorbook] table already" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base-uri", "docs.example.test"], "--base-uri must be an absolute http(s) URI"),
        (["--package", "json"], "standard-library module"),
    ],
)
def test_bad_arguments_are_refused_before_anything_is_written(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = run_cli(["init", *args], tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not any(tmp_path.iterdir())
