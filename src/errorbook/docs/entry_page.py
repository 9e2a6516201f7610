"""Model → template-ready views of one error page: every decision templates would need is made here.

Templates only loop and print. Links, fences, indentation, grouping of samples into tabs and the
example response are computed here, from the `ErrorDef` and the runtime's own example.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from errorbook.docs import markdown
from errorbook.model import Catalog, ErrorDef, Example, ExampleKind, Field, Shape, Step
from errorbook.model.layout import HOME_PAGE, alias_page_path, folder_page_path, page_path
from errorbook.core.serialize import pretty_json
from errorbook.docs.usage import PythonUsage, python_usage

#: Tab labels for common languages; any other language is shown as written.
LANGUAGE_LABELS = {
    "bash": "Bash", "console": "Console", "csharp": "C#", "curl": "curl", "go": "Go",
    "http": "HTTP", "java": "Java", "javascript": "JavaScript", "js": "JavaScript",
    "json": "JSON", "kotlin": "Kotlin", "php": "PHP", "python": "Python", "py": "Python",
    "ruby": "Ruby", "rust": "Rust", "sh": "Shell", "shell": "Shell", "ts": "TypeScript",
    "typescript": "TypeScript", "yaml": "YAML",
}  # fmt: skip
_DEFAULT_LEADS: dict[ExampleKind, str] = {
    "request": "Here's an example of a request that fails with this error",
    "fix": "Here's the corrected request",
    "response": "Here's how to handle this error in code",
}


class ExampleResponse(Protocol):
    """What a page needs of the generated package's example (`runtime_examples`)."""

    @property
    def status(self) -> int: ...

    @property
    def headers(self) -> Mapping[str, str]: ...

    @property
    def body(self) -> object: ...


@dataclass(frozen=True, slots=True)
class Sample:
    """One code sample, already fenced; ``label`` names its tab when it shares a group."""

    label: str
    fenced: str


@dataclass(frozen=True, slots=True)
class SampleGroup:
    """Samples of one kind that share a title: one block, or Material content tabs."""

    lead: str
    samples: tuple[Sample, ...]

    @property
    def tabbed(self) -> bool:
        """True when the group holds several samples, which render as content tabs."""
        return len(self.samples) > 1


@dataclass(frozen=True, slots=True)
class StepView:
    """A fix or mistake: a bold lead (or ""), Markdown text indented to stay in its list item."""

    lead: str
    text: str


@dataclass(frozen=True, slots=True)
class EntryLink:
    """A link from one page to an entry's page, with what an index row or related list shows."""

    code: str
    name: str
    href: str
    status: int
    title: str
    summary: str


@dataclass(frozen=True, slots=True)
class NamedItem:
    """A header or extension member: its name, a short spec, and its Markdown description."""

    name: str
    spec: str
    description: str


@dataclass(frozen=True, slots=True)
class ResponseView:
    """The example response, as the generated package produces it."""

    status: int
    media_type: str
    headers: tuple[tuple[str, str], ...]
    json: str
    fenced: str


@dataclass(frozen=True, slots=True)
class DeprecationView:
    """The banner of a deprecated entry."""

    since: str
    reason: str
    replacement: EntryLink | None


@dataclass(frozen=True, slots=True)
class AliasView:
    """A former type URI, and the redirect page that keeps it working when there is one."""

    uri: str
    span: str
    redirected: bool


@dataclass(frozen=True, slots=True)
class EntryPage:
    """Everything the error page template prints."""

    path: str
    entry: ErrorDef
    heading: str
    summary: str
    callout_title: str
    type_span: str
    front_matter: tuple[tuple[str, str], ...]
    tags: tuple[str, ...]
    response: ResponseView
    members: tuple[NamedItem, ...]
    headers: tuple[NamedItem, ...]
    causes: tuple[str, ...]
    requests: tuple[SampleGroup, ...]
    fixes: tuple[StepView, ...]
    fix_samples: tuple[SampleGroup, ...]
    other_samples: tuple[SampleGroup, ...]
    mistakes: tuple[StepView, ...]
    related: tuple[EntryLink, ...]
    python: PythonUsage | None
    deprecation: DeprecationView | None
    aliases: tuple[AliasView, ...]
    folder_link: str
    home_link: str


def entry_link(entry: ErrorDef, from_page: str, within: str = "") -> EntryLink:
    """A link to ``entry`` as seen from the page ``from_page``.

    Its ``name`` is the code below the folder ``within`` (the heading of the table it is in).
    """
    return EntryLink(
        code=entry.code,
        name=entry.code.removeprefix(within + "/") if within else entry.code,
        href=markdown.link(from_page, page_path(entry)),
        status=entry.status,
        title=markdown.table_cell(entry.title),
        summary=markdown.table_cell(entry.summary),
    )


