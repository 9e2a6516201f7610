"""E037: the configuration's ``problems`` table must name entries the adapters can build.

Each code it names must be an entry of the catalog, of the status its key names (any 4xx for
``validation``), that the adapters can construct from a framework error alone (see
`errorbook.model.integrations`). Findings are located at the value in the configuration file.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator, Sequence

from errorbook.core.diagnostics import Diagnostic
from errorbook.model import ErrorDef
from errorbook.model.integrations import mapping_problem
from errorbook.read.config import Config
from errorbook.read.toml_positions import key_position

_TABLE = "problems"


def check_problem_map(
    config: Config, entries: Sequence[ErrorDef], unread: Collection[str] = ()
) -> Iterator[Diagnostic]:
    """E037 for every ``problems`` value that names no entry, or one the adapters cannot use.

    Args:
        config: The configuration, with its ``problems`` table.
        entries: Every entry that passed the schema.
        unread: Codes of files that could not be read at all: their own errors are reported,
            so a mapping that names one is not.
    """
    by_code = {entry.code: entry for entry in entries}
    table = ("tool", "errorbook", _TABLE) if config.source.name == "pyproject.toml" else (_TABLE,)
    for key, code in config.problems:
        entry = by_code.get(code)
        if entry is None and code in unread:
            continue
        name = f"{_TABLE}.{key}" if key.isidentifier() else f'{_TABLE}."{key}"'
        if entry is None:
            guess = difflib.get_close_matches(code, list(by_code), n=1)
            message = f"{name} names {code}, which no entry of the catalog has"
            hint = f"did you mean {guess[0]}?" if guess else "name the code of a catalog entry"
        else:
            problem = mapping_problem(key, entry)
            if problem is None:
                continue
            message = f"{name} names {code}, {problem}"
            hint = "map an entry the adapters can build from the framework's error alone"
        line, column = key_position(config.source, table, key)
        yield Diagnostic(config.source, line, column, "E037", message, hint)
