"""jsonschema validators for errorbook's own checks, where "integer" means a Python int.

JSON Schema counts a number with a zero fraction as an integer, so plain jsonschema accepts
``status: 404.0`` and the generated package then says ``status = 404.0``. errorbook's values
come from YAML and JSON, which tell 404 from 404.0, and what errorbook writes from them must be
a real integer. The compiled fast check (`compiled_schema`) already reads types this way.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.protocols import Validator


def strict_validator(schema: Mapping[str, Any], *, formats: bool = False) -> Draft202012Validator:
    """A Draft 2020-12 validator of ``schema`` whose "integer" refuses floats and booleans.

    Args:
        schema: The schema.
        formats: Whether ``format`` is asserted (with jsonschema's FormatChecker).
    """
    # Imported here: a run that validates nothing slowly never needs jsonschema.
    from jsonschema import FormatChecker

    return _strict_class()(schema, format_checker=FormatChecker() if formats else None)


@cache
def _strict_class() -> type[Draft202012Validator]:
    from jsonschema import Draft202012Validator, validators

    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)
    # types-jsonschema leaves extend untyped; it returns a class with Draft202012Validator's API.
    extended: type[Validator] = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, type_checker=checker
    )
    return cast("type[Draft202012Validator]", extended)


def _is_integer(checker: object, instance: object) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)
