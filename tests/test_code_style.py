"""Codes in any style: hyphens, and entries directly in the catalog folder.

The ``any-code-style`` case generates a project whose codes are ``orders/out-of-stock``,
``not-found``, ``gift-cards/bulk-orders/too-many``...; these tests use what it wrote.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from errorbook.check.codes import suggest_code, suggest_segment
from errorbook.model.naming import class_name, module_name, qualified_module
from generated_support import ROOT, formatter_changes, package_from, ruff_check

TREE = ROOT / "tests" / "cases" / "any-code-style" / "expected" / "tree"
PACKAGE = TREE / "shop_problems"


def test_python_names_map_hyphens_to_underscores() -> None:
    assert class_name("out-of-stock") == class_name("out_of_stock") == "OutOfStock"
    assert module_name("gift-cards/bulk-orders") == "gift_cards.bulk_orders"
    assert module_name("") == ""
    assert qualified_module("acme", "") == "acme"
    assert qualified_module("acme", "gift-cards") == "acme.gift_cards"


@pytest.mark.parametrize(
    ("given", "suggested"),
    [
        ("Out-Of-Stock", "out-of-stock"),
        ("Key Not Found", "key_not_found"),
        ("Api/Not-Found", "api/not-found"),
        ("orders/Out Of Stock!", "orders/out_of_stock"),
        ("404", None),
    ],
)
def test_one_suggestion_for_new_and_validate(given: str, suggested: str | None) -> None:
    assert suggest_code(given) == suggested
    if "/" not in given:
        assert suggest_segment(given) == suggested


def test_type_uris_and_pages_keep_the_hyphens() -> None:
    index = json.loads((TREE / "docs" / "catalog.json").read_text(encoding="utf-8"))
    types = {entry["code"]: entry["type"] for entry in index["types"]}
    assert types["orders/out-of-stock"] == "https://docs.example.test/problems/orders/out-of-stock"
    assert types["not-found"] == "https://docs.example.test/problems/not-found"
    assert (TREE / "docs" / "orders" / "out-of-stock.md").is_file()
    assert (TREE / "docs" / "not-found.md").is_file()
    home = (TREE / "docs" / "index.md").read_text(encoding="utf-8")
    assert "### Top level" in home
    assert "[`not-found`](not-found.md)" in home


def test_the_package_imports_lookups_and_parses(tmp_path: Path) -> None:
    with package_from(TREE, "shop_problems", tmp_path) as package:
        from shop_problems.gift_cards.bulk_orders import TooMany  # type: ignore[import-not-found]

        assert package.lookup("orders/out-of-stock").__module__ == "shop_problems.orders"
        assert package.lookup("not-found") is package.NotFound
        assert package.lookup("gift-cards/bulk-orders/too-many") is TooMany
        assert "NotFound" in package.__all__
        assert sorted(set(dir(package)) & {"gift_cards", "orders", "RateLimited"}) == [
            "RateLimited",
            "gift_cards",
            "orders",
        ]
        body = package.NotFound().to_dict()
        assert body["type"] == "https://docs.example.test/problems/not-found"
        assert isinstance(package.parse(json.dumps(body)), package.NotFound)
        uri = "https://docs.example.test/problems/gift-cards/bulk-orders/too-many"
        assert type(package.parse({"type": uri, "status": 400})) is TooMany


def test_the_package_is_typed_and_formatted(tmp_path: Path) -> None:
    assert formatter_changes(PACKAGE) == []
    assert ruff_check(PACKAGE) is None
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), "shop_problems"],
        cwd=TREE,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
