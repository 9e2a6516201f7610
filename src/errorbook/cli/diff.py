"""``errorbook diff``: classify the changes between two catalogs and suggest a version bump."""

from __future__ import annotations

import argparse
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from errorbook.cli.common import add_config_option, emit, print_diagnostics, project_config
from errorbook.config import Config
from errorbook.diagnostics import Diagnostic
from errorbook.diff import diff_catalogs
from errorbook.diff_report import render_json, render_text
from errorbook.errors import UsageError
from errorbook.load import load_catalog
from errorbook.model import Catalog
from errorbook.revision import snapshot

NAME = "diff"
HELP = "classify the changes between two catalogs (folders or git revisions) for semver"
WORKING_TREE = "the working tree"

#: A catalog to compare: its configuration, how the report names it, and for a revision the
#: folder that stands for the repository's top level.
_Side = tuple[Config, str, Path | None]


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
    sides = [side for side in (args.old, args.new) if side is not None]
    if args.against is not None and sides:
        raise UsageError("give either OLD NEW or --against REV, not both")
    if args.against is None and len(sides) != 2:
        raise UsageError("give two catalogs to compare (OLD NEW), or --against REV")
    config = project_config(args)
    with ExitStack() as stack:
        if args.against is not None:
            old = _revision(config, args.against, stack)
            new: _Side = (config, WORKING_TREE, None)
        else:
            old, new = (_side(config, side, stack) for side in sides)
        before, after = _load(*old), _load(*new)
        if before is None or after is None:
            return 1
    diff = diff_catalogs(before, after)
    render = render_json if args.format == "json" else render_text
    emit(render(diff, old[1], new[1]))
    if diff.breaking and not args.allow_breaking:
        print(
            "breaking changes: undo them, or release a major version and pass --allow-breaking",
            file=sys.stderr,
        )
        return 1
    return 0


def _side(config: Config, given: str, stack: ExitStack) -> _Side:
    """A folder is a catalog folder; anything else must be a git revision."""
    if Path(given).is_dir():
        return replace(config, catalog=Path(given).resolve()), given, None
    try:
        return _revision(config, given, stack)
    except UsageError as error:
        message = f"{given!r} is neither a catalog folder nor a git revision ({error})"
        raise UsageError(message) from None


def _revision(config: Config, revision: str, stack: ExitStack) -> _Side:
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="errorbook-diff-")))
    taken = snapshot(config, revision, folder)
    if taken.note:
        print(f"note: {revision}: {taken.note}", file=sys.stderr)
    return taken.config, revision, taken.root


def _load(config: Config, label: str, root: Path | None) -> Catalog | None:
    """The catalog, also when only catalog-wide rules fail: they do not change an entry."""
    result = load_catalog(config)
    if result.catalog is not None:
        return result.catalog
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if root is not None:  # name files by revision and repository path, not the temporary copy
        errors = [_at_revision(d, label, root) for d in errors]
    if result.files and len(result.entries) == result.files:
        rules = ", ".join(sorted({d.code for d in errors}))
        count = f"{len(errors)} error" + ("s" if len(errors) != 1 else "")
        print(
            f"note: {label}: the catalog has {count} under today's rules ({rules}), "
            "but every entry reads, so they are compared",
            file=sys.stderr,
        )
        return Catalog(config.base_uri, config.envelope, result.entries)
    print_diagnostics(errors)
    where = f"at {label}" if root is not None else f"in {label}"
    print(f"cannot compare: the catalog {where} does not load", file=sys.stderr)
    return None


def _at_revision(diagnostic: Diagnostic, revision: str, root: Path) -> Diagnostic:
    try:
        relative = diagnostic.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return diagnostic
    return replace(diagnostic, path=Path(f"{revision}:{relative}"))
