"""``errorbook init``'s example entry: complete, so the new project passes ``validate --strict``,
and a model of each section for the entries that follow."""

from __future__ import annotations

#: The example's code: it shows that codes may use hyphens (the type URI keeps them).
EXAMPLE_CODE = "requests/not-found"


def example_entry(first_line: str) -> str:
    """The text of the example entry, after its editor modeline ``first_line``."""
    return first_line + "\n" + _BODY


_BODY = """\
title: Not Found
status: 404
detail: No resource exists at {path}.
summary: The request names a resource that does not exist.
description: |
  The request's path or identifier names nothing that this API has. The response's `path`
  member repeats what was asked for.
causes:
  - A typo in the path or in an identifier.
  - The resource was deleted.
fixes:
  - title: Check the path
    text: Compare the path with the API reference, letter by letter.
  - title: List what exists
    text: List the resources of that kind and use an identifier from the list.
fields:
  path:
    type: string
    description: The path of the request that named nothing.
    example: /v1/orders/ord_123
examples:
  - title: A request for an order that does not exist
    kind: request
    lang: bash
    code: |
      curl https://api.example.com/v1/orders/ord_nope
  - title: The corrected request
    kind: fix
    lang: bash
    code: |
      curl https://api.example.com/v1/orders/ord_123
"""
