"""Odd configuration never ends in a traceback, a hang or a package that cannot be imported:
every message is pinned here, word for word."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from errorbook.core.errors import ConfigError
from errorbook.read.config import load_config
from projects import run

BASE = 'base-uri = "https://errors.example.com/"\n'
URI_PREFIX = "errorbook.toml: base-uri must be an absolute http(s) URI ending in '/', got "


def _error(tmp_path: Path, text: str) -> str:
    (tmp_path / "errorbook.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    return str(caught.value)


@pytest.mark.parametrize(
    ("uri", "reason"),
    [
        ("https://[::1/", "its IPv6 address lacks the closing ']'"),
        ("https://::1]/", "brackets belong only around an IPv6 address"),
        ("https://[fe80::zz]/", "[fe80::zz] is not an IPv6 address"),
        ("https:///errors/", "it has no host"),
        ("https://:443/", "it has no host"),
        ("https://errors.example.com:99999/", "the port '99999' is not a number from 1 to 65535"),
        ("https://errors.example.com:0/", "the port '0' is not a number from 1 to 65535"),
        ("https://user:secret@example.com/", "a base URI carries no user name or password (@)"),
        ("https://exa\tmple.com/", "character 12 (U+0009) cannot appear in a URI"),
        ("https://example.com/a\x7f/", "character 22 (U+007F) cannot appear in a URI"),
        ('https://example.com/"x"/', "character 21 ('\"') cannot appear in a URI"),
        ("https://example.com/<b>/", "character 21 ('<') cannot appear in a URI"),
        ("https://example.com\\x/", "character 20 ('\\\\') cannot appear in a URI"),
        ("https://example.com/a b/", "character 22 (U+0020) cannot appear in a URI"),
        (
            "https://bücher.example/",
            "character 10 ('ü') cannot appear in a URI; percent-encode it in a path (RFC 3986), "
            "and write a host in its xn-- form",
        ),
        (
            "https://example.com/%zz/",
            "every '%' must start an escape of two hex digits, such as %20",
        ),
        ("https://example.com/?q/", "a base URI has no query (?) or fragment (#)"),
        (
            "https://example.com/a/../",
            "its path holds '.' or '..' segments; write the path they lead to",
        ),
        ("https://exa_mple-.com/", "'exa_mple-.com' is not a host name"),
    ],
)
def test_a_base_uri_that_is_not_a_uri_says_why(tmp_path: Path, uri: str, reason: str) -> None:
    assert _error(tmp_path, f"base-uri = {_toml(uri)}\n") == f"{URI_PREFIX}{uri!r}: {reason}"


def _toml(text: str) -> str:
    """A TOML basic string holding exactly ``text``."""
    plain = (c if " " <= c != "\x7f" and c not in '"\\' else f"\\u{ord(c):04X}" for c in text)
    return '"' + "".join(plain) + '"'


@pytest.mark.parametrize(
    ("uri", "normal"),
    [
        ("HTTPS://Errors.Example.COM/Problems/", "https://errors.example.com/Problems/"),
        ("http://[2001:db8::1]:8080/e/", "http://[2001:db8::1]:8080/e/"),
        ("https://errors.example.com:65535/", "https://errors.example.com:65535/"),
        ("https://example.com/caf%C3%A9/", "https://example.com/caf%C3%A9/"),
    ],
)
def test_a_valid_base_uri_is_normalised(tmp_path: Path, uri: str, normal: str) -> None:
    (tmp_path / "errorbook.toml").write_text(f'base-uri = "{uri}"\n')
    assert load_config(cwd=tmp_path).base_uri == normal


@pytest.mark.parametrize(
    ("package", "problem"),
    [
        (
            "class",
            "is a Python keyword, so `import class` is a syntax error: choose another, "
            "such as 'class_errors'",
        ),
        (
            "json",
            "is the name of a standard-library module, which it would shadow: choose "
            "another, such as 'json_errors'",
        ),
        (
            "my-errors",
            "is not a Python name (letters, digits and _, not starting with a digit): "
            "choose another, such as 'my_errors'",
        ),
        (
            "ﬁle_errors",
            "is not in the form Python reads names in (NFKC): import would look for "
            "'file_errors': choose another, such as 'file_errors'",
        ),
    ],
)
def test_a_package_name_python_cannot_import_is_refused(
    tmp_path: Path, package: str, problem: str
) -> None:
    message = _error(tmp_path, f'{BASE}python-package = "src/{package}"\n')
    assert message == (
        f"errorbook.toml: python-package must end in a valid Python package name; {package!r} "
        f"{problem}"
    )


@pytest.mark.parametrize("package", ["pkg_ü", "Ünïcode", "_private", "match", "typing_x"])
def test_any_importable_package_name_is_accepted(tmp_path: Path, package: str) -> None:
    (tmp_path / "errorbook.toml").write_text(f'{BASE}python-package = "src/{package}"\n')
    assert load_config(cwd=tmp_path).package_name == package


@pytest.mark.parametrize("key", ["catalog", "docs-dir", "python-package", "templates"])
def test_a_nul_in_a_path_is_a_configuration_error(tmp_path: Path, key: str) -> None:
    message = _error(tmp_path, f'{BASE}{key} = "a\\u0000b"\n')
    assert message == f"errorbook.toml: '{key}' holds a NUL character, which no path can hold"


def test_a_byte_order_mark_is_named(tmp_path: Path) -> None:
    (tmp_path / "errorbook.toml").write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'errorbook.toml'} starts with a byte order mark (BOM), which TOML does not "
        "allow: save it as UTF-8 without a BOM"
    )


def test_toml_nested_too_deeply_to_read_is_named(tmp_path: Path) -> None:
    message = _error(tmp_path, BASE + "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert message == f"{tmp_path / 'errorbook.toml'} nests arrays or tables too deeply to be read"


def test_a_huge_configuration_is_not_read(tmp_path: Path) -> None:
    message = _error(tmp_path, BASE + "# " + "x" * (1 << 20) + "\n")
    assert message == (
        f"cannot read {tmp_path / 'errorbook.toml'}: it has 1,048,620 bytes, and a "
        "configuration file may have at most 1,048,576"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_config_that_is_a_fifo_or_a_device_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.toml")
    for name, what in (("fifo.toml", "a FIFO"), ("/dev/zero", "a character device")):
        try:
            result = run(tmp_path, "validate", "--config", name)
        except subprocess.TimeoutExpired:
            pytest.fail(f"--config {name} hangs")
        assert (result.returncode, result.stderr) == (
            2,
            f"errorbook: error: cannot read {name}: it is {what}, not a TOML file\n",
        )
