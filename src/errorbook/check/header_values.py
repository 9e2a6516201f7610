"""E036: header values that HTTP can carry, written in the entry or filled in from a field.

A header value is visible ASCII, spaces and tabs, without a space or tab at either end (RFC 9110
§5.5: fields SHOULD be US-ASCII, and a recipient drops the whitespace at the ends). Bytes above
0x7F are obsolete there and read as Latin-1 by some clients and as UTF-8 by others, so errorbook
refuses them too: text beyond ASCII must be encoded into the value (RFC 8187's ``*=UTF-8''``).
A field that fills a placeholder is checked by its example when it is a string; any other type
is sent as ASCII JSON.
"""

from __future__ import annotations

import re
import string

from errorbook.check.reporter import Reporter
from errorbook.model import ErrorDef
from errorbook.read.yaml_source import PathItem

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_HINT = (
    "a header value is visible ASCII text, spaces and tabs (RFC 9110 §5.5); encode other "
    "text into it, e.g. as RFC 8187 does"
)
_FIELD_HINT = (
    "the header carries the field's value as it is: give an example in visible ASCII, spaces "
    "and tabs (RFC 9110 §5.5)"
)


def check_header_values(entry: ErrorDef, report: Reporter) -> None:
    """E036 for each header value HTTP cannot carry, and each string example that feeds one."""
    examples = {
        field.name: field.example
        for field in entry.fields
        if field.type == "string" and isinstance(field.example, str)
    }
    fed: set[str] = set()
    for header in entry.headers:
        if header.value is None:
            continue
        path: list[PathItem] = ["headers", header.name, "value"]
        parts = _parts(header.value)
        literal = "".join(text for text, _ in parts)
        _check_text(report, path, f"the value of {header.name}", literal)
        # Only literal text at either end: a field's value there is the runtime's business.
        first, last = parts[0], parts[-1]
        if first[0].startswith((" ", "\t")) or (last[1] is None and last[0].endswith((" ", "\t"))):
            message = f"the value of {header.name} starts or ends with a space or tab"
            hint = "remove the space or tab: HTTP drops whitespace at either end of a value"
            report(path, "E036", message, hint)
        for _, name in parts:
            if name in examples and name not in fed:
                fed.add(name)
                what = f"the example of {name}, which fills the header {header.name},"
                _check_text(report, ["fields", name, "example"], what, examples[name])


def _parts(template: str) -> list[tuple[str, str | None]]:
    """Each literal text of a header template and the field after it (E019: a broken one)."""
    try:
        parts = [(text, name) for text, name, _, _ in string.Formatter().parse(template)]
    except ValueError:
        return [(template, None)]
    return parts or [("", None)]


def _check_text(report: Reporter, path: list[PathItem], what: str, text: str) -> None:
    if _CONTROL.search(text):
        hint = "a header value is one line of text; write it without escapes like \\n"
        report(path, "E036", f"{what} holds a line break or control character", hint)
    elif match := _NOT_ASCII.search(text):
        char = match.group(0)
        message = f"{what} holds {char!r} (U+{ord(char):04X}), which HTTP cannot carry"
        hint = _FIELD_HINT if path[0] == "fields" else _HINT
        report(path, "E036", message, hint)
