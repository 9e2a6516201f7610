"""Read hand-written JSON strictly: only what every JSON reader takes the same way.

Python's `json.loads` is lenient where readers disagree: it takes ``NaN`` and ``Infinity``
(not JSON at all), reads ``1e999`` as infinity and keeps the last of two equal keys (RFC 8259
leaves it open). And it raises what is not a `JSONDecodeError` on input that is only big:
RecursionError for deep nesting, ValueError for integers past Python's 4,300-digit limit.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from errorbook.read.scalar_problems import MAX_INT_DIGITS, shorten

#: A JSON string, or a bare token that may be the one a hook refused.
_TOKENS = re.compile(
    r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)'
)


class NotStrictJSON(Exception):
    """What is wrong with the text ('is not JSON: ...'), how to fix it, and its line if known."""

    def __init__(self, problem: str, hint: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.problem, self.hint, self.line = problem, hint, line
        #: The bare token a hook refused, to find its line once parsing has stopped.
        self.token: str | None = None


def read_strict_json(text: str) -> Any:
    """The value of ``text``, or `NotStrictJSON` saying what is wrong and how to fix it."""
    try:
        return json.loads(
            text,
            parse_constant=_constant,
            parse_int=_integer,
            parse_float=_number,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as error:
        hint = "write the body as strict JSON, or give the example another lang"
        raise NotStrictJSON(f"is not JSON: {error.msg}", hint, error.lineno) from None
    except RecursionError:
        hint = "a response body needs a few levels of nesting at most; flatten it"
        raise NotStrictJSON("is nested too deeply to read", hint) from None
    except NotStrictJSON as error:
        if error.token is not None:
            error.line = _line_of(text, error.token)
        raise


def _refuse(problem: str, hint: str, token: str | None = None) -> NotStrictJSON:
    error = NotStrictJSON(problem, hint)
    error.token = token
    return error


def _constant(name: str) -> Any:
    hint = "JSON has no NaN or Infinity: write null, a number or a string"
    raise _refuse(f"is not strict JSON: {name} is not a JSON value", hint, name)


def _integer(digits: str) -> int:
    count = len(digits.lstrip("-"))
    if count > MAX_INT_DIGITS:
        problem = (
            f"has a number of {count:,} digits, more than the {MAX_INT_DIGITS:,} errorbook reads"
        )
        raise _refuse(problem, "no response needs such a number; shorten it", digits)
    return int(digits)


def _number(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        problem = f"has a number too large to read: {shorten(text)} becomes infinity"
        raise _refuse(problem, "write a smaller number, or a string", text)
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            name = shorten(json.dumps(key))
            problem = f"is not strict JSON: the key {name} appears twice in one object"
            raise _refuse(problem, "readers differ in which value they keep; keep one")
        result[key] = value
    return result


def _line_of(text: str, token: str) -> int | None:
    # The hooks get no position; the first bare token equal to the refused one is the one the
    # parser met first, since everything before it parsed.
    for match in _TOKENS.finditer(text):
        if match.group(1) == token:
            return text.count("\n", 0, match.start()) + 1
    return None
