"""A stand-in for Unkey's analytics database: the checks a query passes before and while it
runs, on a fake engine whose tables have sizes but no rows."""

from __future__ import annotations

import datetime
import re

from unkey_errors.unkey import data
from unkey_errors.user import bad_request, too_many_requests, unprocessable_entity

from .settings import SETTINGS
from .store import Workspace

#: The public tables, and how many rows each holds.
TABLES = {
    "key_verifications_v1": 50_000_000,
    "key_verifications_per_minute_v1": 2_000_000,
    "key_verifications_per_hour_v1": 40_000,
    "key_verifications_per_day_v1": 2_000,
    "key_verifications_per_month_v1": 100,
}
FUNCTIONS = {"count", "sum", "avg", "min", "max", "toStartOfHour", "toStartOfDay", "countIf"}
QUOTA_WINDOW = 60
_TABLE = re.compile(r"\bFROM\s+([A-Za-z_][A-Za-z0-9_.]*)", re.IGNORECASE)
_CALL = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*\(")
_SINCE = re.compile(r"\btime\s*>=\s*'(\d{4}-\d{2}-\d{2})'", re.IGNORECASE)


def run_query(workspace: Workspace, sql: str) -> list[dict[str, int]]:
    """Check ``sql`` and run it for ``workspace``."""
    if workspace.analytics == "none":
        raise data.AnalyticsNotConfigured()
    check_query(sql, workspace.retention_days)
    if workspace.queries_left <= 0:
        raise too_many_requests.QueryQuotaExceeded(retry_after=QUOTA_WINDOW)
    workspace.queries_left -= 1
    if workspace.analytics == "offline":
        raise data.AnalyticsConnectionFailed()
    return execute(sql)


def check_query(sql: str, retention_days: int) -> None:
    """Refuse what is not one read-only query over the public tables, within retention."""
    statement = sql.strip().rstrip(";")
    if not statement.upper().startswith("SELECT"):
        raise bad_request.InvalidAnalyticsQueryType(errors=["only SELECT statements run"])
    if statement.count("(") != statement.count(")") or not _TABLE.search(statement):
        raise bad_request.InvalidAnalyticsQuery(errors=["the query does not parse"])
    for table in _TABLE.findall(statement):
        if table not in TABLES:
            raise bad_request.InvalidAnalyticsTable(table=table)
    for function in _CALL.findall(statement):
        if function not in FUNCTIONS:
            raise bad_request.InvalidAnalyticsFunction(function=function)
    since = _SINCE.search(statement)
    oldest = datetime.date.today() - datetime.timedelta(days=retention_days)
    if since is not None and datetime.date.fromisoformat(since.group(1)) < oldest:
        raise bad_request.QueryRangeExceedsRetention(
            retention_days=retention_days,
            queried_from=since.group(1),
            available_from=oldest.isoformat(),
        )


def execute(sql: str) -> list[dict[str, int]]:
    """Run a checked query on the fake engine, which enforces the per-query limits."""
    rows = sum(TABLES[table] for table in _TABLE.findall(sql))
    filtered = " WHERE " in sql.upper()
    if rows > SETTINGS.max_query_rows and not filtered:
        raise unprocessable_entity.QueryRowsLimitExceeded()
    if "ORDER BY" in sql.upper() and rows > SETTINGS.max_query_rows // 10:
        raise unprocessable_entity.QueryMemoryLimitExceeded()  # sorting needs every row in memory
    if " LIKE '%" in sql.upper():
        raise unprocessable_entity.QueryExecutionTimeout()  # a leading wildcard scans every value
    return [{"count": rows}]
