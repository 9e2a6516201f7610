"""The entry as templates see it (``entry``): the same `ErrorDef`, its catalog text escaped.

A project template may print ``{{ entry.title }}`` or ``{{ entry.fixes[0].text }}`` anywhere in
a page's Markdown and stay safe: plain-text values are escaped as plain text (code samples too,
on one line: `EntryPage` has them fenced), Markdown values are rewritten by the Markdown policy
in the form that is safe anywhere (fenced code as plain ``<pre>``; `EntryPage.description` is
the description for the page's left margin), and a field's example is its JSON as plain text.
Codes are identifiers (``[a-z][a-z0-9_]*`` segments) and stay as they are; so do ``related``
and ``replaced_by``. Front matter values come from the page view, which writes them as YAML.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from errorbook.docs.page_text import SiteText
from errorbook.model import ErrorDef, Property, Shape, Step

#: What templates read of `EntryView` without escaping: identifiers and numbers.
_AS_IS = frozenset({"code", "segments", "folder", "name", "status", "related"})


class EntryView:
    """The ``entry`` templates see: `escaped_entry`, computed only when a template reads a
    value that needs escaping (the default error page reads only codes and the status)."""

    __slots__ = ("_entry", "_escaped", "_text")

    def __init__(self, entry: ErrorDef, text: SiteText) -> None:
        self._entry = entry
        self._text = text
        self._escaped: ErrorDef | None = None

    def __getattr__(self, name: str) -> Any:
        if name in _AS_IS:
            return getattr(self._entry, name)
        if self._escaped is None:
            self._escaped = escaped_entry(self._entry, self._text)
        return getattr(self._escaped, name)


def escaped_entry(entry: ErrorDef, text: SiteText) -> ErrorDef:
    """``entry`` with its text escaped by ``text`` (the site's policy, or the terminal's)."""
    plain, markdown = text.plain, text.markdown
    deprecated = entry.deprecated
    return replace(
        entry,
        type_uri=plain(entry.type_uri),
        title=plain(entry.title),
        detail=plain(entry.detail),
        summary=text.summary(entry.summary),
        description=markdown(entry.description),
        causes=tuple(markdown(cause) for cause in entry.causes),
        fixes=tuple(_step(step, text) for step in entry.fixes),
        mistakes=tuple(_step(step, text) for step in entry.mistakes),
        source=plain(entry.source),
        fields=tuple(
            replace(
                field,
                description=markdown(field.description),
                example=plain(json.dumps(field.example, ensure_ascii=False)),
                items=None if field.items is None else _shape(field.items, text),
                properties=tuple(_property(item, text) for item in field.properties),
            )
            for field in entry.fields
        ),
        headers=tuple(
            replace(
                header,
                name=plain(header.name),
                description=markdown(header.description),
                value=None if header.value is None else plain(header.value),
            )
            for header in entry.headers
        ),
        examples=tuple(
            replace(
                example,
                lang=plain(example.lang),
                code=plain(example.code),
                title=None if example.title is None else plain(example.title),
            )
            for example in entry.examples
        ),
        since=None if entry.since is None else plain(entry.since),
        deprecated=None
        if deprecated is None
        else replace(deprecated, since=plain(deprecated.since), reason=markdown(deprecated.reason)),
        aliases=tuple(plain(alias) for alias in entry.aliases),
        tags=tuple(plain(tag) for tag in entry.tags),
    )


def _shape(shape: Shape, text: SiteText) -> Shape:
    return replace(
        shape,
        description=text.markdown(shape.description),
        items=None if shape.items is None else _shape(shape.items, text),
        properties=tuple(_property(item, text) for item in shape.properties),
    )


def _property(item: Property, text: SiteText) -> Property:
    return replace(item, name=text.plain(item.name), shape=_shape(item.shape, text))


def _step(step: Step, text: SiteText) -> Step:
    title = None if step.title is None else text.plain(step.title)
    return Step(text.markdown(step.text), title)
