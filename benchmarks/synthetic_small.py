"""The second synthetic shape: small entries (300-600 bytes of YAML), many of them with warnings.

Real catalogs are not all like the 4 KB entries of `benchmarks.synthetic`: a team that writes
one line per field gets entries of a few hundred bytes, where errorbook's fixed costs (start-up,
imports) weigh more against the floor. Each entry has the required keys, a summary, a one-sentence
description, one cause, one fix and a one-line request and fix example; a third of the 4xx
entries have no example, so they get W002 (missing-example), and a 401 or 429 never gets its
header (W005). The folders and codes are those of `benchmarks.synthetic.plan_slots`, so
``validate`` (without ``--strict``) passes with warnings.
"""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.emit import render_yaml
from benchmarks.synthetic import Slot, config_text, plan_slots
from benchmarks.vocabulary import CAUSES, FIXES, TITLES

#: The smallest entry; shorter ones get `PADDING` in their description.
MIN_BYTES = 300
PADDING = "Nothing was changed: fix the request and send it again."
#: Entries without an example, among the 4xx ones (each gets W002).
WITHOUT_EXAMPLE = 1 / 3


def small_catalog(n: int, seed: int = 0) -> dict[str, str]:
    """The files of a small-entry project, by POSIX path (as `synthetic_catalog`)."""
    rng = random.Random(seed)
    files = {"errorbook.toml": config_text(n, seed)}
    for slot in plan_slots(rng, n):
        # No schema comment: small hand-written catalogs rarely carry one.
        data = _entry(rng, slot)
        text = render_yaml(data)
        if len(text) < MIN_BYTES:  # a short code and no example: say a little more
            data["description"] = f"{data['description']} {PADDING}"
            text = render_yaml(data)
        files[f"catalog/{slot.code}.yaml"] = text
    return files


def write_small_catalog(dest: Path, n: int, seed: int = 0) -> Path:
    """Write a small-entry project (errorbook.toml and catalog/) into ``dest``."""
    for relative, text in small_catalog(n, seed).items():
        path = dest / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return dest


def _entry(rng: random.Random, slot: Slot) -> dict[str, object]:
    status = rng.choice(slot.category.statuses)
    condition = slot.condition.replace("_", " ")
    values = {"noun": slot.noun, "Noun": slot.noun.capitalize(), "field": f"{slot.noun}Id"}
    values |= {"system": slot.folder[0], "verb": "get", "n": "30", "status": str(status)}
    values["endpoint"] = f"{slot.folder[0]}.get{slot.noun.capitalize()}"
    data: dict[str, object] = {
        "title": TITLES[status],
        "status": status,
        "detail": f"The {slot.noun} is {condition}.",
        "summary": f"The {slot.noun} is {condition} in the {' '.join(slot.folder)} API.",
        "description": f"The request names a {slot.noun} that is {condition}.",
        "causes": [rng.choice(CAUSES).format(**values)],
        "fixes": [rng.choice(FIXES)[0].format(**values) + "."],
    }
    url = f"https://api.example.com/v1/{values['endpoint']}"
    if status >= 500:
        data["examples"] = [{"kind": "response", "lang": "bash", "code": f"curl {url}"}]
    elif rng.random() >= WITHOUT_EXAMPLE:
        fixed = f"curl -d {values['field']}=id {url}"
        data["examples"] = [
            {"kind": "request", "lang": "bash", "code": f"curl {url}"},
            {"kind": "fix", "lang": "bash", "code": fixed},
        ]
    return data
