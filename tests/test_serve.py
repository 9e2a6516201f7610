"""`errorbook serve` refuses an address it cannot listen on with one line, before MkDocs starts."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from errorbook.docs import site as mkdocs_site

MKDOCS = "site_name: Errors\nsite_url: https://errors.example.com/\nplugins:\n  - errorbook\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "errorbook.toml").write_text('base-uri = "https://errors.example.com/"\n')
    (tmp_path / "mkdocs.yml").write_text(MKDOCS)
    assert run_cli(["new", "shop/order_not_found"], tmp_path).exit_code == 0

    def never(*args: Any, **kwargs: Any) -> None:  # a started server would block the test
        pytest.fail("MkDocs was asked to serve on an address that cannot work")

    monkeypatch.setattr(mkdocs_site, "mkdocs_serve", never)
    return tmp_path


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield int(server.getsockname()[1])


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("127.0.0.1:99999", "cannot listen on 127.0.0.1:99999: the port must be between 0 and"),
        ("127.0.0.1:-1", "cannot listen on 127.0.0.1:-1: the port must be between 0 and 65535"),
        ("192.0.2.1:8000", "cannot listen on 192.0.2.1:8000: Cannot assign requested address; "),
    ],
)
def test_an_address_that_cannot_work_is_a_usage_error(
    project: Path, address: str, message: str
) -> None:
    result = run_cli(["serve", "--dev-addr", address], project)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"errorbook: error: {message}")


def test_a_port_in_use_is_a_usage_error(project: Path, busy_port: int) -> None:
    result = run_cli(["serve", "--dev-addr", f"127.0.0.1:{busy_port}"], project)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"errorbook: error: cannot listen on 127.0.0.1:{busy_port}: Address already in use; "
        "another program listens there: stop it, or choose another --dev-addr"
    )


def test_a_free_address_is_handed_to_mkdocs(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[str | None] = []
    monkeypatch.setattr(mkdocs_site, "mkdocs_serve", lambda _, **kw: served.append(kw["dev_addr"]))
    assert run_cli(["serve", "--dev-addr", "127.0.0.1:0"], project).exit_code == 0
    assert served == ["127.0.0.1:0"]


def test_a_bare_port_is_a_port_on_localhost(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[str | None] = []
    monkeypatch.setattr(mkdocs_site, "mkdocs_serve", lambda _, **kw: served.append(kw["dev_addr"]))
    assert run_cli(["serve", "--dev-addr", "0"], project).exit_code == 0
    assert served == ["127.0.0.1:0"]


def test_a_busy_port_is_refused_before_anything_is_regenerated(
    project: Path, busy_port: int
) -> None:
    result = run_cli(["serve", "--dev-addr", str(busy_port)], project)
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{busy_port}: Address already in use" in result.stderr
    assert "generated files" not in result.stderr
    assert not (project / "docs").exists()
