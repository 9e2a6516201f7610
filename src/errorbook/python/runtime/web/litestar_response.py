"""Litestar: a problem's response, sent as Litestar's ``Response`` would send it, for less.

Litestar's exception handling turns the ``Response`` an exception handler returns into an
``ASGIResponse``, and each converts and checks its arguments: the body, every header one by
one, a content type and length looked up among the headers before they are added. A
problem's body is bytes and its headers are strings already, so `ProblemResponse` encodes
them once, as ``ASGIResponse`` would, and skips the rest: that machinery was about a sixth
of a raised problem's request, and made the adapter 1.18 times as slow as a route returning
the same response by hand (``python -m benchmarks --only adapters``). Any other use of the
response (extra headers or cookies, a HEAD response, a status without a body) is
Litestar's own.
"""

from __future__ import annotations

from litestar import Response
from litestar.datastructures import MutableScopeHeaders
from litestar.response.base import ASGIResponse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from litestar import Litestar, Request
    from litestar.background_tasks import BackgroundTask, BackgroundTasks
    from litestar.datastructures import Cookie
    from litestar.types import TypeEncodersMap

__all__ = ["ProblemResponse"]


class ProblemResponse(Response[bytes]):
    """A problem's response: it sends what Litestar's ``Response`` of the same body (bytes),
    status, headers (strings) and media type sends, byte for byte."""

    __slots__ = ()

    def __init__(
        self,
        body: bytes,
        status: int,
        headers: dict[str, str],
        media: str,
    ) -> None:
        # What Response.__init__ makes of these arguments, without the conversions.
        self.content = body
        self.status_code = status
        self.headers = headers
        self.media_type = media
        self.background = None
        self.cookies = []
        self.encoding = "utf-8"
        self.response_type_encoders = {}

    def to_asgi_response(
        self,
        app: Litestar | None,
        request: Request[Any, Any, Any],
        *,
        background: BackgroundTask | BackgroundTasks | None = None,
        cookies: Iterable[Cookie] | None = None,
        encoded_headers: Iterable[tuple[bytes, bytes]] | None = None,
        headers: dict[str, str] | None = None,
        is_head_response: bool = False,
        media_type: str | None = None,
        status_code: int | None = None,
        type_encoders: TypeEncodersMap | None = None,
    ) -> ASGIResponse:
        """The ASGI response; as Litestar's exception handling asks for it (with nothing
        to add but type encoders, which bytes do not use), made of encoded headers."""
        plain = app is None and background is None and not is_head_response
        if plain and not (cookies or encoded_headers or headers or self.cookies):
            encoded = _encoded(self)
            if encoded is not None:
                return _Encoded(self.status_code or 0, encoded, self.content)
        return super().to_asgi_response(
            app,
            request,
            background=background,
            cookies=cookies,
            encoded_headers=encoded_headers,
            headers=headers,
            is_head_response=is_head_response,
            media_type=media_type,
            status_code=status_code,
            type_encoders=type_encoders,
        )


#: The headers ``ASGIResponse`` adds unless a response has them.
_ADDED = frozenset({b"content-type", b"content-length"})


def _encoded(response: ProblemResponse) -> list[tuple[bytes, bytes]] | None:
    """The headers ``ASGIResponse`` would send, as it encodes them; None where it would
    do more than encode them (a status without a body, a content type it completes)."""
    status, media = response.status_code, response.media_type
    if status is None or status < 200 or status in (204, 304):
        return None
    if not isinstance(media, str) or media.startswith("text/"):
        return None
    pairs = response.headers.items()
    encoded = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in pairs]
    if any(name in _ADDED for name, _ in encoded):
        return None
    encoded.append((b"content-type", media.encode("latin-1")))
    encoded.append((b"content-length", str(len(response.content)).encode("latin-1")))
    return encoded


class _Encoded(ASGIResponse):
    """An ``ASGIResponse`` of headers already encoded as it would encode them."""

    __slots__ = ()

    def __init__(
        self,
        status: int,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
    ) -> None:
        # What ASGIResponse.__init__ makes of a body and headers that need no checks.
        self.headers = MutableScopeHeaders({"headers": headers})
        self.status_code = status
        self.body = body
        self.content_length = len(body)
        self.background = None
        self._encoded_cookies = ()
        self.encoding = "utf-8"
        self.is_head_response = False
