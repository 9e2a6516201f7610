"""Rules that keep the generated Python package valid: the names it derives, and its headers.

Every name the generated package uses comes from the catalog mechanically (see `naming`), so a
catalog can ask for a name Python refuses or that the package already uses. Those requests are
reported here, at the entry, instead of surfacing as a broken package. `checks` runs them.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterator, Mapping, Sequence

from errorbook.check.reporter import Reporter
from errorbook.core.diagnostics import Diagnostic
from errorbook.model import STANDARD_MEMBERS, ErrorDef
from errorbook.model.naming import (
    INTEGRATIONS_PACKAGE,
    MODULE_NAMES,
    RESERVED_CLASSES,
    ROOT_NAMES,
    attribute_name,
    attribute_problem,
    class_name,
    module_name,
    python_segment,
)
from errorbook.read.yaml_source import Document, PathItem


def check_python_names(entry: ErrorDef, report: Reporter) -> None:
    """The per-entry rules: member attributes, the class name, and the headers."""
    _check_attributes(entry, report)
    _check_class_name(entry, report)
    _check_headers(entry, report)


def _check_attributes(entry: ErrorDef, report: Reporter) -> None:
    taken: dict[str, str] = {}
    for field in entry.fields:
        path: list[PathItem] = ["fields", field.name]
        attribute = attribute_name(field.name)
        other = taken.setdefault(attribute, field.name)
        if other != field.name:
            message = f"members '{other}' and '{field.name}' both become the attribute {attribute}"
            report(path, "E031", message, "rename one of them", key=True)
        if field.name in STANDARD_MEMBERS:
            continue  # E020 says it already
        problem = attribute_problem(attribute)
        if problem is not None:
            code = "E030" if keyword.iskeyword(attribute) else "E032"
            message = f"member '{field.name}' cannot be the Python attribute {attribute}: {problem}"
            report(path, code, message, "rename the member", key=True)


def _check_class_name(entry: ErrorDef, report: Reporter) -> None:
    name = class_name(entry.name)
    hint = f"rename the file {entry.name}.yaml"
    if keyword.iskeyword(name):
        report([], "E030", f"the class name {name} is a Python keyword", hint)
    elif name in RESERVED_CLASSES or (not entry.folder and name in ROOT_NAMES):
        module = (
            "module"
            if entry.folder
            else "package's root module (where entries of the catalog folder itself live)"
        )
        message = f"the class name {name} is taken: the generated {module} uses it already"
        report([], "E033", message, hint)


def _check_headers(entry: ErrorDef, report: Reporter) -> None:
    seen: dict[str, str] = {}
    for header in entry.headers:
        path: list[PathItem] = ["headers", header.name]
        if header.name.lower() == "content-type":
            hint = "remove it: errorbook sets Content-Type from the catalog's envelope"
            report(path, "E035", "Content-Type is not a header to declare", hint, key=True)
        other = seen.setdefault(header.name.lower(), header.name)
        if other != header.name:
            message = f"headers '{other}' and '{header.name}' are one header: names ignore case"
            report(path, "E035", message, "keep one of them", key=True)


def check_module_names(
    entries: Sequence[ErrorDef], documents: Mapping[str, Document]
) -> Iterator[Diagnostic]:
    """The rules across entries: every folder must be an importable, unused module name.

    A folder is reported once, at its first entry.
    """
    reported: set[str] = set()
    modules: dict[str, str] = {}
    for entry in entries:
        parts = entry.segments[:-1]
        for depth, segment in enumerate(parts):
            folder = "/".join(parts[: depth + 1])
            problem = _module_problem(python_segment(segment), "/".join(parts[:depth]) or None)
            other = modules.setdefault(module_name(folder), folder)
            if problem is None and other != folder:
                message = (
                    f"the folders {other} and {folder} both become the module {module_name(folder)}"
                )
                problem = "E023", message
            if problem is None or folder in reported:
                continue
            reported.add(folder)
            code, message = problem
            hint = f"rename the folder {folder}"
            yield Diagnostic(documents[entry.code].path, 1, 1, code, message, hint)


def _module_problem(segment: str, parent: str | None) -> tuple[str, str] | None:
    if keyword.iskeyword(segment):
        return "E030", f"the folder {segment} would be a module named like a Python keyword"
    # The subfolder's module and the name would replace each other in the parent module.
    if parent is None and segment in ROOT_NAMES:
        message = f"the folder {segment} would clash with {segment}, a name the package's"
        return "E034", message + " root module binds"
    if parent is not None and segment in MODULE_NAMES:
        message = f"the folder {parent}/{segment} would clash with {segment}, a name"
        return "E034", message + f" the module of {parent} binds"
    if parent is None and segment == INTEGRATIONS_PACKAGE:
        message = f"the folder {segment} would be the package's own {segment} subpackage"
        return "E034", message + ", which holds its web-framework adapters"
    return None
