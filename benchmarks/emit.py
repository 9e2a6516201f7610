"""One synthetic entry: its content drawn from the vocabulary, written out as hand-styled YAML."""

from __future__ import annotations

import json
import random
import re
import textwrap
from typing import TYPE_CHECKING, Any

from benchmarks.vocabulary import (
    CAUSES,
    FIXES,
    MISTAKES,
    SENTENCES,
    TAGS,
    TITLES,
    VERBS,
)

if TYPE_CHECKING:
    from benchmarks.synthetic import Slot

SCHEMA_LINE = "# yaml-language-server: $schema=https://errorbook.dev/schema/error.schema.json\n"
_PLAIN = re.compile(r"[A-Za-z][^\n]*")
_YAML11_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


class _Words:
    """The slot values every sentence template of one entry is filled with."""

    def __init__(self, rng: random.Random, slot: Slot) -> None:
        noun = slot.noun
        self.rng = rng
        self.values = {
            "noun": noun,
            "Noun": noun.capitalize(),
            "field": f"{noun}Id",
            "system": slot.folder[0],
            "verb": rng.choice(VERBS),
            "endpoint": f"{slot.folder[0]}.{rng.choice(VERBS)}{noun.capitalize()}",
            "n": str(rng.choice((5, 10, 30, 60, 100))),
            "status": "",
        }

    def fill(self, template: str) -> str:
        return template.format(**self.values)

    def pick(self, templates: tuple[str, ...], count: int) -> list[str]:
        return [self.fill(t) for t in self.rng.sample(templates, count)]


def entry_yaml(rng: random.Random, slot: Slot, related: list[str]) -> str:
    """The YAML text of one valid entry for ``slot``, linking to the ``related`` codes."""
    return SCHEMA_LINE + render_yaml(entry_data(rng, slot, related))


def render_yaml(value: dict[str, Any]) -> str:
    """``value`` as hand-styled YAML: block collections, plain scalars where they read back."""
    return _render(value, 0)


def entry_data(rng: random.Random, slot: Slot, related: list[str]) -> dict[str, Any]:
    """The entry as plain data, keys in the order authors write them."""
    words = _Words(rng, slot)
    status = rng.choice(slot.category.statuses)
    words.values["status"] = str(status)
    fields = _fields(rng, slot, status, words)
    data: dict[str, Any] = {
        "title": TITLES[status],
        "status": status,
        "detail": _detail(slot, fields),
        "summary": _summary(rng, slot, words),
        "description": _description(rng, slot, words),
    }
    if fields:
        data["fields"] = fields
    data["causes"] = words.pick(CAUSES, rng.randint(2, 6))
    data["fixes"] = _steps(rng, words, FIXES, rng.randint(3, 5))
    data["mistakes"] = _steps(rng, words, MISTAKES, rng.randint(3, 6))
    headers = _headers(rng, status)
    if headers:
        data["headers"] = headers
    data["examples"] = _examples(rng, status, words)
    if related:
        data["related"] = related
    data["tags"] = _tags(rng, slot)
    return data


def _condition(slot: Slot) -> str:
    return slot.condition.replace("_", " ")


def _fields(rng: random.Random, slot: Slot, status: int, words: _Words) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if rng.random() < 0.7:
        fields[words.values["field"]] = {
            "type": "string",
            "description": f"The id of the {slot.noun} from the request, exactly as it was sent.",
            "example": f"{slot.noun[:3]}_{rng.getrandbits(40):010x}",
        }
    if status in (400, 422):
        fields["errors"] = {
            "type": "array",
            "description": "One item per invalid member of the request body: where and why.",
            "example": [{"location": f"body.{words.values['field']}", "message": "is required"}],
            "required": False,
        }
    if status == 429:
        fields["retryAfter"] = {
            "type": "integer",
            "description": "Seconds to wait before the next request; also the Retry-After header.",
            "example": rng.choice((1, 10, 30, 60)),
        }
    extra = _EXTRA_FIELDS.get(status)
    if extra and rng.random() < 0.6:
        name, kind, description, example = extra
        fields[name] = {"type": kind, "description": description, "example": example}
    return fields


#: A second member some statuses carry, as real catalogs do (the version a conflict saw, ...).
_EXTRA_FIELDS: dict[int, tuple[str, str, str, Any]] = {
    402: ("plan", "string", "The billing plan of the workspace.", "free"),
    403: ("requiredScope", "string", "The permission the request would need.", "orders.write"),
    409: ("currentVersion", "integer", "The version the resource has now.", 7),
    412: ("currentVersion", "integer", "The version the resource has now.", 7),
    413: ("maxBytes", "integer", "The largest request body accepted, in bytes.", 1048576),
    502: ("upstream", "string", "The name of the upstream service that failed.", "ledger"),
    503: ("upstream", "string", "The name of the upstream service that failed.", "ledger"),
    504: ("upstream", "string", "The name of the upstream service that failed.", "ledger"),
}


def _detail(slot: Slot, fields: dict[str, Any]) -> str:
    name = f"{slot.noun}Id"
    subject = f"The {slot.noun} {{{name}}}" if name in fields else f"The requested {slot.noun}"
    return f"{subject} is {_condition(slot)}."


def _summary(rng: random.Random, slot: Slot, words: _Words) -> str:
    # The folder and name make it unique in the catalog; the clause makes it read like prose.
    where = " ".join(slot.folder)
    clause = rng.choice(
        (
            "so the request was rejected before any change",
            f"so `{words.values['endpoint']}` did nothing",
            "and retrying the same request fails the same way",
            "which the client can fix without contacting support",
        )
    )
    return f"The {slot.noun} is {_condition(slot)} in the {where} API, {clause}."


