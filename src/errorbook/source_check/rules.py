"""The rules of check-source, S001-S008: each finding is a `Diagnostic` at the exact place.

Per use (in the application's files): S001 a name the package does not have, S002 a
construction that would fail, S003 a deprecated type raised, S005 a ``lookup`` key that names
nothing. Over the whole catalog: S004 an entry the application never raises, S006 one no test
refers to. Per file: S007 a file that cannot be parsed, S008 a star import that hides names.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from errorbook.core.diagnostics import Diagnostic
from errorbook.model import ErrorDef, Field
from errorbook.model.lookup import suggest
from errorbook.model.naming import attribute_name, class_name
from errorbook.source_check.facts import Argument, FileFacts, StarImport, Use
from errorbook.source_check.package import FIELD_TYPES, STANDARD_ARGUMENTS, PackageApi, parameters
from errorbook.source_check.resolve import Entity
from errorbook.source_check.uses import Meaning


def use_problems(use: Use, meaning: Meaning, file: Path, api: PackageApi) -> Iterator[Diagnostic]:
    """S001, S002, S003 and S005 for one use in the application."""
    entity = meaning.entity
    if entity.kind == "missing" and (meaning.missing_at >= 0 or use.kind == "import"):
        line, column = use.positions[max(meaning.missing_at, 0)]
        # `from <package>.billing import CardDeclined`: the class named may exist elsewhere.
        wanted = use.origin.name if use.kind == "import" else ""
        yield _missing(entity, file, line, column, api, wanted)
    if meaning.lookup and meaning.entry is None:
        argument = use.arguments[0]
        yield _unknown_key(meaning.lookup, file, argument, api)
    if meaning.constructs and meaning.entry is not None:
        if meaning.arguments is not None:
            yield from _call_problems(use, meaning.entry, meaning.arguments, file, api)
        if meaning.entry.deprecated is not None:
            yield _deprecated(use, meaning.entry, file, api)
    elif meaning.constructs and entity.kind == "class" and meaning.arguments:
        yield from _positional(meaning.arguments, file, "Problem", "detail")  # the base class


def _missing(
    entity: Entity, file: Path, line: int, column: int, api: PackageApi, wanted: str
) -> Diagnostic:
    module, name = entity.module, entity.name
    full = api.dotted(module, name)
    if not name[:1].isupper():
        folder = "/".join(filter(None, (module.replace(".", "/"), name)))
        message = f"{full} does not exist: the catalog has no folder {folder}"
    elif api.homes(name):
        message = f"{full} does not exist: a class lives in the module of its catalog folder"
    else:
        code = "/".join(filter(None, (module.replace(".", "/"), attribute_name(name))))
        message = f"{full} does not exist: the catalog has no entry {code}"
    hint = _missing_hint(module, wanted if api.homes(wanted) else name, api)
    return Diagnostic(file, line, column, "S001", message, hint)


def _missing_hint(module: str, name: str, api: PackageApi) -> str:
    renamed = api.renamed.get((module, name))
    if renamed is not None:
        return (
            f"it was renamed: {renamed.code} keeps its former type URI as an alias; "
            f"use {api.qualified(renamed)}"
        )
    homes = api.homes(name)
    if homes:
        return f"did you mean {api.dotted(homes[0], name)}?"
    nearest = api.nearest(module, name)
    if nearest is not None:
        return f"did you mean {api.dotted(module, nearest)}?"
    everywhere = {cls: where for (where, cls) in api.classes}
    close = difflib.get_close_matches(name, list(everywhere), n=1, cutoff=0.75)
    if close:
        return f"did you mean {api.dotted(everywhere[close[0]], close[0])}?"
    return "remove the reference, or add the entry back to the catalog"


def _unknown_key(key: str, file: Path, argument: Argument, api: PackageApi) -> Diagnostic:
    message = f"lookup({key!r}) names no code, type URI or alias of the catalog"
    base = api.catalog.base_uri
    as_uri = key.startswith(base)
    close = suggest(api.catalog, key.removeprefix(base) if as_uri else key)
    if close:
        hint = f"did you mean {(base + close[0]) if as_uri else close[0]!r}?"
    else:
        hint = "lookup takes an entry's code, its type URI or a former type URI (alias)"
    return Diagnostic(file, argument.line, argument.column, "S005", message, hint)


def _call_problems(
    use: Use, entry: ErrorDef, arguments: tuple[Argument, ...], file: Path, api: PackageApi
) -> Iterator[Diagnostic]:
    name = class_name(entry.name)
    fields = parameters(entry)
    required = [attribute for attribute, field in fields.items() if field.required]
    yield from _positional(arguments, file, name, required[0] if required else "detail")
    # A positional argument, or a misspelt keyword, is reported once: not as a missing field too.
    positional = sum(1 for argument in arguments if argument.keyword is None)
    given: set[str] = set(required[:positional])
    for argument in arguments:
        keyword = argument.keyword
        if keyword is None or keyword in ("*", "**"):
            continue
        given.add(keyword)
        if keyword in fields:
            field = fields[keyword]
            allowed = FIELD_TYPES[field.type] | ({"None"} if not field.required else set())
            what = f" (the {field.type} field {field.name})"
        elif keyword in STANDARD_ARGUMENTS:
            allowed, what = STANDARD_ARGUMENTS[keyword], ""
        else:
            meant = _meant(keyword, fields)
            given.add(meant or keyword)
            yield _unknown_keyword(argument, keyword, meant, entry, file)
            continue
        if argument.literal is not None and argument.literal not in allowed:
            expected = " or ".join(sorted(allowed, key=lambda kind: (kind == "None", kind)))
            message = f"{name}: {keyword}= takes {expected}{what}, not {argument.text}"
            yield Diagnostic(file, argument.line, argument.column, "S002", message)
    if any(argument.keyword in ("*", "**") for argument in arguments):
        return  # unpacked arguments may supply anything
    yield from _missing_arguments(use, entry, given, file, arguments == ())


def _meant(keyword: str, fields: Mapping[str, Field]) -> str | None:
    """The keyword a wrong one was probably meant to be: the field whose JSON member name it
    is, or a close spelling."""
    by_member = {field.name: attribute for attribute, field in fields.items()}
    if keyword in by_member:
        return by_member[keyword]
    close = difflib.get_close_matches(keyword, [*fields, *STANDARD_ARGUMENTS], n=1)
    return close[0] if close else None


def _positional(
    arguments: Iterable[Argument], file: Path, name: str, suggestion: str
) -> Iterator[Diagnostic]:
    for argument in arguments:
        if argument.keyword is None:
            shown = argument.text or "argument"
            message = f"{name} takes keyword arguments only, not the positional {shown}"
            hint = f"name it, e.g. {suggestion}=..."
            yield Diagnostic(file, argument.line, argument.column, "S002", message, hint)


def _unknown_keyword(
    argument: Argument, keyword: str, meant: str | None, entry: ErrorDef, file: Path
) -> Diagnostic:
    name = class_name(entry.name)
    fields = parameters(entry)
    message = f"{name} has no field {keyword}"
    if meant is not None and fields.get(meant) is not None and fields[meant].name == keyword:
        hint = f"the keyword is {meant}: the JSON member {keyword} in snake_case"
    elif meant is not None:
        hint = f"did you mean {meant}?"
    elif fields:
        hint = f"its fields are {', '.join(fields)}; other members go in extensions={{...}}"
    else:
        hint = "it has no fields; other members go in extensions={...}"
    return Diagnostic(file, argument.line, argument.column, "S002", message, hint)


def _missing_arguments(
    use: Use,
    entry: ErrorDef,
    given: set[str],
    file: Path,
    bare: bool,
) -> Iterator[Diagnostic]:
    name = class_name(entry.name)
    missing = [
        attribute_name(field.name)
        for field in entry.fields
        if field.required and attribute_name(field.name) not in given
    ]
    if missing:
        listed = ", ".join(f"{attribute}=" for attribute in missing)
        if bare and use.kind == "raise":
            message = f"raise {name} constructs it without arguments, but it needs {listed}"
        else:
            message = f"{name}(...) needs {listed}: a required field is missing"
        hint = f"pass {listed.removesuffix('=')}=..."
        yield Diagnostic(file, use.line, use.column, "S002", message, hint)
    if "detail" in given:
        return
    by_name = {field.name: field for field in entry.fields}
    for placeholder in entry.placeholders:
        field = by_name.get(placeholder)
        attribute = attribute_name(placeholder)
        if field is not None and not field.required and attribute not in given:
            message = (
                f"{name}(...) needs {attribute}= or detail=: the default detail uses {placeholder}"
            )
            yield Diagnostic(file, use.line, use.column, "S002", message)


def _deprecated(use: Use, entry: ErrorDef, file: Path, api: PackageApi) -> Diagnostic:
    assert entry.deprecated is not None
    message = f"{entry.code} is deprecated since {entry.deprecated.since}"
    replacement = entry.deprecated.replaced_by
    hint = "stop raising it: the catalog names no replacement"
    if replacement is not None:
        found = api.keys.get(replacement)
        hint = f"raise {api.qualified(found) if found else replacement} instead"
    return Diagnostic(file, use.line, use.column, "S003", message, hint, "warning")


def never_raised(entry: ErrorDef, root: Path, sources: str, api: PackageApi) -> Diagnostic:
    """S004: an entry the application's source never raises or constructs."""
    message = (
        f"{entry.code} is never raised: no code in {sources} constructs {api.qualified(entry)}"
    )
    hint = (
        "raise it where the API fails this way; if something else sends it, set "
        "raised_by: external (a gateway, a proxy) or raised_by: nobody (declared, never sent)"
    )
    return Diagnostic(root / entry.source, 1, 1, "S004", message, hint, "warning")


def untested(entry: ErrorDef, root: Path, tests: str, api: PackageApi) -> Diagnostic:
    """S006: an entry that no test refers to."""
    message = f"{entry.code} is referred to by no test in {tests}"
    hint = (
        f"test the request that makes the API send it, e.g. check that "
        f"parse(response.content) is a {api.qualified(entry)}"
    )
    return Diagnostic(root / entry.source, 1, 1, "S006", message, hint, "warning")


def unparsable(facts: FileFacts) -> Diagnostic:
    """S007: a file that could not be read or parsed."""
    problem = facts.problem
    assert problem is not None
    message = f"cannot parse this file: {problem.message}"
    hint = (
        "check-source parses the code with this Python and never runs it: fix the file, or "
        "run errorbook with the Python the application targets (S004 and S006 wait for it)"
    )
    return Diagnostic(facts.path, problem.line, problem.column, "S007", message, hint)


def star_import(file: Path, star: StarImport) -> Diagnostic:
    """S008: a star import whose names check-source cannot know."""
    module = "." * star.level + star.module
    message = f"from {module} import * hides which names it brings in: they are not checked"
    hint = f"import what you use by name: from {module} import ..."
    return Diagnostic(file, star.line, star.column, "S008", message, hint, "warning")
