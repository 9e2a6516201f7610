"""Adversarial catalog text never breaks the generated code, and comes back exactly.

Hypothesis writes titles, details, summaries and member descriptions full of quotes, triple
quotes, backslashes, braces, %, line separators, non-ASCII and code-like text; the package
generated from them must import, and every string must read back unchanged.
"""

from __future__ import annotations

import re
import string
from dataclasses import replace
from typing import Any
from urllib.parse import unquote

from hypothesis import given, settings
from hypothesis import strategies as st

from errorbook.model import Catalog, ErrorDef, Field, Header, Step
from errorbook.python.examples import imported
from errorbook.python.export import export_package

_TITLE = re.compile(r"^[^\r\n\u2028\u2029]*\S[^\r\n\u2028\u2029]*$")
#: Characters that have broken code generators: quotes, escapes, braces, separators, bidi.
_NASTY = st.sampled_from(
    [
        *('"', "'", '"""', "'''", "\\", "{", "}", "%", "%s", "\n", "\r", "\t", "\x00", "\x7f"),
        *("\u2028", "\u2029", "\u202e", "\ufeff", "\x85", "é", "日本", "🎉"),
        *('");import os;os.system("x")#', "{__import__('os')}"),
    ]
)
_TEXT = st.lists(st.one_of(_NASTY, st.text(max_size=8)), max_size=12).map("".join)
_FIELDS = (
    Field("memberId", "string", "placeholder", "m"),
    Field("count", "integer", "placeholder", 1),
    Field("share", "number", "placeholder", 0.5, required=False),
)


@st.composite
def _detail(draw: st.DrawFn) -> tuple[str, dict[str, Any], str]:
    """A detail template, the member values to fill it with, and the text it must become."""
    template, expected = "", ""
    values = {"memberId": draw(st.text()), "count": draw(st.integers()), "share": 0.25}
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):
            name = draw(st.sampled_from(["memberId", "count", "share"]))
            template += "{" + name + "}"
            expected += str(values[name])
        else:
            text = draw(_TEXT)
            template += text.replace("{", "{{").replace("}", "}}")
            expected += text
    return (template, values, expected) if template else ("x", values, "x")


def _entry(code: str, title: str, template: str, summary: str, description: str) -> ErrorDef:
    fields = tuple(replace(field, description=description) for field in _FIELDS)
    return ErrorDef(
        code=code,
        type_uri="https://errors.example.com/" + code,
        status=400,
        title=title,
        detail=template,
        description=description or "d",
        summary=summary,
        causes=("c",),
        fixes=(Step("f"),),
        source=f"catalog/{code}.yaml",
        fields=fields,
        headers=(Header("X-Member", "h", "{memberId}"),),
    )


@settings(max_examples=40, deadline=None)
@given(
    title=_TEXT.filter(_TITLE.match),
    detail=_detail(),
    summary=_TEXT.filter(str.strip),
    description=_TEXT,
)
def test_adversarial_text_round_trips(
    title: str, detail: tuple[str, dict[str, Any], str], summary: str, description: str
) -> None:
    template, values, expected = detail
    assert list(string.Formatter().parse(template))  # a valid template, as checks require
    entry = _entry("shop/orders/odd_case", title, template, summary, description)
    plain = replace(entry, code="shop/plain", type_uri="https://errors.example.com/shop/plain")
    catalog = Catalog("https://errors.example.com/", "rfc9457", (entry, plain))
    with imported(export_package(catalog, "shop_errors")) as package:
        cls = package.lookup(entry.code)
        assert (cls.title, cls.default_detail) == (title, template)
        problem = cls(member_id=values["memberId"], count=values["count"], share=0.25)
        assert problem.detail == expected
        assert problem.to_dict()["title"] == title
        assert package.parse(problem.to_json()).to_dict() == problem.to_dict()
        header = problem.headers()["X-Member"]
        assert all(" " <= char <= "~" for char in header), "visible ASCII and spaces only"
        assert header.strip(" ") == header
        assert unquote(header, errors="surrogatepass") == values["memberId"]
        doc = "".join((cls.__doc__ or "").split())
        assert "".join(summary.split()) in doc
        assert "".join(description.split()) in doc
        assert package.lookup(plain.code).default_detail == template
