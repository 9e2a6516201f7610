"""Limits of the example API; tests lower them to reach the errors they guard."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Settings:
    #: The largest request body accepted, in bytes.
    max_body_bytes: int = 64 * 1024
    #: How long a request may run before it is stopped.
    deadline_seconds: float = 10.0
    #: The most rows an analytics query may read.
    max_query_rows: int = 1_000_000


SETTINGS = Settings()
