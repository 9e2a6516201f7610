"""The generated package's runtime, tested as errorbook ships it: `errorbook.python.runtime`.

The classes here are written by hand the way the generator writes them (class keywords, a
member table, a typed constructor that hands its members to ``_setup``).
"""

from __future__ import annotations

import json
import pickle
import sys
import types
import warnings
from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from errorbook.python.runtime import json_text, registry
from errorbook.python.runtime.parse import parse
from errorbook.python.runtime.problem import Problem
from generated_support import JSON_VALUES


class OutOfStock(
    Problem,
    code="shop/out_of_stock",
    type="https://errors.example.com/shop/out_of_stock",
    status=409,
    title="Out of Stock",
    default_detail="Only {available} of {sku} left: 100% {{sure}}; {tags}.",
    members=[
        ("sku", "sku", "string", True),
        ("available", "available", "integer", True),
        ("tags", "tags", "array", False),
        ("retryAfter", "retry_after", "integer", False),
    ],
    headers=[("X-Shop", "main {{1}}"), ("Retry-After", "{retryAfter}"), ("X-Sku", "sku {sku}")],
):
    __slots__ = ("available", "retry_after", "sku", "tags")
    sku: str
    available: int
    tags: list[Any] | None
    retry_after: int | None

    def __init__(
        self,
        *,
        sku: str,
        available: int,
        tags: list[Any] | None = None,
        retry_after: int | None = None,
        detail: str | None = None,
        instance: str | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> None:
        self._setup(detail, instance, extensions, sku, available, tags, retry_after)


class Gone(
    Problem,
    code="shop/gone",
    type="https://errors.example.com/shop/gone",
    status=410,
    title="Gone",
    default_detail="It is gone {{for good}}.",
    deprecation="shop/gone is deprecated since 2.0",
):
    __slots__ = ()


@pytest.fixture
def shop() -> Iterator[types.ModuleType]:
    """The runtime configured for a package ``fakeshop`` whose module ``shop`` holds the
    classes above; restored afterwards."""
    module = types.ModuleType("fakeshop.shop")
    module.OutOfStock = OutOfStock  # type: ignore[attr-defined]
    module.Gone = Gone  # type: ignore[attr-defined]
    sys.modules["fakeshop.shop"] = module
    registry.configure(
        "fakeshop",
        base_uri="https://errors.example.com/",
        envelope="wrapped",
        content_type="application/json",
        classes={"shop/out_of_stock": "OutOfStock", "shop/gone": "Gone"},
        types={},
        aliases={"shop/gone": ("https://old.example.com/gone",)},
    )
    yield module
    del sys.modules["fakeshop.shop"]
    registry.configure(
        "",
        base_uri="",
        envelope="rfc9457",
        content_type="application/problem+json",
        classes={},
        types={},
        aliases={},
    )


def test_a_class_keeps_the_facts_it_states_and_derives_the_rest() -> None:
    problem = OutOfStock(sku="a-1", available=2, tags=["x", 1])
    assert (OutOfStock.code, OutOfStock.status, OutOfStock.title) == (
        "shop/out_of_stock",
        409,
        "Out of Stock",
    )
    assert problem.detail == str(problem) == 'Only 2 of a-1 left: 100% {sure}; ["x",1].'
    assert problem.to_dict() == {
        "type": OutOfStock.type,
        "title": "Out of Stock",
        "status": 409,
        "detail": problem.detail,
        "sku": "a-1",
        "available": 2,
        "tags": ["x", 1],
    }
    with pytest.warns(DeprecationWarning):
        assert Gone().detail == "It is gone {for good}."


def test_the_constructor_checks_each_member() -> None:
    with pytest.raises(TypeError, match="OutOfStock: available must be int, got bool True"):
        OutOfStock(sku="a", available=True)
    with pytest.raises(TypeError, match="OutOfStock: tags must be a list of JSON values or None"):
        OutOfStock(sku="a", available=1, tags=("x",))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="OutOfStock: pass tags= or detail=, because"):
        OutOfStock(sku="a", available=1)
    assert OutOfStock(sku="a", available=1, detail="d").tags is None
    with pytest.raises(TypeError, match="extension member 'sku' is a standard or declared"):
        OutOfStock(sku="a", available=1, detail="d", extensions={"sku": "b"})


def test_a_detail_template_must_name_members() -> None:
    with pytest.raises(TypeError, match="names no member apiId"):

        class Broken(Problem, default_detail="The API {apiId} does not exist."):
            pass


def test_headers_fill_templates_and_skip_those_missing_a_member() -> None:
    problem = OutOfStock(sku="a", available=1, detail="d", retry_after=30)
    assert problem.headers() == {
        "Content-Type": "application/problem+json",
        "X-Shop": "main {1}",
        "Retry-After": "30",
        "X-Sku": "sku a",
    }
    assert "Retry-After" not in OutOfStock(sku="a", available=1, detail="d").headers()


class _Env(str, Enum):  # noqa: UP042 - unlike a StrEnum, its str() is "_Env.PROD"
    PROD = "prod"


