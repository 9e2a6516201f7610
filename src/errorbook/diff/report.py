"""Render a catalog diff: readable text, or JSON for tools."""

from __future__ import annotations

from errorbook.core.serialize import dump_json
from errorbook.diff.changes import SEVERITIES, CatalogDiff

_WHOLE_CATALOG = "(catalog)"


def render_text(diff: CatalogDiff, old: str, new: str) -> str:
    """One line per change, most severe first, each hint indented below it, then a summary.

    Args:
        diff: The classified changes.
        old: What the old catalog was, e.g. ``HEAD~1``.
        new: What the new catalog was, e.g. ``the working tree``.
    """
    lines: list[str] = []
    for change in diff.changes:
        code = change.code or _WHOLE_CATALOG
        lines.append(f"{code}: {change.severity}: {change.message} [{change.kind}]")
        if change.hint:
            lines.append(f"    hint: {change.hint}")
    lines.append(summarize(diff, old, new))
    return "\n".join(lines) + "\n"


def summarize(diff: CatalogDiff, old: str, new: str) -> str:
    """A one-line count with the suggested version bump."""
    if not diff.changes:
        return f"no changes from {old} to {new}: no version bump needed"
    counts = ", ".join(
        f"{n} {severity}s" if severity == "warning" and n > 1 else f"{n} {severity}"
        for severity, n in diff.counts.items()
        if n
    )
    noun = "change" if len(diff.changes) == 1 else "changes"
    return (
        f"{len(diff.changes)} {noun} ({counts}) from {old} to {new}: "
        f"suggested version bump: {diff.bump}"
    )


def render_json(diff: CatalogDiff, old: str, new: str) -> str:
    """A JSON object: ``old``, ``new``, ``bump``, ``counts`` and the list of ``changes``."""
    report = {
        "old": old,
        "new": new,
        "bump": diff.bump,
        "breaking": diff.breaking,
        "counts": {severity: diff.counts[severity] for severity in SEVERITIES},
        "changes": [
            {
                "code": change.code,
                "severity": change.severity,
                "kind": change.kind,
                "message": change.message,
                "hint": change.hint,
            }
            for change in diff.changes
        ],
    }
    return dump_json(report)


def render_diff(diff: CatalogDiff, old: str, new: str, output: str = "text") -> str:
    """The diff as readable ``text`` or as ``json`` for tools (see `render_text`)."""
    return render_json(diff, old, new) if output == "json" else render_text(diff, old, new)
