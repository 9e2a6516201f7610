"""``base-uri``: an absolute http(s) URI (RFC 3986) ending in ``/``, with nothing a URI cannot hold.

Every type URI is base-uri + code, and responses, pages, redirects and schemas all print it, so
it is checked strictly here once: a scheme and host written in any case are normalised to lower
case (RFC 3986 §6.2.2.1), and anything that is not a plain, unambiguous URI is refused with the
reason: characters outside RFC 3986 (controls, spaces, ``"``, ``<``, ``\\``, non-ASCII), a query
or fragment, credentials, an empty or malformed host, a port outside 1-65535, dot segments.
"""

from __future__ import annotations

import ipaddress
import re

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
#: RFC 3986's unreserved and sub-delims characters, ":", "@" and "/" (a path), "%" (escapes).
_PATH = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*")
_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?")
_NON_ASCII = "; percent-encode it in a path (RFC 3986), and write a host in its xn-- form"


def normalise_base_uri(value: str) -> str:
    """The base URI with its scheme and host in lower case.

    Raises:
        ValueError: It is not an absolute http(s) URI ending in ``/``; the message says why,
            unless that is all there is to say.
    """
    _check_characters(value)
    scheme = _SCHEME.match(value)
    if scheme is None or scheme.group(1).lower() not in ("http", "https"):
        raise ValueError("")  # what every message says: an absolute http(s) URI
    rest = value[scheme.end() :]
    if not rest.startswith("//"):
        raise ValueError("")  # what every message says: an absolute http(s) URI
    if "?" in rest or "#" in rest:
        raise ValueError("a base URI has no query (?) or fragment (#)")
    authority, slash, path = rest[2:].partition("/")
    host, port = _check_authority(authority)
    path = slash + path
    if not path.endswith("/"):
        raise ValueError("")  # what every message says: ending in '/'
    _check_path(path)
    return f"{scheme.group(1).lower()}://{host.lower()}{port}{path}"


def _check_characters(value: str) -> None:
    for index, char in enumerate(value):
        if 0x21 <= ord(char) <= 0x7E and char not in '"<>\\^`{|}':
            continue
        shown = repr(char) if char.isprintable() and char != " " else f"U+{ord(char):04X}"
        hint = "" if char.isascii() else _NON_ASCII
        raise ValueError(f"character {index + 1} ({shown}) cannot appear in a URI{hint}")


def _check_authority(authority: str) -> tuple[str, str]:
    """The host and ``:port`` of ``authority``; ValueError when the authority is not usable."""
    if "@" in authority:
        raise ValueError("a base URI carries no user name or password (@)")
    if authority.startswith("["):
        end = authority.find("]")
        if end < 0:
            raise ValueError("its IPv6 address lacks the closing ']'")
        try:
            ipaddress.IPv6Address(authority[1:end])
        except ValueError:
            raise ValueError(f"{authority[: end + 1]} is not an IPv6 address") from None
        host, port = authority[: end + 1], authority[end + 1 :]
    else:
        if "[" in authority or "]" in authority:
            raise ValueError("brackets belong only around an IPv6 address")
        host, colon, number = authority.partition(":")
        port = colon + number
        if not host:
            raise ValueError("it has no host")
        if not _HOST.fullmatch(host):
            raise ValueError(f"{host!r} is not a host name")
    if port:
        number = port[1:]
        if not port.startswith(":") or not number.isdigit() or not 0 < int(number) <= 65535:
            raise ValueError(f"the port {number!r} is not a number from 1 to 65535")
    return host, port


def _check_path(path: str) -> None:
    if not _PATH.fullmatch(path):
        raise ValueError("its path holds characters a URI path cannot")
    if _ESCAPE.search(path):
        raise ValueError("every '%' must start an escape of two hex digits, such as %20")
    if any(segment in (".", "..") for segment in path.split("/")):
        raise ValueError("its path holds '.' or '..' segments; write the path they lead to")
