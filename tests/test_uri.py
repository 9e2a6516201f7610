"""Type URIs compared in RFC 3986 normal form, and redirect pages written where servers look."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from errorbook.model.layout import alias_page_path
from errorbook.model.uri import decoded_segments, normalize_uri
from sitetools import build, read_page, serving, with_site_url

ROOT = Path(__file__).parent.parent
BASE = "https://errors.example.com/"


@pytest.mark.parametrize(
    ("uri", "normal"),
    [
        ("https://errors.example.com/x", "https://errors.example.com/x"),
        ("HTTPS://Errors.Example.COM/X", "https://errors.example.com/X"),  # the path keeps case
        ("https://errors.example.com:443/x", "https://errors.example.com/x"),
        ("http://errors.example.com:80/x", "http://errors.example.com/x"),
        ("https://errors.example.com:8443/x", "https://errors.example.com:8443/x"),
        ("https://errors.example.com:/x", "https://errors.example.com/x"),
        ("https://errors.example.com", "https://errors.example.com/"),
        ("https://errors.example.com?q", "https://errors.example.com/?q"),
        ("https://errors.example.com/caf%c3%a9", "https://errors.example.com/caf%C3%A9"),
        ("https://errors.example.com/café", "https://errors.example.com/caf%C3%A9"),
        ("https://errors.example.com/%7Ea%2Db%41", "https://errors.example.com/~a-bA"),
        ("https://errors.example.com/a%2fb%3F", "https://errors.example.com/a%2Fb%3F"),
        ("https://[::1]:443/x", "https://[::1]/x"),
        ("https://[::1]/x", "https://[::1]/x"),
        ("https://User@Host.example/x", "https://User@host.example/x"),
    ],
)
def test_normal_form(uri: str, normal: str) -> None:
    assert normalize_uri(uri) == normal
    assert normalize_uri(normal) == normal


@pytest.mark.parametrize(
    ("alias", "page"),
    [
        (BASE + "v1/caf%C3%A9", "v1/café/index.html"),
        (BASE + "v1/café/", "v1/café/index.html"),
        ("HTTPS://ERRORS.example.com:443/v1/caf%c3%a9", "v1/café/index.html"),
        (BASE + "v1/a%3Fb", "v1/a?b/index.html"),
        (BASE + "old//note", "old/note/index.html"),
        # A server answers /old/ and /old/index.html with one file.
        (BASE + "old/index.html", "old/index.html"),
        (BASE + "index.html", "index.html"),
        (BASE, "index.html"),
        (BASE + "v1/%FF", None),
        (BASE + "v1/a%2Fb", None),
        (BASE + "v1/a%0Ab", None),
        (BASE + "v1/%2e%2e/x", None),
        (BASE + "x?y", None),
        ("https://elsewhere.example/x", None),
    ],
)
def test_redirect_pages_go_where_a_server_looks(alias: str, page: str | None) -> None:
    assert alias_page_path(alias, BASE) == page


def test_a_path_no_file_can_answer_says_why() -> None:
    with pytest.raises(ValueError, match="not UTF-8"):
        decoded_segments("v1/%C3")
    with pytest.raises(ValueError, match="%2F"):
        decoded_segments("a%2fb")


def test_a_non_ascii_alias_is_served_at_the_url_a_browser_requests(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog" / "shop"
    catalog.mkdir(parents=True)
    entry = (ROOT / "tests/cases/type-elsewhere/catalog/shop/other.yaml").read_text("utf-8")
    entry = entry.replace("type: https://errors.example.com/shop/other#details", "")
    aliases = ["v1/caf%C3%A9", "v1/日本/", "v1/na%C3%AFve%3F"]
    entry += "aliases:\n" + "".join(f"  - {BASE}{alias}\n" for alias in aliases)
    (catalog / "other.yaml").write_text(entry, encoding="utf-8")
    (tmp_path / "errorbook.toml").write_text(f'base-uri = "{BASE}"\n')
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(with_site_url(mkdocs, BASE), encoding="utf-8")

    built = build(tmp_path, BASE)

    assert (tmp_path / "docs" / "v1" / "café" / "index.html").is_file()
    # Browsers send the UTF-8 percent-encoding of the path; servers decode it to find the file.
    with serving(built.site) as root:
        for path in ("v1/caf%C3%A9/", "v1/%E6%97%A5%E6%9C%AC/", "v1/na%C3%AFve%3F/"):
            with urllib.request.urlopen(root + path) as response:
                assert response.status == 200
                assert b'url=../../shop/other/"' in response.read()
    assert "../../shop/other/" in read_page(built.site / "v1" / "café" / "index.html").links
