"""`diff_catalogs`: a catalog walks through a sequence of edits; every step's changes are pinned.

Each step edits the YAML files of a copy of the shop catalog, loads it with the ordinary
loader and compares it with the previous step. Together the steps produce every kind of
change in `KINDS`, and a test checks that none is left out.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from errorbook.check.load import load_catalog
from errorbook.diff.catalogs import diff_catalogs
from errorbook.diff.changes import KINDS, CatalogDiff
from errorbook.model import Catalog
from machine import SHOP, load_project

Edit = Callable[[Path], None]
BASE = "https://shop.example.com/errors/"


def _update(code: str, change: Callable[[dict[str, Any]], None]) -> Edit:
    def edit(catalog: Path) -> None:
        path = catalog / f"{code}.yaml"
        data = yaml.safe_load(path.read_text())
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False))

    return edit


def _move(old: str, new: str, change: Callable[[dict[str, Any]], None]) -> Edit:
    def edit(catalog: Path) -> None:
        target = catalog / f"{new}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        (catalog / f"{old}.yaml").rename(target)
        _update(new, change)(catalog)

    return edit


def _remove(code: str) -> Edit:
    return lambda catalog: (catalog / f"{code}.yaml").unlink()


def _add(code: str, status: int, title: str) -> Edit:
    def edit(catalog: Path) -> None:
        shutil.copy(catalog / "orders/order_missing.yaml", catalog / f"{code}.yaml")
        _update(code, lambda d: (d.update(status=status, title=title), d.pop("deprecated")))(
            catalog
        )

    return edit


def _set(**values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.update(values)


def _field(name: str, **values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["fields"][name].update(values)


def _new_field(name: str, kind: str, required: bool) -> Callable[[dict[str, Any]], None]:
    spec = {"type": kind, "description": f"The {name}.", "example": 3, "required": required}
    return lambda data: data.setdefault("fields", {}).update({name: spec})


def _rename_field(old: str, new: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["fields"] = {new if k == old else k: v for k, v in data["fields"].items()}
        data["detail"] = data["detail"].replace("{" + old + "}", "{" + new + "}")

    return change


@dataclass(frozen=True)
class Step:
    name: str
    edits: tuple[Edit, ...]
    expected: frozenset[tuple[str, str]]
    bump: str


def step(name: str, *edits: Edit, expect: set[tuple[str, str]], bump: str) -> Step:
    return Step(name, edits, frozenset(expect), bump)


STEPS = (
    step("nothing changes", expect=set(), bump="none"),
    step(
        "a new entry",
        _add("orders/order_locked", 409, "Conflict"),
        expect={("entry-added", "orders/order_locked")},
        bump="minor",
    ),
    step(
        "a new optional field",
        _update("payments/card_declined", _new_field("attempt", "integer", required=False)),
        expect={("field-added", "payments/card_declined")},
        bump="minor",
    ),
    step(
        "a new required field",
        _update("orders/order_not_found", _new_field("itemCount", "integer", required=True)),
        expect={("field-added-required", "orders/order_not_found")},
        bump="major",
    ),
    step(
        "a changed title",
        _update("limits/rate_limited", _set(title="Slow Down")),
        expect={("title-changed", "limits/rate_limited")},
        bump="minor",
    ),
    step(
        "a changed status",
        _update("orders/order_locked", _set(status=423, title="Locked")),
        expect={
            ("status-changed", "orders/order_locked"),
            ("title-changed", "orders/order_locked"),
        },
        bump="major",
    ),
    step(
        "a renamed field",
        _update("auth/token_expired", _rename_field("expiredAt", "expiresAt")),
        expect={("field-renamed", "auth/token_expired"), ("detail-changed", "auth/token_expired")},
        bump="major",
    ),
    step(
        "a field's type changes and an optional field goes",
        _update("limits/rate_limited", _field("retryAfter", type="string", example="30")),
        _update("limits/rate_limited", lambda data: data["fields"].pop("limit")),
        expect={
            ("field-type-changed", "limits/rate_limited"),
            ("field-doc-changed", "limits/rate_limited"),
            ("field-removed", "limits/rate_limited"),
        },
        bump="major",
    ),
    step(
        "a field becomes required, another optional",
        _update("payments/card_declined", _field("retryable", required=True)),
        _update("payments/card_declined", _field("declineCode", required=False)),
        expect={
            ("field-now-required", "payments/card_declined"),
            ("field-now-optional", "payments/card_declined"),
        },
        bump="major",
    ),
    step(
        "documentation and text only",
        _update("orders/order_not_found", _set(description="Rewritten.\n", causes=["Typo."])),
        _update("orders/order_not_found", _field("orderId", description="The order's id.")),
        _update("orders/order_locked", _set(detail="The order is locked.")),
        expect={
            ("docs-changed", "orders/order_not_found"),
            ("field-doc-changed", "orders/order_not_found"),
            ("detail-changed", "orders/order_locked"),
        },
        bump="patch",
    ),
    step(
        "deprecating is minor",
        _update(
            "orders/order_locked",
            _set(deprecated={"since": "2.0", "reason": "Orders unlock."}),
        ),
        expect={("entry-deprecated", "orders/order_locked")},
        bump="minor",
    ),
    step(
        "a deprecation notice changes",
        _update(
            "orders/order_missing", lambda d: d["deprecated"].update(reason="Use the new one.")
        ),
        expect={("deprecation-changed", "orders/order_missing")},
        bump="patch",
    ),
    step(
        "removing after deprecation warns; removing without it breaks",
        _remove("orders/order_missing"),
        _remove("requests/invalid_body"),
        expect={
            ("deprecated-entry-removed", "orders/order_missing"),
            ("entry-removed", "requests/invalid_body"),
        },
        bump="major",
    ),
    step(
        "un-deprecating",
        _update("orders/order_locked", lambda data: data.pop("deprecated")),
        expect={("entry-undeprecated", "orders/order_locked")},
        bump="minor",
    ),
    step(
        "who sends an entry is documentation for clients",
        _update("orders/order_locked", _set(raised_by="external")),
        expect={("raised-by-changed", "orders/order_locked")},
        bump="patch",
    ),
    step(
        "a new type URI without an alias",
        _update("payments/card_declined", _set(type="https://shop.example.com/problems/declined")),
        expect={("type-changed", "payments/card_declined")},
        bump="major",
    ),
    step(
        "a new type URI that keeps the old one as an alias",
        _update(
            "payments/card_declined",
            _set(
                type="https://shop.example.com/problems/card/declined",
                aliases=["https://shop.example.com/problems/declined"],
            ),
        ),
        expect={("type-aliased", "payments/card_declined")},
        bump="minor",
    ),
    step(
        "moving an entry but keeping its type URI",
        _move(
            "auth/token_expired",
            "auth/session/token_expired",
            _set(type=BASE + "auth/token_expired"),
        ),
        expect={("entry-moved", "auth/token_expired")},
        bump="minor",
    ),
    step(
        "moving an entry with an alias",
        _move(
            "limits/rate_limited", "limits/throttled", _set(aliases=[BASE + "limits/rate_limited"])
        ),
        expect={("entry-moved", "limits/rate_limited"), ("type-aliased", "limits/rate_limited")},
        bump="minor",
    ),
    step(
        "aliases come and go",
        _update(
            "orders/order_not_found",
            _set(aliases=["https://shop.example.com/errors/v1/order-not-found"]),
        ),
        expect={
            ("alias-removed", "orders/order_not_found"),
            ("alias-added", "orders/order_not_found"),
        },
        bump="major",
    ),
    step(
        "headers come, go and change",
        _update("auth/session/token_expired", lambda data: data.pop("headers")),
        _update(
            "limits/throttled",
            lambda d: d["headers"].update({"RateLimit-Policy": {"description": "The policy."}}),
        ),
        _update("limits/throttled", lambda d: d["headers"]["Retry-After"].update(value="60")),
        expect={
            ("header-removed", "auth/session/token_expired"),
            ("header-added", "limits/throttled"),
            ("header-changed", "limits/throttled"),
        },
        bump="major",
    ),
)


def _load(folder: Path) -> Catalog:
    _, config = load_project(SHOP / "errorbook.toml")
    result = load_catalog(replace(config, catalog=folder))
    assert result.catalog is not None, [
        d.message for d in result.diagnostics if d.severity == "error"
    ]
    return result.catalog


def _pinned(diff: CatalogDiff) -> set[tuple[str, str]]:
    return {(change.kind, change.code) for change in diff.changes}


def test_a_catalog_walks_through_every_kind_of_change(tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    shutil.copytree(SHOP / "catalog", folder)
    previous = _load(folder)
    seen: set[str] = set()
    for current in STEPS:
        for edit in current.edits:
            edit(folder)
        catalog = _load(folder)
        diff = diff_catalogs(previous, catalog)
        assert (_pinned(diff), diff.bump) == (set(current.expected), current.bump), current.name
        assert diff.breaking == (current.bump == "major"), current.name
        seen |= {kind for kind, _ in current.expected}
        previous = catalog
    assert seen | {"envelope-changed"} == set(KINDS)


def test_a_changed_envelope_breaks_every_body() -> None:
    catalog = _load(SHOP / "catalog")
    diff = diff_catalogs(catalog, replace(catalog, envelope="wrapped"))
    assert _pinned(diff) == {("envelope-changed", "")}
    assert diff.bump == "major"


def test_changes_are_sorted_most_severe_first(tmp_path: Path) -> None:
    old = _load(SHOP / "catalog")
    folder = tmp_path / "catalog"
    shutil.copytree(SHOP / "catalog", folder)
    for edit in (
        _remove("requests/invalid_body"),
        _update("limits/rate_limited", _set(title="Slow Down")),
        _add("orders/order_locked", 409, "Conflict"),
        _update("auth/token_expired", _set(causes=["Old token."])),
    ):
        edit(folder)
    diff = diff_catalogs(old, _load(folder))
    assert [change.severity for change in diff.changes] == ["breaking", "warning", "minor", "patch"]
    assert diff.counts == {"breaking": 1, "warning": 1, "minor": 1, "patch": 1}
