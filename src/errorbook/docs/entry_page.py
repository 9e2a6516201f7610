"""Model → template-ready views of one error page: every decision templates would need is made here.

Templates only loop and print. Links, fences, indentation, grouping of samples into tabs and the
example response are computed here, from the `ErrorDef` and the runtime's own example. Catalog
text is escaped here too, for the spot each value lands in (`errorbook.docs.page_text`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from errorbook.core.escape import front_matter_html, yaml_string
from errorbook.core.serialize import pretty_json
from errorbook.docs import markdown
from errorbook.docs.entry_text import EntryView
from errorbook.docs.page_text import SITE, SiteText
from errorbook.docs.usage import PythonUsage, python_usage
from errorbook.model import Catalog, ErrorDef, Example, ExampleKind, Field, Shape, Step
from errorbook.model.layout import HOME_PAGE, alias_page_path, folder_page_path, page_path

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
    """A header or extension member: its name (as text and as inline code), a short spec, and
    its Markdown description."""

    name: str
    code: str
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
    """Everything the error page template prints.

    ``entry`` is the entry with its text escaped (`EntryView`); ``description`` is its
    description for the page's left margin, where fenced code stays a highlighted fence.
    """

    path: str
    entry: EntryView
    heading: str
    summary: str
    description: str
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


def entry_link(
    entry: ErrorDef, from_page: str, within: str = "", text: SiteText = SITE
) -> EntryLink:
    """A link to ``entry`` as seen from the page ``from_page``, with its title and summary
    escaped for a table cell.

    Its ``name`` is the code below the folder ``within`` (the heading of the table it is in).
    """
    return EntryLink(
        code=entry.code,
        name=entry.code.removeprefix(within + "/") if within else entry.code,
        href=markdown.link(from_page, page_path(entry)),
        status=entry.status,
        title=text.cell(entry.title),
        summary=text.summary_cell(entry.summary),
    )


def entry_page(
    entry: ErrorDef,
    catalog: Catalog,
    response: ExampleResponse,
    package: str | None,
    text: SiteText = SITE,
    *,
    search_boost: float | None = None,
) -> EntryPage:
    """The view of one error page.

    Args:
        entry: The entry to render.
        catalog: The whole catalog, to resolve related codes and replacements.
        response: The generated package's own example response for this entry.
        package: The import name of the generated package, or None when none is configured.
        text: How catalog text is escaped: for the site (the default), or for a terminal.
        search_boost: The page's weight in the site's search, when it needs one
            (`errorbook.docs.search_rank.search_boosts`).

    Returns:
        The view the error page template prints.
    """
    path = page_path(entry)
    return EntryPage(
        path=path,
        entry=EntryView(entry, text),
        # The full code: the page holds it as text whatever a template does with the callout,
        # and search results, which show titles, tell unkey/data/key_not_found from
        # unkey/authentication/key_not_found (errorbook.docs.search_rank).
        heading=text.plain(entry.code),
        summary=text.summary(entry.summary),
        description=text.top_markdown(entry.description).strip(),
        callout_title=text.title(entry.title),
        type_span=text.code(entry.type_uri),
        front_matter=_front_matter(entry, search_boost),
        tags=tuple(front_matter_html(tag) for tag in entry.tags),
        response=response_view(response),
        members=tuple(item for field_ in entry.fields for item in _members(field_, text)),
        headers=_headers(entry, response, text),
        causes=tuple(markdown.hang(text.markdown(cause)) for cause in entry.causes),
        requests=_groups(entry.examples, "request", text),
        fixes=_steps(entry.fixes, text),
        fix_samples=_groups(entry.examples, "fix", text),
        other_samples=_groups(entry.examples, "response", text),
        mistakes=_steps(entry.mistakes, text),
        related=tuple(_links(catalog, entry.related, path, text)),
        python=python_usage(entry, package) if package else None,
        deprecation=_deprecation(entry, catalog, path, text),
        aliases=tuple(
            AliasView(uri, text.code(uri), alias_page_path(uri, catalog.base_uri) is not None)
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


def _front_matter(entry: ErrorDef, boost: float | None) -> tuple[tuple[str, str], ...]:
    # Material prints `description` into a <meta> tag unescaped: HTML text, without the
    # backticks of the Markdown summary.
    items = [("title", yaml_string(entry.code))]
    items.append(("description", front_matter_html(entry.summary.replace("`", ""))))
    if entry.deprecated is not None:
        items.append(("status", "deprecated"))
    if boost is not None:  # Material's search reads it: errorbook.docs.search_rank
        items.append(("search", f"{{boost: {boost}}}"))
    return tuple(items)


def _members(field_: Field, text: SiteText) -> Iterator[NamedItem]:
    """The member, then what it holds: ``errors[].location`` for a property of an item."""
    spec = _spec(field_.shape, field_.required)
    description = markdown.hang(text.markdown(field_.description))
    yield NamedItem(text.plain(field_.name), text.code(field_.name), spec, description)
    yield from _nested(field_.shape, field_.name, text)


def _nested(shape: Shape, name: str, text: SiteText) -> Iterator[NamedItem]:
    if shape.items is not None:
        yield from _nested(shape.items, name + "[]", text)
    for member in shape.properties:
        path = f"{name}.{member.name}"
        description = markdown.hang(text.markdown(member.shape.description))
        spec = _spec(member.shape, member.required)
        yield NamedItem(text.plain(path), text.code(path), spec, description)
        yield from _nested(member.shape, path, text)


def _spec(shape: Shape, required: bool) -> str:
    kind: str = shape.type
    items = shape.items
    while items is not None:  # "array of array of integer"
        kind += f" of {items.type}"
        items = items.items
    return kind + (", required" if required else ", optional")


def _headers(entry: ErrorDef, response: ExampleResponse, text: SiteText) -> tuple[NamedItem, ...]:
    """The headers the response sends, then documented ones the example does not carry."""
    described = {header.name.lower(): header for header in entry.headers}
    items: list[NamedItem] = []
    for name, value in response.headers.items():
        header = described.pop(name.lower(), None)
        about = markdown.hang(text.markdown(header.description)) if header else ""
        code = text.code(name)
        items.append(NamedItem(text.plain(name), code, text.code(f"{name}: {value}"), about))
    for header in described.values():
        about = markdown.hang(text.markdown(header.description))
        code = text.code(header.name)
        items.append(NamedItem(text.plain(header.name), code, code, about))
    return tuple(items)


def _steps(steps: tuple[Step, ...], text: SiteText) -> tuple[StepView, ...]:
    return tuple(
        StepView(
            markdown.bold_lead(step.title, text.plain), markdown.hang(text.markdown(step.text))
        )
        for step in steps
    )


def _groups(
    examples: tuple[Example, ...], kind: ExampleKind, text: SiteText
) -> tuple[SampleGroup, ...]:
    grouped: dict[str | None, list[Example]] = {}
    for example in examples:
        if example.kind == kind:
            grouped.setdefault(example.title, []).append(example)
    return tuple(
        SampleGroup(
            lead=text.lead(markdown.lead_in(title or _DEFAULT_LEADS[kind])),
            samples=tuple(
                Sample(text.title(LANGUAGE_LABELS.get(item.lang.lower(), item.lang)), _fenced(item))
                for item in items
            ),
        )
        for title, items in grouped.items()
    )


def _fenced(example: Example) -> str:
    return markdown.fence(example.code, example.lang)


def _links(
    catalog: Catalog, codes: tuple[str, ...], from_page: str, text: SiteText
) -> list[EntryLink]:
    found = (catalog.get(code) for code in codes)
    return [entry_link(target, from_page, text=text) for target in found if target is not None]


def _deprecation(
    entry: ErrorDef, catalog: Catalog, path: str, text: SiteText
) -> DeprecationView | None:
    if entry.deprecated is None:
        return None
    replaced_by = entry.deprecated.replaced_by
    replacement = catalog.get(replaced_by) if replaced_by else None
    return DeprecationView(
        text.title(entry.deprecated.since),
        text.markdown(entry.deprecated.reason).strip(),
        entry_link(replacement, path, text=text) if replacement else None,
    )
