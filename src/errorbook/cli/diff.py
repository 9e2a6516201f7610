"""``errorbook diff``: classify the changes between two catalogs and suggest a version bump."""

from __future__ import annotations

import argparse

from errorbook.cli.common import add_config_option, emit, project_config, say

NAME = "diff"
HELP = "classify the changes between two catalogs (folders or git revisions) for semver"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument("old", nargs="?", metavar="OLD", help="a catalog folder or git revision")
    parser.add_argument("new", nargs="?", metavar="NEW", help="a catalog folder or git revision")
    parser.add_argument(
        "--against",
        metavar="REV",
        help="compare the working tree's catalog with the one at git revision REV",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="report format on stdout"
    )
    parser.add_argument(
        "--allow-breaking",
        action="store_true",
        help="exit 0 even when a change is breaking (for a major release)",
    )


def run(args: argparse.Namespace) -> int:
    from errorbook import compare, render_diagnostics, render_diff

    comparison = compare(project_config(args), args.old, args.new, args.against)
    for side in (comparison.old, comparison.new):
        for note in side.notes:
            say(f"note: {note}")
    for side in (comparison.old, comparison.new):
        if side.catalog is None:
            if side.errors:
                say(render_diagnostics(side.errors).rstrip("\n"))
            where = f"at {side.label}" if side.revision else f"in {side.label}"
            say(f"cannot compare: the catalog {where} does not load")
    if comparison.diff is None:
        return 1
    emit(render_diff(comparison.diff, comparison.old.label, comparison.new.label, args.format))
    if comparison.diff.breaking and not args.allow_breaking:
        say("breaking changes: undo them, or release a major version and pass --allow-breaking")
        return 1
    return 0
