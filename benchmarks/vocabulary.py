"""Word lists and sentence templates for synthetic catalogs.

The shapes follow the 89 real entries in ``catalog/``: a category decides the HTTP status and the
kind of condition; sentences mention a resource, a field name, an endpoint and Markdown code
spans, so the text resembles what authors write. Nothing here is random: `synthetic` draws from it.
"""

from __future__ import annotations

from dataclasses import dataclass

SYSTEMS = (
    "billing",
    "identity",
    "storage",
    "compute",
    "network",
    "search",
    "messaging",
    "analytics",
    "payments",
    "orders",
    "inventory",
    "shipping",
    "media",
    "deploy",
    "audit",
    "webhooks",
)

#: Resource folders between a system and a category, for three-level codes.
AREAS = (
    "accounts",
    "projects",
    "buckets",
    "clusters",
    "domains",
    "queues",
    "reports",
    "invoices",
    "regions",
    "teams",
    "pipelines",
    "devices",
)

NOUNS = (
    "account", "api", "app", "archive", "bucket", "budget", "certificate", "channel",
    "cluster", "connector", "coupon", "credential", "customer", "dataset", "deployment",
    "device", "domain", "environment", "export", "feature", "file", "gateway", "group",
    "identity", "image", "import", "index", "instance", "integration", "invoice", "job",
    "key", "label", "ledger", "listing", "mailbox", "member", "message", "metric", "model",
    "namespace", "network", "node", "order", "organization", "package", "partition", "payment",
    "permission", "pipeline", "plan", "policy", "portal", "price", "product", "profile",
    "project", "queue", "quota", "receipt", "record", "refund", "region", "release", "replica",
    "report", "repository", "role", "route", "rule", "schedule", "secret", "segment", "service",
    "session", "shipment", "snapshot", "source", "subscription", "table", "tag", "task",
    "template", "tenant", "ticket", "token", "topic", "transfer", "trigger", "upload", "user",
    "variable", "version", "volume", "warehouse", "webhook", "workflow", "workspace", "zone",
)  # fmt: skip

TAGS = (
    "authentication", "authorization", "data", "limits", "validation", "upstream", "billing",
    "retries", "configuration", "storage", "network", "compliance", "deprecated-soon", "beta",
)  # fmt: skip

VERBS = ("create", "get", "list", "update", "delete", "verify", "move", "restore", "export")


@dataclass(frozen=True)
class Category:
    """A kind of error: its folder name, statuses, title per status and name suffixes."""

    name: str
    statuses: tuple[int, ...]
    conditions: tuple[str, ...]


CATEGORIES = (
    Category("authentication", (401, 400), ("token_expired", "key_revoked", "signature_invalid")),
    Category("authorization", (403,), ("access_denied", "scope_missing", "owner_mismatch")),
    Category("data", (404, 410), ("not_found", "gone", "not_visible", "archived")),
    Category("conflict", (409, 412), ("already_exists", "version_mismatch", "locked", "busy")),
    Category(
        "validation", (400, 422), ("invalid", "too_long", "malformed", "out_of_range", "missing")
    ),
    Category("limits", (429, 413, 402), ("rate_limited", "quota_exceeded", "too_large")),
    Category("upstream", (502, 503, 504), ("unreachable", "timed_out", "unavailable")),
    Category("internal", (500,), ("failed", "corrupted", "inconsistent")),
)

TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    410: "Gone",
    412: "Precondition Failed",
    413: "Content Too Large",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

#: Sentence templates. Slots: {noun}, {field}, {endpoint}, {system}, {verb}, {n}.
SENTENCES = (
    "The {noun} named in the request could not be used, so nothing was read or changed.",
    "Requests to `{endpoint}` look the {noun} up before doing anything else.",
    "The service answers the same way whether the {noun} never existed or was removed.",
    "The value of `{field}` is compared exactly, including case and surrounding whitespace.",
    "Each {noun} created in one environment is not visible from the others.",
    "Background jobs that run on a schedule often hit this after a {noun} was rotated.",
    "The {system} service checks the {noun} again on every retry, so a fixed request succeeds.",
    "Nothing is charged or recorded for a request that fails this way.",
    "The response carries the `{field}` member, so clients never need to parse the detail text.",
    "Limits are counted per workspace over a sliding window of {n} seconds.",
    "The check runs before any side effect, which makes the request safe to send again.",
    "When several {noun}s are affected, only the first one is reported.",
    "Clients that cache the {noun} for longer than {n} minutes see this more often.",
    "The dashboard shows the current state of each {noun} under **Settings → {Noun}s**.",
    "Support can look up the failed request by its request id, not by the {noun}.",
    "Older SDK versions sent `{field}` in the query string, which is no longer read.",
    "Any {noun} that is being migrated is read-only until the migration completes.",
    "Idempotent requests such as `{verb}` can be retried with the same idempotency key.",
)

CAUSES = (
    "The {noun} was deleted, in the dashboard or with `{endpoint}`.",
    "The `{field}` value was mistyped, truncated, or copied from a different environment.",
    "A deployment rolled back to a configuration that still names an old {noun}.",
    "Two clients changed the same {noun} at the same time and one of them lost the race.",
    "The {noun} belongs to another workspace than the credentials used for the request.",
    "A batch job sent {n} requests in parallel without any pacing.",
    "The {system} service was restarting while the request was in flight.",
    "An integration stored the {noun} id before it was created and never refreshed it.",
    "The request body was built by hand and omits `{field}` when it is empty.",
    "A proxy between the client and the API rewrote or dropped a header.",
)

FIXES = (
    (
        "Check the {noun} id",
        "Open the {noun} in the dashboard and copy its id; compare it character by character with "
        "what your code sends.",
    ),
    (
        "Retry with backoff",
        "Wait a few seconds, then send the same request again; double the delay after each failure "
        "and stop after {n} attempts.",
    ),
    (
        "Use the right environment",
        "Make sure the process reads the credentials and ids for its own environment, for example "
        "by logging their prefixes at start-up.",
    ),
    (
        "Refresh the cached {noun}",
        "Fetch the {noun} again with `{endpoint}` before acting on it, instead of relying on a "
        "copy that may be stale.",
    ),
    (
        "Send `{field}` explicitly",
        "Include `{field}` in every request body, even when it holds its default value.",
    ),
    (
        "Recreate the {noun}",
        "Deleted {noun}s cannot be restored: create a new one and update every place that stores "
        "its id.",
    ),
    (
        "Pace bulk requests",
        "Cap the number of parallel requests and spread bulk work over time, so background jobs "
        "leave room for live traffic.",
    ),
    (
        "Ask for a higher limit",
        "If your regular traffic needs more, contact support with the request rate you expect and "
        "the {noun}s involved.",
    ),
)

MISTAKES = (
    (
        "Retrying immediately",
        "Immediate retries count against the same limit and make the problem last longer.",
    ),
    (
        "Hard-coding ids",
        "Ids differ between environments; read the {noun} id from configuration instead.",
    ),
    (
        "Parsing the detail text",
        "The detail is for people and may change; read `{field}` from the response instead.",
    ),
    (
        "Ignoring the status code",
        "A {status} is not the same as a 404 or a 500; handle each status on its own.",
    ),
    (
        "Sharing one key everywhere",
        "One credential for every service makes it impossible to tell which caller failed.",
    ),
    (
        "Caching errors as results",
        "Storing this error as if it were the {noun} hides the real state until the cache expires.",
    ),
)
