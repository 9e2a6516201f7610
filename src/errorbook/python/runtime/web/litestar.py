"""Litestar: every error the app raises, or the framework makes, as a problem.

Litestar fixes its plugins when the app is made, so this adapter is a plugin:
``Litestar(route_handlers, plugins=[plugin()])``. It registers exception handlers for
`Problem`, Litestar's ``HTTPException`` (unknown routes, wrong methods with their ``Allow``
header), ``ValidationException`` and any other exception (the 500 problem, logged with its
traceback), and adds the catalog's components to the OpenAPI document
(``/schema/openapi.json``), where ``responses(...)`` on a route refers to them.

A problem response (`litestar_response.ProblemResponse`: Litestar's ``Response``, sent for
less) carries the request's id (see `request_id`); other responses are left as they are: a
middleware or a send hook that echoed it on every response cost every Litestar request
about 7% more (`python -m benchmarks --only adapters`).
"""

from __future__ import annotations

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Components, Example, OpenAPIType, Reference, Schema
from litestar.openapi.spec.discriminator import Discriminator
from litestar.plugins import InitPlugin, OpenAPISchemaPlugin

from ..problem import Problem
from . import core, openapi
from .litestar_response import ProblemResponse

TYPE_CHECKING = False
if TYPE_CHECKING:
    import logging
    from collections.abc import Callable
    from typing import Any, ClassVar

    from litestar._openapi.schema_generation import SchemaCreator
    from litestar.config.app import AppConfig
    from litestar.typing import FieldDefinition

    AnyRequest = Request[Any, Any, Any]

__all__ = ["ProblemPlugin", "plugin", "request_id", "responses"]

#: Where the request id is kept in the scope's state.
_STATE_KEY = "request_id"


def plugin(
    *,
    request_id_header: str = core.REQUEST_ID_HEADER,
    new_request_id: Callable[[], str] | None = None,
    logger: logging.Logger | None = None,
    openapi: bool = True,
) -> ProblemPlugin:
    """The plugin to pass as ``Litestar(plugins=[plugin()])``.

    A request's id (its ``request_id_header``, or a new one) is `request_id(request)`, the
    wrapped envelope's ``meta.requestId``, and echoed in the same header of its problem
    responses.

    Args:
        request_id_header: The header a request id is read from and echoed in.
        new_request_id: Makes an id for a request that brings none.
        logger: Where unhandled exceptions are logged (default ``<package>.integrations``).
        openapi: Add the catalog's schemas and responses to the app's OpenAPI document.
    """
    settings = core.Settings(
        request_id_header=request_id_header,
        new_request_id=new_request_id,
        logger=logger,
    )
    return ProblemPlugin(settings, openapi)


def responses(*problem_classes: type[Problem]) -> dict[int, ResponseSpec]:
    """The value of a route's ``responses=``: per status, a ``ResponseSpec`` whose schema is
    a ``oneOf`` of the classes' schemas with a discriminator on ``type``, with each class's
    example body, and a description that links each class's page.

    Example: ``@get("/orders/{order_id:str}", responses=responses(OrderNotFound))``.
    """
    found = {}
    for status, response in openapi.responses(problem_classes).items():
        media = response["content"][Problem._content_type]
        examples: list[Example] = [
            _NamedExample(id=name, summary=example["summary"], value=example["value"])
            for name, example in media["examples"].items()
        ]
        found[status] = ResponseSpec(
            data_container=_union(media["schema"]),
            generate_examples=False,
            description=response["description"],
            media_type=Problem._content_type,
            examples=examples,
        )
    return found


class _NamedExample(Example):
    """An example whose ``id`` names it in the document without being one of its fields,
    which OpenAPI does not allow (Litestar writes it out as one)."""

    @property
    def _exclude_fields(self) -> set[str]:
        return {"id"}


class _ProblemUnion:
    """Stands for a route's problem schema in a ``ResponseSpec``; the plugin gives it."""

    schema: ClassVar[dict[str, Any]] = {}


def _union(schema: dict[str, Any]) -> type[_ProblemUnion]:
    return type("ProblemUnion", (_ProblemUnion,), {"schema": schema})