@pytest.mark.parametrize(
    ("sku", "sent"),
    [
        ("a-1", "sku a-1"),
        ("x\r\nSet-Cookie: a=b", "sku x%0D%0ASet-Cookie: a=b"),
        ("caf\u00e9 50%", "sku caf%C3%A9 50%25"),
        (" padded ", "sku %20padded%20"),
        ("tab\there\x7f", "sku tab%09here%7F"),
        ("\ud800", "sku %ED%A0%80"),
        (_Env.PROD, "sku prod"),
    ],
)
def test_header_values_from_members_are_visible_ascii(sku: str, sent: str) -> None:
    """Characters HTTP cannot carry, and "%", are percent-encoded as UTF-8; spaces too at
    either end, where HTTP would drop them."""
    problem = OutOfStock(sku=sku, available=1, detail="d")
    assert problem.headers()["X-Sku"] == sent
    assert unquote(sent.removeprefix("sku "), errors="surrogatepass") == sku


def test_a_str_enum_reads_as_its_value_in_the_detail() -> None:
    problem = OutOfStock(sku=_Env.PROD, available=1, tags=[])
    assert problem.detail == "Only 1 of prod left: 100% {sure}; []."


@given(
    sku=st.text(),
    available=st.integers(),
    tags=st.none() | st.lists(JSON_VALUES, max_size=3),
    detail=st.none() | st.text(),
    instance=st.none() | st.text(),
    extensions=st.dictionaries(st.text().map(lambda key: "x" + key), JSON_VALUES, max_size=3),
)
def test_to_json_is_the_compact_json_of_to_dict(
    sku: str,
    available: int,
    tags: list[Any] | None,
    detail: str | None,
    instance: str | None,
    extensions: dict[str, Any],
) -> None:
    problem = OutOfStock(
        sku=sku,
        available=available,
        tags=tags,
        detail=detail if tags is not None or detail is not None else "d",
        instance=instance,
        extensions=extensions,
    )
    compact = json.dumps(problem.to_dict(), separators=(",", ":")).encode()
    assert problem.to_json() == compact
    generic = Problem.generic(418, type=OutOfStock.type, extensions=extensions)
    assert generic.to_json() == json.dumps(generic.to_dict(), separators=(",", ":")).encode()


def test_to_json_follows_a_subclass_that_decides_its_own_members() -> None:
    class Traced(OutOfStock):
        def to_dict(self) -> dict[str, Any]:
            return {**super().to_dict(), "trace": "t1"}

    problem = Traced(sku="a", available=1, detail="d")
    assert json.loads(problem.to_json())["trace"] == "t1"


def test_deprecated_classes_warn_their_callers() -> None:
    with pytest.warns(DeprecationWarning, match="deprecated since 2.0") as record:
        Gone()
    assert record[0].filename == __file__


def test_pickling_keeps_the_class_and_every_attribute() -> None:
    problem = OutOfStock(sku="a", available=1, detail="d", extensions={"note": "n"})
    problem.request_id = "req_1"
    back = pickle.loads(pickle.dumps(problem))
    assert type(back) is OutOfStock
    assert back.to_dict() == problem.to_dict() and back.request_id == "req_1"


def test_lookup_by_code_type_uri_and_alias(shop: types.ModuleType) -> None:
    assert registry.lookup("shop/out_of_stock") is OutOfStock
    assert registry.lookup(OutOfStock.type) is OutOfStock
    assert registry.lookup("https://old.example.com/gone") is Gone
    for unknown in ("shop", "https://errors.example.com/shop/nope", 5):
        with pytest.raises(KeyError):
            registry.lookup(unknown)  # type: ignore[arg-type]


def test_parse_reads_both_envelopes_into_the_class(shop: types.ModuleType) -> None:
    problem = OutOfStock(sku="a", available=1, tags=[], retry_after=3)
    assert problem.headers()["Content-Type"] == "application/json"
    body = problem.body(request_id="req_9")
    assert body == {"meta": {"requestId": "req_9"}, "error": problem.to_dict()}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a client is not warned about what it receives
        for data in (json.dumps(body), problem.to_json(), body["error"]):
            back = parse(data)
            assert type(back) is OutOfStock and back.to_dict() == problem.to_dict()
        assert type(parse({"type": Gone.type})) is Gone


@pytest.mark.parametrize(
    "data", [" {} ", "[1]", b"\xef\xbb\xbf[1]", "[1]".encode("utf-16"), "\n 5 \t"]
)
def test_decode_reads_any_json_text(data: str | bytes) -> None:
    assert json_text.decode(data) == json.loads(data)


@pytest.mark.parametrize(
    "data",
    ['{"a": NaN}', "[-Infinity]", "[1e400]", "[1] [2]", "\ufeff[1]", "[" * 10**5],
    ids=["nan", "infinity", "too large", "two values", "bom in text", "too deep"],
)
def test_decode_refuses_what_is_not_json(data: str) -> None:
    with pytest.raises(ValueError, match="not JSON"):
        json_text.decode(data)


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth - 1):
        value = [value]
    return value


def test_json_values_are_what_json_writes_back() -> None:
    shared: list[Any] = [1]
    value = {"a": [None, True, 1, 0.5, "s", {"b": shared, "c": shared}]}
    assert json_text.json_problem(value) is None, "a value met twice is no loop"
    assert json_text.json_problem(_nested(json_text.MAX_DEPTH)) is None
    json_text.encode(_nested(json_text.MAX_DEPTH))  # which json can write
    assert json_text.json_problem(_nested(json_text.MAX_DEPTH + 1)) == (
        "lists and dicts nest more than 500 deep"
    )
    assert json_text.json_problem([float("-inf")]) == "-inf is not a finite number"
    assert json_text.json_problem({1: "a"}) == "an object member's name is not a str"
    assert json_text.json_problem(b"bytes") == "a bytes is not a JSON value"
