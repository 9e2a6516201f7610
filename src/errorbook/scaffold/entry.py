"""``errorbook new``: a skeleton entry that validates, with TODO markers where content goes."""

from __future__ import annotations

import contextlib
import errno
import http
import os
import unicodedata
from pathlib import Path

from errorbook.check.codes import code_problem
from errorbook.check.editor_schema import editor_schema_text
from errorbook.core.diagnostics import display_path
from errorbook.core.errors import OutputError, UsageError
from errorbook.core.escape import yaml_string
from errorbook.model.layout import editor_schema_file, modeline
from errorbook.read.config import Config


def create_entry(config: Config, code: str, status: int, title: str | None = None) -> Path:
    """Write a skeleton entry for ``code`` and return its path.

    ``code`` may also be written as the entry's path: a leading catalog folder
    (``catalog/orders/out-of-stock``) and a trailing ``.yaml`` are left out. The title is
    trimmed. The project's editor schema, which the entry's first line names, is written too
    when it is missing.

    Raises:
        UsageError: The code, status or title cannot make a valid entry, the file exists, or a
            file stands where its folder should be.
        OutputError: The file could not be written; nothing is left behind.
    """
    code = entry_code(config, code)
    if not 400 <= status <= 599:
        raise UsageError(f"--status must be between 400 and 599, not {status}")
    if title is not None:
        title = _trimmed(title)
        _check_title(title)
    path = config.catalog / f"{code}.yaml"
    text = skeleton(status, title or _reason_phrase(status), modeline(path, config.root))
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
    write_editor_schema(config.root)
    return path


def entry_code(config: Config, given: str) -> str:
    """The code ``given`` names, written as a code or as the entry's path.

    Raises:
        UsageError: It is not a valid code; the message suggests the nearest one.
    """
    code = given.removesuffix(".yaml")
    for prefix in _catalog_prefixes(config):
        if code.startswith(prefix):
            code = code[len(prefix) :]
            break
    problem = code_problem(code)
    if problem is not None:
        raise UsageError(problem)
    return code


def _catalog_prefixes(config: Config) -> list[str]:
    """How the catalog folder may start a path given on the command line."""
    prefixes = [config.catalog.as_posix() + "/"]
    for base in (Path.cwd(), config.root):
        with contextlib.suppress(ValueError):  # another drive, on Windows
            relative = Path(os.path.relpath(config.catalog, base)).as_posix()
            prefixes += [f"{relative}/", f"./{relative}/"]
    return sorted(set(prefixes), key=len, reverse=True)


def write_editor_schema(root: Path) -> Path | None:
    """Write the project's editor schema when it is missing; the path written, or None.

    `errorbook generate` keeps it current afterwards. A file that cannot be written is left
    to `generate`, which reports it: the entry itself is written either way.
    """
    path = editor_schema_file(root)
    if path.exists():
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_new(path, editor_schema_text().encode("utf-8"))
    except OSError:
        return None
    return path


def _trimmed(title: str) -> str:
    """The title without spaces or tabs at either end (a line break stays, to be refused)."""
    start, end = 0, len(title)
    while start < end and _is_space(title[start]):
        start += 1
    while end > start and _is_space(title[end - 1]):
        end -= 1
    return title[start:end]


def _is_space(char: str) -> bool:
    return char == "\t" or unicodedata.category(char) == "Zs"


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


def skeleton(status: int, title: str, first_line: str) -> str:
    """The text of a new entry: every section present, TODO where the author must write."""
    headers = _HEADERS.get(status, "")
    examples = _CLIENT_EXAMPLES if status < 500 else _SERVER_EXAMPLES
    fields = _RETRY_FIELD if status == 429 else _FIELDS
    return (
        f"{first_line}\n"
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
