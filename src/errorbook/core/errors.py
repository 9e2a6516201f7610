"""The exceptions errorbook raises. Their types are public API; their messages are not."""

from __future__ import annotations


class CatalogError(Exception):
    """Root of every error errorbook raises on purpose."""


class ConfigError(CatalogError):
    """The configuration is missing, unreadable or has a bad key; the message names the key."""


class UsageError(CatalogError):
    """A command was called with arguments that cannot work, e.g. a malformed code."""


class OutputError(CatalogError):
    """Generated output could not be written, or would overwrite a file errorbook does not own."""


class BusyError(CatalogError):
    """Another errorbook run in the project held its lock for longer than the timeout."""


class TemplateError(ConfigError):
    """A documentation template (usually a project override) is broken; the message says where."""


def first_bad_byte(error: UnicodeDecodeError) -> str:
    """Where a file stops being UTF-8, for a message: ``byte 0xe9 at offset 18``."""
    return f"byte {error.object[error.start]:#04x} at offset {error.start}"


class SiteError(CatalogError):
    """The documentation site could not be built or served; MkDocs has said why."""
