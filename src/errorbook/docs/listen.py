"""Check that the preview server can listen, before MkDocs tries and fails with a traceback."""

from __future__ import annotations

import errno
import socket

from errorbook.core.errors import UsageError

_HINTS = {
    errno.EADDRINUSE: "another program listens there: stop it, or choose another --dev-addr",
    errno.EADDRNOTAVAIL: "the address is not one of this machine's: use e.g. 127.0.0.1:8000",
    errno.EACCES: "ports below 1024 need privileges: choose a higher port, e.g. 8000",
}


def check_listen(host: str, port: int) -> None:
    """Bind ``host:port`` as MkDocs' server would, and let go at once.

    Raises:
        UsageError: It cannot be bound; the message says why and what to do.
    """
    shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if not 0 <= port <= 65535:
        raise UsageError(f"cannot listen on {shown}: the port must be between 0 and 65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            # As http.server does, so a port a closed server left in TIME_WAIT stays usable.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        hint = _HINTS.get(error.errno or 0)
        reason = (error.strerror or str(error)) + (f"; {hint}" if hint else "")
        raise UsageError(f"cannot listen on {shown}: {reason}") from None
