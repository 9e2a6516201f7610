"""Type URIs as RFC 3986 §6 compares them, and the file path a server looks up for one.

Two spellings of one URI (``HTTPS://Errors.example.com:443/caf%c3%a9`` and
``https://errors.example.com/café``) name one problem type, so checks compare normal forms
(`normalize_uri`). A static server percent-decodes the request path before it looks for a file,
and browsers send a non-ASCII path as its UTF-8 percent-encoding, so a redirect page is written
at the decoded path (`decoded_segments`): ``v1/café/index.html`` is what answers
``/v1/caf%C3%A9/`` and ``/v1/café/``.
"""

from __future__ import annotations

import re
import string
from urllib.parse import unquote_to_bytes

_DEFAULT_PORTS = {"http": "80", "https": "443"}
#: RFC 3986 §2.3: escapes of these are decoded in the normal form (§6.2.2.2).
_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def normalize_uri(uri: str) -> str:
    """The normal form of an absolute URI or IRI, for comparing two of them.

    The scheme and host are lowercased, a default or empty port is dropped, an empty path
    becomes ``/`` (RFC 3986 §6.2.2.1, §6.2.3), and the rest is percent-encoded the one way
    (§6.2.2.2, RFC 3987 §3.1): non-ASCII characters as UTF-8 escapes, every escape in upper
    case, and escapes of unreserved characters decoded. Dot segments are refused before (E013).
    """
    scheme, sep, rest = uri.partition("://")
    if not sep:
        return _encode(uri)
    scheme = scheme.lower()
    end = len(rest)
    for mark in "/?#":
        if mark in rest:
            end = min(end, rest.index(mark))
    authority, tail = rest[:end], rest[end:]
    if not tail.startswith("/"):
        tail = "/" + tail
    return f"{scheme}://{_authority(authority, scheme)}{_encode(tail)}"


def _authority(authority: str, scheme: str) -> str:
    userinfo, at, hostport = authority.rpartition("@")
    host, port = hostport, None
    if ":" in hostport and not hostport.endswith("]"):
        host, _, port = hostport.rpartition(":")
    hostport = _encode(host.lower())
    if port and port != _DEFAULT_PORTS.get(scheme):
        hostport += f":{port}"
    return f"{_encode(userinfo)}{at}{hostport}"


def _encode(text: str) -> str:
    """``text`` with every non-ASCII character escaped and every escape in normal form."""
    if "%" not in text and text.isascii():
        return text  # nearly every URI: checks normalise each one several times
    encoded = "".join(
        char if char.isascii() else "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
        for char in text
    )
    return _ESCAPE.sub(_normal_escape, encoded)


def _normal_escape(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if char in _UNRESERVED else match.group(0).upper()


def decoded_segments(path: str) -> list[str]:
    """The segments of a URI path as a server decodes them to find a file, without empty ones.

    Raises:
        ValueError: The path names no file a server could serve; the message says why.
    """
    segments: list[str] = []
    for raw in path.split("/"):
        try:
            segment = unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError(f"{raw} holds an escape that is not UTF-8 text") from None
        if "/" in segment:
            raise ValueError(f"{raw} holds an escaped / (%2F)")
        if _CONTROL.search(segment):
            raise ValueError(f"{raw} holds an escaped control character")
        if segment:
            segments.append(segment)
    return segments
