"""Every operation of every framework check-source reads, in one list."""

from __future__ import annotations

from collections.abc import Iterator

from errorbook.source_check.web import django, fastapi, flask, litestar
from errorbook.source_check.web.context import Endpoint, WebContext

FRAMEWORKS = (fastapi, flask, litestar, django)


def endpoints(context: WebContext) -> Iterator[Endpoint]:
    """The operations FastAPI, Flask, Litestar and Django declare in the source."""
    for framework in FRAMEWORKS:
        yield from framework.endpoints(context)
