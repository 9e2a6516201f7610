"""The generated package by behaviour: import, raise, send, parse back, for every entry."""

from __future__ import annotations

import datetime
import json
import pickle
import re
import sys
import warnings
from collections.abc import Iterator
from dataclasses import replace
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import unkey_errors.unkey.data
from conftest import repository_project
from errorbook.check.load import load_catalog
from errorbook.model import STANDARD_MEMBERS, Catalog, ErrorDef
from errorbook.model.naming import attribute_name
from errorbook.python.examples import imported
from errorbook.python.export import export_package
from errorbook.read.config import load_config
from generated_support import (
    GOLDEN_TREE,
    JSON_VALUES,
    ROOT,
    golden_catalog,
    package_from,
    value_of,
)

#: Unkey's own page for unkey/authentication/key_not_found, as published (the seed page).
SEED_PAGE = Path(__file__).parent / "data" / "unkey-seed-page.txt"
_EXTENSION_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{2,}$")

CATALOG = repository_project().catalog
GOLDEN = golden_catalog()


@pytest.fixture(scope="module")
def unkey() -> Iterator[ModuleType]:
    """The package generated from the repository catalog, fresh from the generator."""
    with imported(export_package(CATALOG, "unkey_errors")) as package:
        yield package


@pytest.fixture(scope="module")
def shop() -> Iterator[ModuleType]:
    with imported(export_package(GOLDEN, "shop_errors")) as package:
        yield package


def _example(package: ModuleType, entry: ErrorDef, **extra: Any) -> Any:
    cls = package.lookup(entry.code)
    arguments = {attribute_name(field.name): field.example for field in entry.fields}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return cls(**arguments, **extra)


def _check_rfc9457(problem: Any, entry: ErrorDef) -> None:
    data = problem.to_dict()
    assert list(data)[:4] == ["type", "title", "status", "detail"]
    assert data["type"] == entry.type_uri and data["type"].startswith(("https://", "http://"))
    assert data["title"] == entry.title and isinstance(data["title"], str)
    assert data["status"] == entry.status == problem.status and type(data["status"]) is int
    assert isinstance(data["detail"], str)
    assert "instance" not in data or isinstance(data["instance"], str)
    members = [name for name in data if name not in STANDARD_MEMBERS]
    declared = [f.name for f in entry.fields if f.name in data]
    assert members[: len(declared)] == declared, "declared members come first, in order"
    assert all(_EXTENSION_NAME.match(name) for name in declared)
    json.dumps(data, allow_nan=False)


@pytest.mark.parametrize("entry", CATALOG.entries, ids=lambda entry: entry.code)
def test_every_entry_raises_sends_and_parses_back(unkey: ModuleType, entry: ErrorDef) -> None:
    cls = unkey.lookup(entry.code)
    assert unkey.lookup(entry.type_uri) is cls
    assert (cls.code, cls.type, cls.status, cls.title) == (
        entry.code,
        entry.type_uri,
        entry.status,
        entry.title,
    )
    with pytest.raises(unkey.Problem) as caught:
        raise _example(unkey, entry)
    problem = caught.value
    assert isinstance(problem, cls)
    assert str(problem) == problem.detail
    _check_rfc9457(problem, entry)
    back = unkey.parse(problem.to_json())
    assert type(back) is cls and back.to_dict() == problem.to_dict()
    body = json.dumps(problem.body(request_id="req_1"))
    wrapped = unkey.parse(body)
    assert type(wrapped) is cls and wrapped.request_id == "req_1"
    assert wrapped.body() == problem.body(request_id="req_1")


def _seed_page_json() -> str:
    """The example response on the seed page: the JSON block right after its "Example" line."""
    lines = SEED_PAGE.read_text(encoding="utf-8").splitlines()
    start = lines.index("Example") + 1
    end = next(i for i in range(start, len(lines)) if lines[i] == "}") + 1
    return "\n".join(lines[start:end])


