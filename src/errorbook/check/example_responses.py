"""Hand-written response examples must agree with their type: E050 and E051.

An entry may show a response body in ``examples`` (``kind: response``, ``lang: json``), e.g. to
show a filled ``errors`` array. Such a body is typed by hand, so it can drift from the entry:
the wrong status, a type URI that does not exist, a missing member. Each one is parsed and
validated against the type's schema in the catalog's envelope, as the site publishes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from errorbook.check.strict_validator import strict_validator
from errorbook.core.diagnostics import Diagnostic
from errorbook.model import Envelope, ErrorDef
from errorbook.model.body_schema import envelope, problem_object
from errorbook.read.strict_json import NotStrictJSON, read_strict_json
from errorbook.read.yaml_source import Document, locate

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


def check_example_responses(
    entry: ErrorDef, document: Document, kind: Envelope
) -> Iterator[Diagnostic]:
    """Diagnostics for every JSON response example of the entry that is not a valid body.

    Args:
        entry: The entry whose examples are checked.
        document: Its source, to locate the examples.
        kind: The catalog's envelope; a body is checked inside it.
    """
    validator: Draft202012Validator | None = None
    for index, example in enumerate(entry.examples):
        if example.kind != "response" or example.lang.lower() != "json":
            continue
        where = locate(document, ["examples", index, "code"])
        try:
            body = read_strict_json(example.code)
        except NotStrictJSON as error:
            line = f" (line {error.line})" if error.line is not None else ""
            message = f"the response example {error.problem}{line}"
            yield Diagnostic(document.path, where.line, where.column, "E050", message, error.hint)
            continue
        validator = validator or strict_validator(
            envelope(kind, problem_object(entry)), formats=True
        )
        problem = _best_match(validator, body)
        if problem is not None:
            at = "/".join(str(part) for part in problem.absolute_path) or "the body"
            message = f"the response example does not match {entry.code}: {at}: {problem.message}"
            hint = (
                "fix the example, or drop it: every page shows a response rendered from the entry"
            )
            yield Diagnostic(document.path, where.line, where.column, "E051", message, hint)


def _best_match(validator: Draft202012Validator, body: object) -> ValidationError | None:
    from jsonschema.exceptions import best_match

    match: ValidationError | None = best_match(validator.iter_errors(body))
    return match