def _description(rng: random.Random, slot: Slot, words: _Words) -> str:
    opening = (
        f"Your request to `{words.values['endpoint']}` failed because the {slot.noun} it names "
        f"is {_condition(slot)}."
    )
    pool = [words.fill(template) for template in SENTENCES]
    rng.shuffle(pool)
    first = _paragraph(pool, [opening], rng.randint(250, 450))
    second = _paragraph(pool, [], rng.randint(120, 300))
    return f"{first}\n\n{second}\n"


def _paragraph(pool: list[str], sentences: list[str], length: int) -> str:
    while sum(len(s) for s in sentences) < length and pool:
        sentences.append(pool.pop())
    return textwrap.fill(" ".join(sentences), width=78, break_on_hyphens=False)


def _steps(
    rng: random.Random, words: _Words, pairs: tuple[tuple[str, str], ...], count: int
) -> list[dict[str, str]]:
    return [
        {"title": words.fill(title), "text": words.fill(text)}
        for title, text in rng.sample(pairs, count)
    ]


def _headers(rng: random.Random, status: int) -> dict[str, Any]:
    if status == 401:
        scheme = "The authentication scheme to use, as HTTP requires for every 401 response."
        return {"WWW-Authenticate": {"description": scheme, "value": "Bearer"}}
    if status == 429:
        wait = "The number of seconds until requests are accepted again."
        return {"Retry-After": {"description": wait, "value": "{retryAfter}"}}
    if status == 503 and rng.random() < 0.5:
        return {"Retry-After": {"description": "Seconds until the service is expected back."}}
    return {}


def _examples(rng: random.Random, status: int, words: _Words) -> list[dict[str, str]]:
    endpoint, field = words.values["endpoint"], words.values["field"]
    if status >= 500:
        retry = "Retry only requests that are safe to repeat"
        examples = [_curl(retry, "response", endpoint, field, "--retry 3 ")]
    else:
        failing = f"A request whose {words.values['noun']} is rejected"
        examples = [
            _curl(failing, "request", endpoint, field, ""),
            _curl("The same request, corrected", "fix", endpoint, field, ""),
        ]
    if rng.random() < 0.35:
        examples.append(_python(endpoint, field))
    return examples


def _curl(title: str, kind: str, endpoint: str, field: str, flags: str) -> dict[str, str]:
    code = (
        f"curl -sS {flags}-X POST https://api.example.com/v1/{endpoint} \\\n"
        '  -H "Content-Type: application/json" \\\n'
        '  -H "Authorization: Bearer $API_KEY" \\\n'
        '  -H "Idempotency-Key: 7f3e2c1a-0b9d-4e8f-a6c5-1d2e3f4a5b6c" \\\n'
        f'  -d \'{{"{field}": "{field[:3].lower()}_1234abcd", "dryRun": false}}\'\n'
    )
    return {"title": title, "kind": kind, "lang": "bash", "code": code}


def _python(endpoint: str, field: str) -> dict[str, str]:
    code = (
        "import os\n\nimport httpx\n\n"
        "response = httpx.post(\n"
        f'    "https://api.example.com/v1/{endpoint}",\n'
        '    headers={"Authorization": f"Bearer {os.environ[\'API_KEY\']}"},\n'
        f'    json={{"{field}": os.environ["{field.upper()}"]}},\n'
        ")\n"
        "if response.status_code >= 400:\n"
        "    problem = response.json()\n"
        "    raise RuntimeError(f\"{problem['title']}: {problem['detail']}\")\n"
    )
    return {"title": "The same call from Python", "kind": "fix", "lang": "python", "code": code}


def _tags(rng: random.Random, slot: Slot) -> list[str]:
    first = [slot.category.name] if slot.category.name in TAGS else []
    others = [tag for tag in TAGS if tag not in first]
    return first + rng.sample(others, rng.randint(1, 3))


def _render(value: dict[str, Any], indent: int) -> str:
    pad = " " * indent
    lines: list[str] = []
    for key, item in value.items():
        if isinstance(item, str) and "\n" in item:
            body = textwrap.indent(item, pad + "  ", lambda line: bool(line.strip()))
            lines.append(f"{pad}{key}: |\n{body}")
        elif key in ("tags", "example") or not isinstance(item, dict | list):
            lines.append(f"{pad}{key}: {_scalar(item)}\n")
        elif isinstance(item, dict):
            lines.append(f"{pad}{key}:\n{_render(item, indent + 2)}")
        else:
            lines.append(f"{pad}{key}:\n" + "".join(_item(element, indent + 2) for element in item))
    return "".join(lines)


def _item(element: Any, indent: int) -> str:
    if not isinstance(element, dict):
        return f"{' ' * indent}- {_scalar(element)}\n"
    text = _render(element, indent + 2)
    return f"{' ' * indent}- {text[indent + 2 :]}"


def _scalar(value: Any) -> str:
    if isinstance(value, list) and all(isinstance(v, str) and _plain(v, flow=True) for v in value):
        return f"[{', '.join(value)}]"
    if not isinstance(value, str):
        return json.dumps(value)
    return value if _plain(value) else "'" + value.replace("'", "''") + "'"


def _plain(text: str, *, flow: bool = False) -> bool:
    """True when YAML reads ``text`` back as the same string without quotes."""
    return (
        bool(_PLAIN.fullmatch(text))
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and text.lower() not in _YAML11_WORDS
        and not (flow and any(c in text for c in ",[]{}"))
    )