def test_seed_page_json_parses_into_key_not_found() -> None:
    seed_json = _seed_page_json()
    assert json.loads(seed_json)["meta"] == {"requestId": "req_2c9a0jf23l4k567"}
    # The committed package, imported as an API client would.
    from unkey_errors import Problem, parse
    from unkey_errors.unkey.authentication import KeyNotFound

    problem = parse(seed_json)
    assert type(problem) is KeyNotFound and isinstance(problem, Problem)
    assert problem.request_id == "req_2c9a0jf23l4k567"
    assert problem.detail == "The provided API key was not found"
    assert problem.status == 401 and problem.title == "Unauthorized"
    assert problem.body() == json.loads(seed_json) | {"error": problem.to_dict()}
    assert problem.to_dict() == json.loads(seed_json)["error"]


def test_golden_package_imports_lazily(tmp_path: Path) -> None:
    with package_from(GOLDEN_TREE, "shop_errors", tmp_path) as package:
        loaded = {m for m in sys.modules if m.startswith("shop_errors")}
        runtime = {m for m in loaded if m.startswith("shop_errors._runtime")}
        assert loaded - runtime == {"shop_errors"}, "the root loads no catalog module"
        assert package.lookup("billing/card_declined").__module__ == "shop_errors.billing"
        assert "shop_errors.shop.orders" not in sys.modules
        orders = package.shop.orders  # PEP 562: subfolders load on first attribute access
        assert orders.OutOfStock.status == 409
        assert sorted(set(dir(package)) & {"shop", "billing", "parse", "Problem"}) == [
            "Problem",
            "billing",
            "parse",
            "shop",
        ]


def test_adversarial_strings_come_back_exactly(shop: ModuleType) -> None:
    entry = GOLDEN.get("shop/orders/order_not_found")
    assert entry is not None
    cls = shop.lookup(entry.code)
    assert cls.title == entry.title == 'Order "Not" Found \\ it\'s \'gone\' """ really'
    assert cls.default_detail == entry.detail
    problem = cls(order_id='ord_"1"\\\u2028', customer='Zoë """ O\'Brien')
    assert problem.detail == (
        'Order ord_"1"\\\u2028 of "Zoë """ O\'Brien" isn\'t here; {literal braces}, '
        '100% sure, C:\\path """ end'
    )
    assert shop.parse(problem.to_json()).detail == problem.detail
    assert "".join(entry.summary.split()) in "".join((cls.__doc__ or "").split())


def test_values_reach_details_and_headers_as_json(shop: ModuleType) -> None:
    out_of_stock = shop.lookup("shop/orders/out_of_stock")
    problem = out_of_stock(available=3, requested=5, ratio=0.6, backorder=True, retry_after=60)
    assert problem.detail == "Only 3 of 5 left (0.6 of the order); backorder is true."
    assert problem.headers() == {
        "Content-Type": "application/problem+json",
        "X-Shop": 'main "shop" \\ {1}',
        "Retry-After": "60",
        "X-Stock": "3/5 {left}",
    }
    assert (
        "Retry-After"
        not in out_of_stock(available=1, requested=2, ratio=0.5, backorder=False).headers()
    )
    assert problem.body(request_id="ignored") == problem.to_dict()


def test_a_member_value_cannot_inject_a_header(unkey: ModuleType) -> None:
    app_not_found = unkey.lookup("unkey/data/app_not_found")
    headers = app_not_found(app="x\r\nSet-Cookie: a=b").headers()
    assert all("\r" not in value and "\n" not in value for value in headers.values())


def test_wrapped_envelope_and_its_content_type(unkey: ModuleType) -> None:
    problem = unkey.lookup("unkey/data/api_not_found")(api_id="api_1")
    assert problem.headers()["Content-Type"] == "application/json"
    assert problem.body(request_id="req_9") == {
        "meta": {"requestId": "req_9"},
        "error": problem.to_dict(),
    }
    assert problem.body() == {"meta": {}, "error": problem.to_dict()}


