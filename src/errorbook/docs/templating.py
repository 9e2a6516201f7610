"""The strict Jinja environment of the documentation pages, and the one place templates run.

Project overrides are code the user wrote, so anything a template can do wrong (bad syntax,
an unknown filter, ``{{ 1/0 }}``, a file that is not UTF-8, a template that includes itself)
surfaces here as one `TemplateError` naming the file and line, never as a traceback.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from errorbook.core import escape
from errorbook.core.diagnostics import display_path
from errorbook.core.errors import TemplateError, first_bad_byte

if TYPE_CHECKING:
    import jinja2

#: The default page templates; projects and overrides name them ``docs/<name>``.
PACKAGED_TEMPLATES = Path(__file__).parent / "templates"
T = TypeVar("T")


def environment(overrides: Path | None) -> jinja2.Environment:
    """The strict Jinja environment: project overrides first, then the packaged defaults.

    Markdown is rendered without autoescaping (the views escape catalog text for the spot it
    lands in); only ``*.html.j2`` templates escape HTML. The filters ``plain_text``,
    ``callout_title`` and ``inline_code`` escape text a template combines itself.
    """
    # Imported here: a generate run with nothing to do never renders.
    import jinja2

    packaged = jinja2.PrefixLoader({"docs": jinja2.FileSystemLoader(PACKAGED_TEMPLATES)})
    loaders: list[jinja2.BaseLoader] = []
    if overrides is not None:
        loaders.append(_checked_loader(overrides))
    loaders += [packaged, jinja2.PrefixLoader({"errorbook": packaged})]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment serves one run; checking each template's file for changes before
        # every page would cost a system call per page.
        auto_reload=False,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
    )
    # For text a template puts together itself from catalog values (see the README).
    env.filters.update(
        plain_text=escape.markdown_text,
        callout_title=escape.admonition_title,
        inline_code=escape.code_text,
    )
    return env


def load(env: jinja2.Environment, name: str) -> jinja2.Template:
    """The compiled template ``name``.

    Raises:
        TemplateError: It, or a template it imports, cannot be read or compiled.
    """
    return _guarded(name, lambda: env.get_template(name))


def render(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Template ``name`` rendered with ``context``.

    Raises:
        TemplateError: The template cannot be read or compiled, or raised while rendering.
    """
    return _guarded(name, lambda: env.get_template(name).render(context))


def _guarded(name: str, run: Callable[[], T]) -> T:
    import jinja2

    try:
        return run()
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as error:  # also TemplateAssertionError: unknown filter
        where = f"{_shown(error.filename or error.name or name)}:{error.lineno}"
        raise TemplateError(f"{where}: template syntax error: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"template {error.name} not found (needed to render {name})") from None
    except jinja2.TemplateError as error:
        raise TemplateError(f"{_template_frame(error, name)}: {error.message}") from None
    except RecursionError as error:
        raise TemplateError(
            f"{_template_frame(error, name)}: templates include or extend each other without "
            "end; a project template that replaces a default must extend it as "
            "errorbook/docs/<name>"
        ) from None
    except Exception as error:  # template code is user code: whatever it raises is theirs
        raise TemplateError(
            f"{_template_frame(error, name)}: the template failed: {type(error).__name__}: {error}"
        ) from None


def _checked_loader(folder: Path) -> jinja2.BaseLoader:
    """A loader for the project's folder that names the file it cannot read."""
    import jinja2

    class Loader(jinja2.FileSystemLoader):
        def get_source(
            self, environment: jinja2.Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            try:
                return super().get_source(environment, template)
            except jinja2.TemplateNotFound:  # an OSError too, but the next loader may have it
                raise
            except UnicodeDecodeError as error:
                raise TemplateError(
                    f"{_shown(str(folder / template))}: not UTF-8 text "
                    f"({first_bad_byte(error)}): save the template as UTF-8"
                ) from None
            except OSError as error:
                raise TemplateError(
                    f"{_shown(str(folder / template))}: cannot read the template: "
                    f"{error.strerror or error}"
                ) from None

    return Loader(folder)


def _template_frame(error: BaseException, name: str) -> str:
    """``file:line`` of the innermost template line that raised, for a message without traceback."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
    if not frames:
        return name
    frame = frames[-1]
    return f"{_shown(frame.filename)}:{frame.lineno}"


def _shown(filename: str) -> str:
    return display_path(Path(filename)) if Path(filename).is_absolute() else filename
