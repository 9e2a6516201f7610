"""Renderers of the one diagnostic type."""

from __future__ import annotations

import json
from pathlib import Path

from errorbook.core.diagnostics import (
    RULES,
    Diagnostic,
    render_github,
    render_json,
    render_text,
    summarize,
)

D = Diagnostic(Path("/p/catalog/a.yaml"), 3, 7, "E010", "unknown key 'x,y'", "100% sure:\nyes")


def test_text_is_path_line_col_severity_message_then_hint_then_summary() -> None:
    text = render_text([D], cwd=Path("/p"))
    assert text.splitlines() == [
        "catalog/a.yaml:3:7: error: unknown key 'x,y' [E010 unknown-key]",
        "    hint: 100% sure:\\nyes",  # one line per record: hints may quote catalog text
        "1 error in 1 file",
    ]


def test_github_annotations_escape_data_and_properties() -> None:
    line = render_github([D], cwd=Path("/p")).strip()
    assert line.startswith("::error file=catalog/a.yaml,line=3,col=7,title=E010 unknown-key::")
    assert "100%25 sure:%0Ayes" in line
    assert "\n" not in line


def test_json_is_a_list_of_records() -> None:
    records = json.loads(render_json([D], cwd=Path("/p")))
    assert records == [
        {
            "path": "catalog/a.yaml",
            "line": 3,
            "column": 7,
            "severity": "error",
            "code": "E010",
            "rule": "unknown-key",
            "message": "unknown key 'x,y'",
            "hint": "100% sure:\nyes",
        }
    ]


def test_summary_counts_errors_warnings_and_files() -> None:
    warning = Diagnostic(Path("b.yaml"), 1, 1, "W001", "m", severity="warning")
    assert summarize([D, warning, warning]) == "1 error and 2 warnings in 2 files"
    assert summarize([]) == "no problems found"


def test_rule_codes_are_unique_and_named() -> None:
    assert len(set(RULES.values())) == len(RULES)
    assert all(code[0] in "EWS" and code[1:].isdigit() for code in RULES)


def test_every_rule_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [code for code, rule in RULES.items() if f"| {code} | {rule} |" not in readme]
    assert missing == []