def test_constructor_checks_types(shop: ModuleType) -> None:
    out_of_stock = shop.lookup("shop/orders/out_of_stock")
    good = {"available": 1, "requested": 2, "ratio": 0.5, "backorder": False}
    for name, bad in [
        ("available", True),
        ("available", 1.0),
        ("ratio", "0.5"),
        ("ratio", float("nan")),
        ("ratio", False),
        ("backorder", 0),
        ("skus", ("a",)),
        ("stock", []),
    ]:
        with pytest.raises(TypeError, match=rf"OutOfStock: {name} must be"):
            out_of_stock(**(good | {name: bad}))
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'ratio'"):
        out_of_stock(available=1, requested=2, backorder=False)
    with pytest.raises(TypeError, match="detail must be str"):
        out_of_stock(**good, detail=5)
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        out_of_stock(**good, colour="red")
    assert out_of_stock(**(good | {"ratio": 1})).ratio == 1


def test_extensions_are_explicit_and_never_shadow_members(shop: ModuleType) -> None:
    card_declined = shop.lookup("billing/card_declined")
    problem = card_declined(extensions={"traceId": "t1", "retry": [1, 2]}, instance="urn:x")
    assert problem.to_dict() == {
        "type": card_declined.type,
        "title": "Card Declined",
        "status": 502,
        "detail": "The card issuer declined the payment.",
        "instance": "urn:x",
        "traceId": "t1",
        "retry": [1, 2],
    }
    for name in ("status", "detail", "type"):
        with pytest.raises(TypeError, match="standard or declared member"):
            card_declined(extensions={name: 1})
    with pytest.raises(TypeError, match="standard or declared member"):
        shop.lookup("shop/orders/order_not_found")(
            order_id="o", customer="c", extensions={"orderId": "x"}
        )


def test_optional_placeholder_needs_the_member_or_a_detail() -> None:
    # errorbook validate warns about such a detail (W008), and the class still behaves.
    case = Path(__file__).parent / "cases" / "optional-placeholder" / "catalog"
    config = replace(load_config(ROOT / "pyproject.toml"), catalog=case, envelope="rfc9457")
    catalog = load_catalog(config).catalog
    assert catalog is not None
    with imported(export_package(catalog, "optional_errors")) as package:
        api_not_found = package.lookup("api/data/api_not_found")
        assert api_not_found(api_id="api_1").detail == "The API api_1 does not exist."
        assert api_not_found(detail="The API does not exist.").api_id is None
        with pytest.raises(TypeError, match="pass api_id= or detail="):
            api_not_found()


def test_deprecated_types_warn_when_raised_not_when_parsed(shop: ModuleType) -> None:
    payment_required = shop.lookup("shop/payment_required")
    with pytest.warns(DeprecationWarning, match="use billing/card_declined instead") as record:
        problem = payment_required()
    assert record[0].filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert type(shop.parse(problem.to_json())) is payment_required


def test_lookup_by_code_type_and_alias(shop: ModuleType) -> None:
    cls = shop.lookup("shop/payment_required")
    assert shop.lookup("https://errors.example.com/legacy/payment-required") is cls
    assert shop.lookup("https://old.example.com/errors/payment") is cls
    unknowns = ("https://errors.example.com/shop/payment_required", "nope", "about:blank", [1])
    for unknown in unknowns:
        with pytest.raises(KeyError):
            shop.lookup(unknown)
    old = json.dumps({"type": "https://old.example.com/errors/payment", "status": 402})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        assert type(shop.parse(old)) is cls


