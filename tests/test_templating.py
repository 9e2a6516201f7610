"""Template overrides are user code: whatever goes wrong in them is a TemplateError, not a crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

import jinja2.loaders
import pytest

from errorbook.core.errors import TemplateError
from errorbook.docs.templating import environment, load, render


def _override(tmp_path: Path, text: str, name: str = "page.md.j2") -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{% if %}", ":1: template syntax error: Expected an expression"),
        ("{{ x | nosuchfilter }}", ":1: template syntax error: No filter named 'nosuchfilter'"),
        ('\n{{ "a" + 1 }}', ":2: the template failed: TypeError: can only concatenate str"),
        ('{{ "%s %s" % (1,) }}', ":1: the template failed: TypeError: not enough arguments"),
        ("{{ 1/0 }}", ":1: the template failed: ZeroDivisionError: division by zero"),
        ('{% include "docs/page.md.j2" %}', ":1: templates include or extend each other"),
    ],
)
def test_broken_overrides_raise_template_errors(tmp_path: Path, text: str, message: str) -> None:
    env = environment(_override(tmp_path, text))
    with pytest.raises(TemplateError, match=r"page\.md\.j2") as caught:
        render(env, "docs/page.md.j2", {"x": 1})
    assert message in str(caught.value)


def test_an_unreadable_override_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = environment(_override(tmp_path, "fine"))

    def refuse(*args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jinja2.loaders, "open", refuse, raising=False)
    with pytest.raises(TemplateError, match=r"page\.md\.j2: cannot read the template: Permission"):
        load(env, "docs/page.md.j2")


def test_a_missing_override_falls_back_to_the_packaged_template(tmp_path: Path) -> None:
    env = environment(tmp_path)
    assert load(env, "docs/error.md.j2").filename is not None
    with pytest.raises(TemplateError, match=r"template docs/nope\.md\.j2 not found"):
        load(env, "docs/nope.md.j2")
