"""``errorbook new``: a skeleton entry that validates, with TODO markers where content goes."""

from __future__ import annotations

import contextlib
import errno
import http
import os
import re
import unicodedata
from pathlib import Path

from errorbook.check.schema import entry_schema_path
from errorbook.core.diagnostics import display_path
from errorbook.core.errors import OutputError, UsageError
from errorbook.core.escape import yaml_string
from errorbook.read.config import Config

_CODE = re.compile(r"[a-z][a-z0-9_]*(/[a-z][a-z0-9_]*)+")


def create_entry(config: Config, code: str, status: int, title: str | None = None) -> Path:
    """Write a skeleton entry for ``code`` and return its path.

    Raises:
        UsageError: The code, status or title cannot make a valid entry, the file exists, or a
            file stands where its folder should be.
        OutputError: The file could not be written; nothing is left behind.
    """
    if not _CODE.fullmatch(code):
        raise UsageError(
            f"'{code}' is not a valid code: use lowercase segments of letters, digits and _, "
            "joined by /, with at least one folder, e.g. payments/card/declined"
        )
    if not 400 <= status <= 599:
        raise UsageError(f"--status must be between 400 and 599, not {status}")
    if title is not None:
        _check_title(title)
    path = config.catalog / f"{code}.yaml"
    text = skeleton(status, title or _reason_phrase(status), _modeline_target(path))
    try:
        _make_folder(path.parent)
        _write_new(path, text.encode("utf-8"))
    except FileExistsError:
        raise UsageError(
            f"{display_path(path)} already exists; edit it, or choose another code"
        ) from None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise UsageError(
                f"'{code}' makes a file name longer than the file system allows: "
                "use shorter segments"
            ) from None
        raise OutputError(f"cannot write {display_path(path)}: {error.strerror or error}") from None
    return path


def _check_title(title: str) -> None:
    """A title is one line of printable text: YAML could not carry anything else plainly."""
    if not title.strip():
        raise UsageError("--title must be a single non-empty line")
    for index, char in enumerate(title):
        if char.isprintable() or unicodedata.category(char) == "Zs":
            continue
        if 0xDC80 <= ord(char) <= 0xDCFF:  # how Python keeps a byte the locale cannot decode
            what = f"the byte 0x{ord(char) - 0xDC00:02x}, which is not text in this locale"
        else:
            name = unicodedata.name(char, "") or "a control character"
            what = f"U+{ord(char):04X} ({name.lower()})"
        raise UsageError(
            f"--title must be one line of printable text; character {index + 1} is {what}"
        )


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next(
            (p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None
        )
        if blocker is None:
            raise
        raise UsageError(
            f"{display_path(blocker)} is a file, where the entry's folder should be: "
            "move it away, or choose another code"
        ) from None


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet, whole or not at all.

    The text goes to a temporary file first, so an interrupted or failed write never leaves
    an empty entry that a second `errorbook new` would then refuse as existing.

    Raises:
        FileExistsError: ``path`` exists; it is left as it was.
    """
    temporary = path.parent / f".errorbook-new-{os.getpid()}.tmp"
    try:
        temporary.write_bytes(data)
        try:
            os.link(temporary, path)  # unlike a rename, a link never replaces an existing file
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            if path.exists() or path.is_symlink():
                raise FileExistsError(path) from None
            temporary.replace(path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _reason_phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _modeline_target(path: Path) -> str:
    return Path(os.path.relpath(entry_schema_path(), path.parent)).as_posix()


def skeleton(status: int, title: str, schema: str) -> str:
    """The text of a new entry: every section present, TODO where the author must write."""
    headers = _HEADERS.get(status, "")
    examples = _CLIENT_EXAMPLES if status < 500 else _SERVER_EXAMPLES
    fields = _RETRY_FIELD if status == 429 else _FIELDS
    return (
        f"# yaml-language-server: $schema={schema}\n"
        f"title: {yaml_string(title)}\n"
        f"status: {status}\n" + _BODY + fields + headers + examples + _RELATED
    )


_BODY = """\
detail: TODO The default detail each occurrence sends, in one sentence.
summary: TODO One sentence for index tables, specific to this error.
description: |
  TODO What happened? Explain the error to someone who just received it.
causes:
  - TODO A common cause.
  - TODO Another common cause.
fixes:
  - title: TODO A short lead
    text: TODO The first thing to do.
  - title: TODO A short lead
    text: TODO The next thing to do.
mistakes:
  - title: TODO A short lead
    text: TODO A mistake people make with this error.
"""
_FIELDS = """\
# fields:  # the typed extension members an occurrence carries
#   apiId:
#     type: string
#     description: The id of the API that was not found.
#     example: api_1234
"""
_RETRY_FIELD = """\
fields:
  retryAfter:
    type: integer
    description: TODO How many seconds the client should wait before retrying.
    example: 30
"""
_HEADERS = {
    401: """\
headers:
  WWW-Authenticate:
    description: TODO The authentication scheme the request must use.
    value: Bearer
""",
    429: """\
headers:
  Retry-After:
    description: TODO When the client may try again, in seconds.
    value: "{retryAfter}"
""",
}
_CLIENT_EXAMPLES = """\
examples:
  - title: TODO A request that fails with this error
    kind: request
    lang: bash
    code: |
      TODO curl ...
  - title: TODO The corrected request
    kind: fix
    lang: bash
    code: |
      TODO curl ...
"""
_SERVER_EXAMPLES = """\
# examples:  # optional for server errors: e.g. how to report the request id
#   - title: Report the request id
#     kind: response
#     lang: json
#     code: |
#       {"meta": {"requestId": "req_123"}}
"""
_RELATED = """\
# related:  # codes of errors readers confuse this one with
#   - group/other_error
"""