def test_parse_keeps_unknown_members_and_falls_back_to_plain_problem(shop: ModuleType) -> None:
    body = {"type": "https://other.example/x", "status": 418, "detail": "d", "extra": [1]}
    problem = shop.parse(body)
    assert type(problem) is shop.Problem
    assert problem.to_dict() == {"title": "I'm a Teapot", **body} | {"type": body["type"]}
    assert shop.parse(problem.to_json()).to_dict() == problem.to_dict()
    declared_wrong = {"type": shop.lookup("shop/orders/order_not_found").type, "orderId": 5}
    fallback = shop.parse(declared_wrong)
    assert type(fallback) is shop.Problem and fallback.extensions == {"orderId": 5}
    assert fallback.status == 404
    card = shop.parse({"type": shop.lookup("billing/card_declined").type, "colour": "red"})
    assert card.extensions == {"colour": "red"} and card.code == "billing/card_declined"
    blank = shop.parse({"status": 503, "type": 5})
    assert (blank.type, blank.title, blank.detail) == (
        "about:blank",
        "Service Unavailable",
        "Service Unavailable",
    )


def test_parse_takes_a_problem_without_a_valid_status(shop: ModuleType) -> None:
    # RFC 9457 section 3's first example has no status; a member of the wrong type is ignored.
    example = {
        "type": "https://example.com/probs/out-of-credit",
        "title": "You do not have enough credit.",
        "detail": "Your current balance is 30, but that costs 50.",
        "balance": 30,
    }
    problem = shop.parse(example)
    assert type(problem) is shop.Problem and problem.status == 500
    assert problem.to_dict() == example | {"status": 500}
    assert shop.parse(example, status=403).status == 403
    for status in ("404", 99, True, 404.0):
        assert shop.parse({"type": "about:blank", "status": status}, status=404).status == 404
    assert shop.parse({"type": "about:blank", "status": 410}, status=404).status == 410


def test_parse_matches_type_uris_not_codes(shop: ModuleType) -> None:
    # lookup() accepts codes; a body's relative `type` that spells a code is still not that type.
    code = "billing/card_declined"
    before = shop.parse({"type": code, "status": 402})
    shop.lookup(code)
    after = shop.parse({"type": code, "status": 402})
    assert type(before) is type(after) is shop.Problem
    assert after.type == code


@pytest.mark.parametrize(
    "data",
    [
        "",
        "{",
        "[]",
        "null",
        "5",
        b"\xff\xfe\x00",
        "{}",
        '{"title": "no type, no status"}',
        '{"error": {}, "meta": {}}',
        '{"status": 400, "score": NaN}',
        '{"status": 400, "limit": -Infinity}',
        "[" * 100_000,
        {1: "not a string key", "status": 400},
        ["a list"],
        None,
        5,
    ],
)
def test_parse_raises_value_error_for_what_is_not_a_problem(shop: ModuleType, data: Any) -> None:
    with pytest.raises(ValueError, match="not a problem details object"):
        shop.parse(data)


@given(data=st.one_of(JSON_VALUES, st.binary(), st.text()))
def test_parse_raises_nothing_but_value_error(shop: ModuleType, data: Any) -> None:
    for candidate in (data, json.dumps(data) if not isinstance(data, bytes) else data):
        try:
            problem = shop.parse(candidate)
        except ValueError:
            continue
        assert isinstance(problem, shop.Problem)


@pytest.mark.parametrize("envelope", ["body", "json"])
def test_utf8_utf16_and_bom_bodies(shop: ModuleType, envelope: str) -> None:
    problem = shop.lookup("billing/card_declined")(detail="Café ☕")
    text = problem.to_json().decode() if envelope == "json" else json.dumps(problem.to_dict())
    for data in (text, text.encode(), text.encode("utf-8-sig"), text.encode("utf-16")):
        assert shop.parse(data).detail == "Café ☕"


def test_pickle_round_trip(shop: ModuleType) -> None:
    problem = shop.lookup("shop/orders/out_of_stock")(
        available=1, requested=2, ratio=0.5, backorder=True, extensions={"note": "n"}
    )
    problem.request_id = "req_7"
    back = pickle.loads(pickle.dumps(problem))
    assert type(back) is type(problem) and back.to_dict() == problem.to_dict()
    assert back.request_id == "req_7"


