"""Where errorbook keeps its caches in the user's cache folder, if anywhere.

Caches are an optimisation only: when there is no usable folder, callers simply work
without one, so nothing here raises.
"""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/errorbook``, else ``~/.cache/errorbook``; None without a home folder.

    A relative ``XDG_CACHE_HOME`` is ignored, as the XDG Base Directory specification asks:
    it would scatter caches into whatever folder a command runs in.
    """
    base = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if not base.is_absolute():
        try:
            base = Path.home() / ".cache"
        except (RuntimeError, KeyError, OSError):  # no HOME and no password entry
            return None
        if not base.is_absolute():  # Python 3.11 answers "~" when it cannot tell
            return None
    return base / "errorbook"