class ProblemPlugin(InitPlugin, OpenAPISchemaPlugin):
    """The Litestar plugin that `plugin` makes."""

    __slots__ = ("openapi", "settings")

    def __init__(self, settings: core.Settings, with_openapi: bool = True) -> None:
        self.settings = settings
        self.openapi = with_openapi

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        """Add the exception handlers and the components."""
        handlers = app_config.exception_handlers
        handlers[Problem] = self._problem
        handlers[HTTPException] = self._http_error
        handlers[ValidationException] = self._invalid
        handlers[Exception] = self._crash
        config = app_config.openapi_config
        if self.openapi and config is not None:
            import copy

            # A copy: Litestar's default configuration is one object that every app shares.
            config = app_config.openapi_config = copy.copy(config)
            config.components = _WithCatalog.around(config.components)
        return app_config

    @staticmethod
    def is_plugin_supported_type(value: Any) -> bool:
        """The stand-ins of `responses`."""
        return isinstance(value, type) and issubclass(value, _ProblemUnion)

    def to_openapi_schema(
        self, field_definition: FieldDefinition, schema_creator: SchemaCreator
    ) -> Schema:
        """The problem schema a stand-in of `responses` carries."""
        schema = _schema(field_definition.annotation.schema)
        assert isinstance(schema, Schema)
        return schema

    def _problem(self, request: AnyRequest, error: Exception) -> Response[bytes]:
        assert isinstance(error, Problem)
        return self._response(error, request)

    def _http_error(self, request: AnyRequest, error: Exception) -> Response[bytes]:
        assert isinstance(error, HTTPException)
        found = core.for_status(error.status_code, error.detail)
        return self._response(found, request, error.headers)

    def _invalid(self, request: AnyRequest, error: Exception) -> Response[bytes]:
        assert isinstance(error, ValidationException)
        items = error.extra if isinstance(error.extra, list) else []
        invalid = [
            (
                [
                    item.get("source") or "body",
                    *([item["key"]] if "key" in item else []),
                ],
                item["message"],
            )
            for item in items
            if isinstance(item, dict) and "message" in item
        ]
        return self._response(core.for_validation(invalid, error.status_code), request)

    def _crash(self, request: AnyRequest, error: Exception) -> Response[bytes]:
        self.settings.log(error, _request_id(request.scope, self.settings))
        return self._response(core.for_exception(), request)

    def _response(
        self, problem: Problem, request: AnyRequest, extra: Any = None
    ) -> Response[bytes]:
        request_id = _request_id(request.scope, self.settings)
        status, headers, body = core.respond(problem, request_id, self.settings, extra)
        media = headers.pop("Content-Type")
        return ProblemResponse(body, status, headers, media)


def request_id(request: AnyRequest) -> str:
    """The id of the request (its request id header, or a new one)."""
    return _request_id(request.scope, request.app.plugins.get(ProblemPlugin).settings)


def _request_id(scope: Any, settings: core.Settings) -> str:
    """The request's id, made when first asked for and kept in the scope's state."""
    state = scope.setdefault("state", {})
    found = state.get(_STATE_KEY)
    if not isinstance(found, str):
        header = settings.request_id_header.lower().encode("latin-1")
        sent = next((v for k, v in scope["headers"] if k.lower() == header), None)
        found = settings.request_id(sent.decode("latin-1") if sent else None)
        state[_STATE_KEY] = found
    return found


class _WithCatalog(Components):
    """The app's components, whose schemas always hold the catalog's too: Litestar replaces
    ``schemas`` with those of the app's own models when it builds the document."""

    @classmethod
    def around(cls, base: Components | list[Components]) -> _WithCatalog:
        import dataclasses

        merged = cls()
        for part in base if isinstance(base, list) else [base]:
            for field in dataclasses.fields(part):
                value = getattr(part, field.name, None)
                if value:
                    setattr(
                        merged,
                        field.name,
                        {**(getattr(merged, field.name) or {}), **value},
                    )
        return merged

    @property
    def schemas(self) -> dict[str, Any]:
        return self.__dict__.get("_schemas") or {}

    @schemas.setter
    def schemas(self, value: dict[str, Any] | None) -> None:
        self.__dict__["_schemas"] = {**openapi.components()["schemas"], **(value or {})}

    @property
    def responses(self) -> dict[str, Any]:
        return self.__dict__.get("_responses") or {}

    @responses.setter
    def responses(self, value: dict[str, Any] | None) -> None:
        self.__dict__["_responses"] = {
            **openapi.components()["responses"],
            **(value or {}),
        }


def _schema(value: dict[str, Any]) -> Schema | Reference:
    """A problem union (a ``oneOf`` of references, maybe inside the wrapped envelope) as
    Litestar's schema objects."""
    if "$ref" in value:
        return Reference(ref=value["$ref"])
    arguments: dict[str, Any] = {}
    for key, item in value.items():
        if key == "oneOf":
            arguments["one_of"] = [_schema(part) for part in item]
        elif key == "properties":
            properties = {name: _schema(part) for name, part in item.items()}
            arguments["properties"] = properties
        elif key == "type":
            arguments["type"] = OpenAPIType(item)
        elif key == "discriminator":
            arguments["discriminator"] = Discriminator(
                property_name=item["propertyName"], mapping=item.get("mapping")
            )
        else:
            arguments[key] = item  # description, required: the same name in Schema
    return Schema(**arguments)