def test_generic_problems(shop: ModuleType) -> None:
    plain = shop.Problem()
    assert (plain.type, plain.status, plain.title) == ("about:blank", 500, "Internal Server Error")
    gone = shop.Problem.generic(410, detail="Gone for good")
    assert gone.to_dict() == {
        "type": "about:blank",
        "title": "Gone",
        "status": 410,
        "detail": "Gone for good",
    }
    assert gone.headers() == {"Content-Type": "application/problem+json"}
    with pytest.raises(ValueError, match="HTTP status"):
        shop.Problem.generic(99)
    with pytest.raises(TypeError, match="status must be int"):
        shop.Problem.generic("404")  # type: ignore[arg-type]


def _entries_with_fields(catalog: Catalog) -> list[ErrorDef]:
    return [entry for entry in catalog.entries if entry.fields]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_instances_round_trip(shop: ModuleType, unkey: ModuleType, data: Any) -> None:
    package, catalog = data.draw(st.sampled_from([(shop, GOLDEN), (unkey, CATALOG)]))
    entry = data.draw(st.sampled_from(_entries_with_fields(catalog)))
    cls = package.lookup(entry.code)
    arguments = {attribute_name(f.name): data.draw(value_of(f)) for f in entry.fields}
    declared = {f.name for f in entry.fields} | set(STANDARD_MEMBERS)
    extensions = data.draw(
        st.dictionaries(st.text().filter(lambda key: key not in declared), JSON_VALUES, max_size=3)
    )
    extra = {
        "instance": data.draw(st.none() | st.text()),
        "detail": data.draw(st.none() | st.text()),
        "extensions": extensions or None,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            problem = cls(**arguments, **extra)
        except TypeError as error:
            assert "pass " in str(error)  # an optional placeholder member left out
            return
        except ValueError as error:
            assert "Retry-After" in str(error)  # a negative delay
            return
    back = package.parse(problem.to_json())
    assert type(back) is cls
    assert back.to_dict() == problem.to_dict()
    assert {a: getattr(back, a) for a in arguments} == {a: getattr(problem, a) for a in arguments}


# The runtime keeps what it was sent (issue 14).

_STOCK = {"available": 3, "requested": 5, "ratio": 0.6, "backorder": True}


@pytest.mark.parametrize(
    "data",
    [
        '{"status": 400, "limit": 1e400}',
        '{"status": 400, "deep": [{"a": [-1e999]}]}',
        {"status": 400, "limit": float("inf")},
        {"status": 400, "deep": {"a": [float("nan")]}},
    ],
)
def test_parse_refuses_non_finite_numbers_anywhere(shop: ModuleType, data: Any) -> None:
    with pytest.raises(ValueError, match="not a problem details object"):
        shop.parse(data)
    known = shop.lookup("shop/orders/out_of_stock").type
    body = json.loads(data) if isinstance(data, str) else dict(data)
    with pytest.raises(ValueError, match="not a problem details object"):
        shop.parse(body | {"type": known, **_STOCK, "ratio": float("inf")})


@pytest.mark.parametrize("status", ["404", 404.0, True, 99, 600])
def test_parse_takes_only_an_http_status_as_its_fallback(shop: ModuleType, status: Any) -> None:
    for body in ({"type": "about:blank"}, {"type": "about:blank", "status": 410}):
        with pytest.raises(ValueError, match="status must be an HTTP status"):
            shop.parse(body, status=status)


def test_parse_keeps_the_status_and_title_it_was_sent(shop: ModuleType) -> None:
    cls = shop.lookup("shop/orders/out_of_stock")
    body = {"type": cls.type, "title": "Oops", "status": 500, "detail": "d", **_STOCK}
    problem = shop.parse(body)
    assert type(problem) is cls and (problem.status, problem.title) == (500, "Oops")
    assert problem.to_dict() == body and json.loads(problem.to_json()) == body
    assert (cls.status, cls.title) == (409, "Out of Stock")


def test_pickling_keeps_a_plain_problem_plain(shop: ModuleType) -> None:
    card_declined = shop.lookup("billing/card_declined")
    problem = shop.Problem.generic(500, type=card_declined.type, extensions={"a": [1]})
    back = pickle.loads(pickle.dumps(problem))
    assert type(back) is shop.Problem
    assert back.to_dict() == problem.to_dict() and back.status == 500


def test_a_declared_member_of_the_wrong_type_is_ignored_not_the_class(shop: ModuleType) -> None:
    cls = shop.lookup("shop/orders/out_of_stock")
    body = {"type": cls.type, "title": cls.title, "status": 409, "detail": "d", **_STOCK}
    for wrong in ({"skus": "sku_1"}, {"retryAfter": -5}, {"stock": None}):
        problem = shop.parse(body | wrong)
        assert type(problem) is cls, wrong
        name = next(iter(wrong))
        assert getattr(problem, attribute_name(name)) is None
        assert problem.extensions == wrong and problem.to_dict() == body | wrong
    plain = shop.parse(body | {"available": "3"})  # a required member: not this class
    assert type(plain) is shop.Problem and plain.to_dict() == body | {"available": "3"}


class _Dep(str, Enum):  # noqa: UP042 - unlike a StrEnum, its str() is "_Dep.PROD"
    PROD = "prod"


class TracedNotFound(unkey_errors.unkey.data.ApiNotFound):
    """A service's own subclass of a generated class, with an attribute of its own."""

    def __init__(self, *, api_id: str, trace: str) -> None:
        super().__init__(api_id=api_id)
        self.trace = trace


def test_pickling_a_subclass_keeps_its_class_and_attributes() -> None:
    problem = TracedNotFound(api_id="api_1", trace="t1")
    problem.request_id = "req_1"
    back = pickle.loads(pickle.dumps(problem))
    assert type(back) is TracedNotFound
    assert (back.trace, back.request_id, back.api_id) == ("t1", "req_1", "api_1")
    assert back.to_dict() == problem.to_dict()


@pytest.mark.parametrize(
    "extensions",
    [
        {"when": datetime.date(2024, 1, 1)},
        {"ratio": float("nan")},
        {"pair": (1, 2)},
        {"keyed": {1: "a"}},
        {"deep": [[[{"x": {1, 2}}]]]},
    ],
)
def test_extension_values_are_checked_when_constructed(
    shop: ModuleType, extensions: dict[str, Any]
) -> None:
    card_declined = shop.lookup("billing/card_declined")
    with pytest.raises(TypeError, match=r"CardDeclined: extension member .* is not JSON"):
        card_declined(extensions=extensions)


def test_values_that_contain_themselves_are_not_json(shop: ModuleType) -> None:
    looped: list[Any] = [1]
    looped.append(looped)
    with pytest.raises(TypeError, match="is not JSON"):
        shop.lookup("billing/card_declined")(extensions={"looped": looped})
    out_of_stock = shop.lookup("shop/orders/out_of_stock")
    with pytest.raises(TypeError, match="OutOfStock: skus must be a list of JSON values"):
        out_of_stock(**_STOCK, skus=[looped])
    with pytest.raises(TypeError, match="OutOfStock: stock must be a dict of JSON values"):
        out_of_stock(**_STOCK, stock={"a": float("inf")})


def test_a_negative_retry_after_is_refused(shop: ModuleType) -> None:
    out_of_stock = shop.lookup("shop/orders/out_of_stock")
    with pytest.raises(ValueError, match="OutOfStock: retry_after must be 0 or more"):
        out_of_stock(**_STOCK, retry_after=-1)
    assert out_of_stock(**_STOCK, retry_after=0).headers()["Retry-After"] == "0"


def test_a_str_enum_value_reads_as_its_value(shop: ModuleType) -> None:
    order_not_found = shop.lookup("shop/orders/order_not_found")
    problem = order_not_found(order_id=_Dep.PROD, customer="c")
    assert problem.detail.startswith("Order prod of")
    assert json.loads(problem.to_json())["orderId"] == "prod"
