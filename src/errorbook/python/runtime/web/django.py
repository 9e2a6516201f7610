"""Django, and Django REST framework: every error a view raises, or Django makes, as a problem.

Add ``<package>.integrations.django.ProblemMiddleware`` to ``MIDDLEWARE`` (first, so it sees
every response). It gives each request its id (``request.request_id``, echoed in the same
header of a problem response), turns what a view
raises into a problem (`Problem`, ``Http404``, ``PermissionDenied``, ``SuspiciousOperation``,
``BadRequest``, and any other exception as the logged 500 problem), and replaces Django's own
HTML error pages (an unknown route's 404, a wrong method's 405) with the problem of their
status. With REST framework, set ``REST_FRAMEWORK["EXCEPTION_HANDLER"]`` to
``"<package>.integrations.django.exception_handler"`` too. The options that the other
adapters' ``install`` takes go in the ``ERRORBOOK_ADAPTER`` setting, as a dict.
"""

from __future__ import annotations

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse

from ..problem import Problem
from . import core

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from typing import Any

__all__ = ["ProblemMiddleware", "exception_handler"]

#: The setting that holds the adapter's options, as a dict of the keyword arguments the other
#: adapters' ``install`` takes (``request_id_header``, ``new_request_id``, ``logger``).
SETTING = "ERRORBOOK_ADAPTER"
_REQUEST_ID = "request_id"
_settings: core.Settings | None = None


def _configured(fresh: bool = False) -> core.Settings:
    """The options, read from the settings when the middleware is made (and kept for REST
    framework's handler, which has no other place to read them from)."""
    global _settings
    if _settings is None or fresh:
        from django.conf import settings

        _settings = core.Settings(**getattr(settings, SETTING, {}))
    return _settings


class ProblemMiddleware:
    """Django middleware: request ids, and every error response as a problem."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.settings = _configured(fresh=True)
        # The header's META key: request.headers would build a mapping of every header.
        self.key = _meta_key(self.settings.request_id_header)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = self.settings.request_id(request.META.get(self.key))
        setattr(request, _REQUEST_ID, request_id)
        response = self.get_response(request)
        if response.status_code >= 400 and _is_django_page(response):
            allow = response.get("Allow")
            extra = {"Allow": allow} if allow else None
            problem = core.for_status(response.status_code)
            response = _response(problem, request_id, extra)
        return response

    def process_exception(
        self,
        request: HttpRequest,
        exception: Exception,
    ) -> HttpResponse:
        """The problem for what a view raised; an unknown exception is logged first."""
        request_id = _request_id(request)
        problem = _known(exception)
        if problem is None:
            self.settings.log(exception, request_id)
            problem = core.for_exception()
        return _response(problem, request_id)


def _meta_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


def _is_django_page(response: HttpResponse) -> bool:
    """Whether an error response is one of Django's own pages (HTML, or the empty body of
    ``HttpResponseNotAllowed``), not a problem or an API response the app made."""
    media = response.get("Content-Type", "").partition(";")[0].strip().lower()
    return media == "text/html"


def _known(exception: Exception) -> Problem | None:
    if isinstance(exception, Problem):
        return exception
    for kind, status in _STATUSES:
        if isinstance(exception, kind):
            return core.for_status(status)
    return None


_STATUSES: tuple[tuple[type[Exception], int], ...] = (
    (Http404, 404),
    (PermissionDenied, 403),
    (SuspiciousOperation, 400),
    (BadRequest, 400),
)


def _request_id(request: Any) -> str:
    found = getattr(request, _REQUEST_ID, None)
    if isinstance(found, str):
        return found
    settings = _configured()
    found = settings.request_id(request.META.get(_meta_key(settings.request_id_header)))
    setattr(request, _REQUEST_ID, found)
    return found


def _response(
    problem: Problem, request_id: str, extra: Mapping[str, str] | None = None
) -> HttpResponse:
    status, headers, body = core.respond(problem, request_id, _configured(), extra)
    return HttpResponse(body, status=status, headers=headers)


def exception_handler(
    exception: Exception,
    context: Mapping[str, Any],
) -> HttpResponse | None:
    """REST framework's ``EXCEPTION_HANDLER``: its errors, Django's and problems as problems.

    A ``ValidationError`` becomes the ``validation`` problem with one item per field error;
    another ``APIException`` the problem of its status, with its headers (``Retry-After`` of
    a throttled request, ``WWW-Authenticate`` of an unauthenticated one). Anything else is
    left to Django (None), where `ProblemMiddleware` turns it into the 500 problem.
    """
    from rest_framework import exceptions

    request = context.get("request")
    request_id = _request_id(request)
    problem = _known(exception)
    extra: dict[str, str] = {}
    if isinstance(exception, exceptions.ValidationError):
        problem = core.for_validation(_invalid(exception.detail, ["body"]), status=400)
    elif isinstance(exception, exceptions.APIException) and problem is None:
        problem = core.for_status(exception.status_code, _own_detail(exception))
        extra = _api_headers(exception, request, context)
    if problem is None:
        return None
    return _response(problem, request_id, extra)


def _own_detail(exception: Any) -> str | None:
    """The application's own message, not REST framework's wording of the status (which
    it may format, as in 'Method "PUT" not allowed.')."""
    detail, default = exception.detail, str(exception.default_detail)
    if not isinstance(detail, str) or detail == default or "{" in default:
        return None
    return detail


def _invalid(detail: Any, where: list[str]) -> Iterator[tuple[list[str], str]]:
    """REST framework's nested error details as (location, message) pairs."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            inner = where if key == "non_field_errors" else [*where, str(key)]
            yield from _invalid(value, inner)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            nested = isinstance(value, dict | list)
            yield from _invalid(value, [*where, str(index)] if nested else where)
    else:
        yield where, str(detail)


def _api_headers(
    exception: Any,
    request: Any,
    context: Mapping[str, Any],
) -> dict[str, str]:
    headers: dict[str, str] = {}
    wait = getattr(exception, "wait", None)
    if isinstance(wait, int | float):
        headers["Retry-After"] = str(int(wait))
    view = context.get("view")
    authenticate = getattr(view, "get_authenticate_header", None)
    unauthenticated = exception.status_code == 401 and request is not None
    if authenticate is not None and unauthenticated:
        value = authenticate(request)
        if value:
            headers["WWW-Authenticate"] = value
    return headers