def entry_page(
    entry: ErrorDef, catalog: Catalog, response: ExampleResponse, package: str | None
) -> EntryPage:
    """The view of one error page.

    Args:
        entry: The entry to render.
        catalog: The whole catalog, to resolve related codes and replacements.
        response: The generated package's own example response for this entry.
        package: The import name of the generated package, or None when none is configured.

    Returns:
        The view the error page template prints.
    """
    path = page_path(entry)
    return EntryPage(
        path=path,
        entry=entry,
        heading=entry.name,
        summary=markdown.inline(entry.summary),
        callout_title=markdown.one_line(entry.title).replace('"', "&quot;"),
        type_span=markdown.code_span(entry.type_uri),
        front_matter=_front_matter(entry),
        tags=tuple(markdown.yaml_string(tag) for tag in entry.tags),
        response=response_view(response),
        members=tuple(item for field_ in entry.fields for item in _members(field_)),
        headers=_headers(entry, response),
        causes=tuple(markdown.hang(cause) for cause in entry.causes),
        requests=_groups(entry.examples, "request"),
        fixes=_steps(entry.fixes),
        fix_samples=_groups(entry.examples, "fix"),
        other_samples=_groups(entry.examples, "response"),
        mistakes=_steps(entry.mistakes),
        related=tuple(_links(catalog, entry.related, path)),
        python=python_usage(entry, package) if package else None,
        deprecation=_deprecation(entry, catalog, path),
        aliases=tuple(
            AliasView(
                uri, markdown.code_span(uri), alias_page_path(uri, catalog.base_uri) is not None
            )
            for uri in entry.aliases
        ),
        folder_link=markdown.link(path, folder_page_path(entry.folder)),
        home_link=markdown.link(path, HOME_PAGE),
    )


def response_view(response: ExampleResponse) -> ResponseView:
    """The example response: JSON exactly as the package builds it, fenced, plus its headers."""
    text = pretty_json(response.body)
    headers = tuple(response.headers.items())
    media_type = next((v for n, v in headers if n.lower() == "content-type"), "application/json")
    return ResponseView(response.status, media_type, headers, text, markdown.fence(text, "json"))


def _front_matter(entry: ErrorDef) -> tuple[tuple[str, str], ...]:
    items = [("title", markdown.yaml_string(entry.name))]
    items.append(("description", markdown.yaml_string(markdown.meta_text(entry.summary))))
    if entry.deprecated is not None:
        items.append(("status", "deprecated"))
    return tuple(items)


def _members(field_: Field) -> Iterator[NamedItem]:
    """The member, then what it holds: ``errors[].location`` for a property of an item."""
    spec = _spec(field_.shape, field_.required)
    yield NamedItem(field_.name, spec, markdown.hang(field_.description))
    yield from _nested(field_.shape, field_.name)


def _nested(shape: Shape, name: str) -> Iterator[NamedItem]:
    if shape.items is not None:
        yield from _nested(shape.items, name + "[]")
    for member in shape.properties:
        path = f"{name}.{member.name}"
        description = markdown.hang(member.shape.description)
        yield NamedItem(path, _spec(member.shape, member.required), description)
        yield from _nested(member.shape, path)


def _spec(shape: Shape, required: bool) -> str:
    kind: str = shape.type
    items = shape.items
    while items is not None:  # "array of array of integer"
        kind += f" of {items.type}"
        items = items.items
    return kind + (", required" if required else ", optional")


def _headers(entry: ErrorDef, response: ExampleResponse) -> tuple[NamedItem, ...]:
    """The headers the response sends, then documented ones the example does not carry."""
    described = {header.name.lower(): header for header in entry.headers}
    items: list[NamedItem] = []
    for name, value in response.headers.items():
        header = described.pop(name.lower(), None)
        text = markdown.hang(header.description) if header else ""
        items.append(NamedItem(name, markdown.code_span(f"{name}: {value}"), text))
    for header in described.values():
        text = markdown.hang(header.description)
        items.append(NamedItem(header.name, markdown.code_span(header.name), text))
    return tuple(items)


def _steps(steps: tuple[Step, ...]) -> tuple[StepView, ...]:
    return tuple(
        StepView(markdown.bold_lead(step.title), markdown.hang(step.text)) for step in steps
    )


def _groups(examples: tuple[Example, ...], kind: ExampleKind) -> tuple[SampleGroup, ...]:
    grouped: dict[str | None, list[Example]] = {}
    for example in examples:
        if example.kind == kind:
            grouped.setdefault(example.title, []).append(example)
    return tuple(
        SampleGroup(
            lead=markdown.lead_in(title or _DEFAULT_LEADS[kind]),
            samples=tuple(
                Sample(LANGUAGE_LABELS.get(item.lang.lower(), item.lang), _fenced(item))
                for item in items
            ),
        )
        for title, items in grouped.items()
    )


def _fenced(example: Example) -> str:
    return markdown.fence(example.code, example.lang)


def _links(catalog: Catalog, codes: tuple[str, ...], from_page: str) -> list[EntryLink]:
    found = (catalog.get(code) for code in codes)
    return [entry_link(target, from_page) for target in found if target is not None]


def _deprecation(entry: ErrorDef, catalog: Catalog, path: str) -> DeprecationView | None:
    if entry.deprecated is None:
        return None
    replaced_by = entry.deprecated.replaced_by
    replacement = catalog.get(replaced_by) if replaced_by else None
    return DeprecationView(
        entry.deprecated.since,
        entry.deprecated.reason.strip(),
        entry_link(replacement, path) if replacement else None,
    )
