"""Diagnostics as data: one record type, collected across the catalog, rendered at the end."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from errorbook.core.escape import terminal_text
from errorbook.core.serialize import dump_json
from errorbook.speed.pickling import Record

Severity = Literal["error", "warning"]
OutputFormat = Literal["text", "json", "github"]

#: Stable diagnostic codes, so docs and tests can refer to a rule by name.
RULES: dict[str, str] = {
    "E001": "yaml-syntax",
    "E002": "duplicate-key",
    "E003": "yaml-anchor",
    "E004": "yaml-tag",
    "E005": "invalid-utf8",
    "E006": "empty-file",
    "E007": "not-a-mapping",
    "E008": "too-deep",
    "E009": "file-too-large",
    "E010": "unknown-key",
    "E011": "missing-key",
    "E012": "wrong-type",
    "E013": "invalid-value",
    "E014": "bad-code",
    "E015": "duplicate-type-uri",
    "E016": "unknown-related",
    "E017": "unknown-replacement",
    "E018": "undeclared-placeholder",
    "E019": "bad-placeholder",
    "E020": "reserved-member",
    "E021": "internal-member",
    "E022": "example-type",
    "E023": "name-collision",
    "E024": "empty-catalog",
    "E025": "self-reference",
    "E026": "broken-link",
    "E027": "not-a-file",
    "E030": "python-keyword",
    "E031": "attribute-collision",
    "E032": "reserved-attribute",
    "E033": "reserved-class-name",
    "E034": "reserved-module-name",
    "E035": "header-clash",
    "E036": "header-value",
    "E037": "problem-mapping",
    "E040": "page-collision",
    "E050": "example-not-json",
    "E051": "example-response-mismatch",
    "W001": "todo-marker",
    "W002": "missing-example",
    "W003": "duplicate-summary",
    "W004": "empty-section",
    "W005": "missing-header",
    "W006": "redundant-type",
    "W007": "site-url-mismatch",
    "W008": "optional-placeholder",
    "W009": "type-elsewhere",
    "S001": "unknown-name",
    "S002": "bad-construction",
    "S003": "deprecated-raised",
    "S004": "never-raised",
    "S005": "unknown-lookup",
    "S006": "untested",
    "S007": "source-syntax",
    "S008": "star-import",
}


@dataclass(frozen=True, slots=True)
class Diagnostic(Record):
    """One finding about one place in a catalog file.

    Attributes:
        path: The file, as given to the loader (usually absolute).
        line: 1-based line of the offending key or item.
        column: 1-based column.
        code: A key of `RULES`, e.g. ``E010``.
        message: What is wrong, in one line.
        hint: How to fix it, or ``None``.
        severity: ``error`` or ``warning``.
    """

    path: Path
    line: int
    column: int
    code: str
    message: str
    hint: str | None = None
    severity: Severity = "error"

    @property
    def rule(self) -> str:
        """The rule's name, e.g. ``unknown-key``."""
        return RULES[self.code]

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (str(self.path), self.line, self.column, self.code, self.message)


def to_record(diagnostic: Diagnostic) -> list[object]:
    """The diagnostic as JSON values, for the nothing-changed record to replay."""
    d = diagnostic
    return [str(d.path), d.line, d.column, d.code, d.message, d.hint, d.severity]


def from_record(record: object) -> Diagnostic | None:
    """The diagnostic `to_record` gave; None when ``record`` is not one."""
    if not isinstance(record, list) or len(record) != 7:
        return None
    path, line, column, code, message, hint, severity = record
    if not (
        isinstance(path, str)
        and isinstance(line, int)
        and isinstance(column, int)
        and code in RULES
        and isinstance(message, str)
        and (hint is None or isinstance(hint, str))
        and severity in ("error", "warning")
    ):
        return None
    return Diagnostic(Path(path), line, column, code, message, hint, severity)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Order by file, line, column; drop exact repeats."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def promote_warnings(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Turn every warning into an error (``--strict``)."""
    return [replace(d, severity="error") for d in diagnostics]


def count_errors(diagnostics: Iterable[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if d.severity == "error")


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path relative to the working directory when it lies below it, else as given."""
    base = cwd or Path.cwd()
    try:
        return (
            Path(os.path.relpath(path, base)).as_posix() if path.is_absolute() else path.as_posix()
        )
    except ValueError:  # another drive on Windows
        return path.as_posix()


def render_text(diagnostics: Sequence[Diagnostic], cwd: Path | None = None) -> str:
    """``PATH:LINE:COL: error: MESSAGE`` lines with indented hints, then a summary line.

    A hint is printed once per file: fifteen TODO markers in a new entry need one "replace the
    placeholder" (JSON and GitHub output keep every hint, for tools).

    Messages quote catalog text, so each line is escaped for a terminal, line breaks included.
    """
    lines: list[str] = []
    hinted: set[tuple[Path, str]] = set()
    for d in diagnostics:
        where = f"{display_path(d.path, cwd)}:{d.line}:{d.column}"
        line = f"{where}: {d.severity}: {d.message} [{d.code} {d.rule}]"
        lines.append(terminal_text(line, one_line=True))
        if d.hint and (d.path, d.hint) not in hinted:
            hinted.add((d.path, d.hint))
            lines.append("    hint: " + terminal_text(d.hint, one_line=True))
    lines.append(summarize(diagnostics))
    return "\n".join(lines) + "\n"


def summarize(diagnostics: Sequence[Diagnostic]) -> str:
    """A one-line count, e.g. ``3 errors and 1 warning in 2 files``."""
    errors = count_errors(diagnostics)
    warnings = len(diagnostics) - errors
    files = len({d.path for d in diagnostics})
    parts = [_plural(errors, "error")] if errors else []
    if warnings:
        parts.append(_plural(warnings, "warning"))
    if not parts:
        return "no problems found"
    return f"{' and '.join(parts)} in {_plural(files, 'file')}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def render_json(diagnostics: Sequence[Diagnostic], cwd: Path | None = None) -> str:
    """A JSON list of objects, one per diagnostic."""
    records = [
        {
            "path": display_path(d.path, cwd),
            "line": d.line,
            "column": d.column,
            "severity": d.severity,
            "code": d.code,
            "rule": d.rule,
            "message": d.message,
            "hint": d.hint,
        }
        for d in diagnostics
    ]
    return dump_json(records)


def render_github(diagnostics: Sequence[Diagnostic], cwd: Path | None = None) -> str:
    """GitHub Actions workflow commands (``::error file=...``), one per diagnostic."""
    lines = []
    for d in diagnostics:
        text = terminal_text(d.message + (f" (hint: {d.hint})" if d.hint else ""))
        props = (
            f"file={_escape_property(terminal_text(display_path(d.path, cwd)))},"
            f"line={d.line},col={d.column},"
            f"title={_escape_property(f'{d.code} {d.rule}')}"
        )
        lines.append(f"::{d.severity} {props}::{_escape_data(text)}")
    return "".join(line + "\n" for line in lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}


def render_diagnostics(
    diagnostics: Sequence[Diagnostic], output: OutputFormat = "text", cwd: Path | None = None
) -> str:
    """The diagnostics as ``text`` (one ``path:line:col: ...`` line each, then hints and a
    summary), a ``json`` list, or ``github`` Actions annotations; paths relative to ``cwd``."""
    return RENDERERS[output](diagnostics, cwd)
