"""The base class of every problem type: construct, check, serialise, pickle.

A catalog entry is a subclass that states its facts as class keywords and declares a typed
keyword-only constructor for its members, which hands them to `Problem._setup` in the order of
its member table::

    class ApiNotFound(
        Problem,
        code="data/api_not_found",
        type="https://errors.example.com/data/api_not_found",
        status=404,
        title="Not Found",
        default_detail="The API {apiId} does not exist.",
        members=[("apiId", "api_id", "string", True)],
    ):
        __slots__ = ("api_id",)
        api_id: str

        def __init__(self, *, api_id: str, detail: str | None = None, ...) -> None:
            self._setup(detail, instance, extensions, api_id)

Everything else (type checks, the detail, `to_dict`, the headers) comes from that table.
"""

from __future__ import annotations

from .json_text import encode
from .tables import Tables, json_layout
from .values import (
    KINDS,
    checked_extensions,
    header_text,
    is_delay,
    reason,
    text,
    wrong_type,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from typing import Any, ClassVar, NoReturn

    from .tables import Layout, Member

    #: One response header: its name and its value, a template of ``{member}`` placeholders.
    Header = tuple[str, str]


class Problem(Exception):
    """An RFC 9457 problem: raise it, send it, and get it back with ``parse``.

    Every catalog entry is a subclass that fixes ``code``, ``type``, ``status``, ``title``
    and ``default_detail`` (the detail template: ``{member}`` placeholders name members)
    and takes its extension members as typed keyword arguments. A plain ``Problem`` stands
    for a type the package does not know: ``parse`` returns one for such a body,
    ``Problem()`` is an unexpected server error, and ``Problem.generic(404)`` is the
    ``about:blank`` problem of any status.
    """

    __slots__ = ("detail", "extensions", "instance")

    code: ClassVar[str | None] = None
    type: str = "about:blank"
    title: str = "Internal Server Error"
    status: int = 500
    default_detail: ClassVar[str] = "Internal Server Error"
    detail: str
    instance: str | None
    extensions: Mapping[str, Any]
    request_id: str | None = None
    _members: ClassVar[tuple[Member, ...]] = ()
    _headers: ClassVar[tuple[Header, ...]] = ()
    _deprecation: ClassVar[str | None] = None
    _tables: ClassVar[Tables]
    # Set for the whole package by its registry's configure().
    _content_type: ClassVar[str] = "application/problem+json"
    _wrapped: ClassVar[bool] = False

    def __init_subclass__(
        cls,
        *,
        code: str | None = None,
        type: str | None = None,
        status: int | None = None,
        title: str | None = None,
        default_detail: str | None = None,
        members: Sequence[Member] | None = None,
        headers: Sequence[Header] | None = None,
        deprecation: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Keep the facts a catalog entry states; a subclass inherits those it does not."""
        super().__init_subclass__(**kwargs)
        if code is not None:
            cls.code = code
        if type is not None:
            cls.type = type
        if status is not None:
            cls.status = status
        if title is not None:
            cls.title = title
        if default_detail is not None:
            cls.default_detail = default_detail
        if members is not None:
            cls._members = tuple(members)
        if headers is not None:
            cls._headers = tuple(headers)
        if deprecation is not None:
            cls._deprecation = deprecation
        cls._tables = Tables(cls._members, cls.default_detail, cls._headers)

    def __init__(
        self,
        *,
        detail: str | None = None,
        instance: str | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> None:
        self._setup(detail, instance, extensions)

    def _setup(
        self,
        detail: str | None,
        instance: str | None,
        extensions: Mapping[str, Any] | None,
        *values: object,
    ) -> None:
        """Check and keep the constructor's arguments; ``values`` follow the members."""
        tables = self._tables
        exact = tuple(map(type, values)) == tables.usual
        if not exact or tables.delays:
            for index in self._invalid(values):
                self._refuse(index, values[index])
        # zip's strict= would cost a tenth of the constructor: the lengths match, as the
        # class's constructor passes one value per member.
        for attribute, value in zip(tables.attributes, values):  # noqa: B905
            setattr(self, attribute, value)
        if detail is None:
            detail = self._fill(values, exact)
        self._finish(detail, instance, extensions)
        if self._deprecation is not None:
            import warnings

            # The caller of the constructor is the one to warn: two frames up from here.
            warnings.warn(self._deprecation, DeprecationWarning, stacklevel=3)

    @classmethod
    def _invalid(cls, values: Sequence[object]) -> Iterator[int]:
        """The position of each value that its member does not take: one of another
        type, a missing required one, or a negative or fractional Retry-After delay."""
        delays = cls._tables.delays
        for index, (_, _, kind, required) in enumerate(cls._members):
            value = values[index]
            if value is None:
                valid = not required
            else:
                delay = index not in delays or is_delay(value)
                valid = delay and KINDS[kind][1](value)
            if not valid:
                yield index

    def _refuse(self, index: int, value: object) -> NoReturn:
        _, attribute, kind, required = self._members[index]
        name = type(self).__name__
        if KINDS[kind][1](value):
            message = f"{name}: {attribute} must be 0 or more, in whole seconds"
            raise ValueError(f"{message}: it is the Retry-After header, got {value!r}")
        expected = KINDS[kind][2] + ("" if required else " or None")
        wrong_type(name, attribute, expected, value)

    def _finish(
        self,
        detail: str,
        instance: str | None,
        extensions: Mapping[str, Any] | None,
    ) -> None:
        if not isinstance(detail, str):
            wrong_type(type(self).__name__, "detail", "str or None", detail)
        if instance is not None and not isinstance(instance, str):
            wrong_type(type(self).__name__, "instance", "str or None", instance)
        self.detail = detail
        self.instance = instance
        if extensions is None:
            self.extensions = {}
        else:
            taken = self._tables.known
            self.extensions = checked_extensions(type(self).__name__, extensions, taken)

    def _fill(self, values: Sequence[object], exact: bool = False) -> str:
        """The default detail: the template, each placeholder replaced by its member's
        value (``values`` follow the member table; ``exact``: each is of its usual class,
        so a string needs no conversion)."""
        tables = self._tables
        if tables.plan is None:
            return tables.detail
        template, pick, strings, positions = tables.plan
        picked = pick(values)
        if None in picked:
            name, attribute, _, _ = self._members[positions[picked.index(None)]]
            raise TypeError(
                f"{type(self).__name__}: pass {attribute}= or detail=, because the "
                f"default detail {self.default_detail!r} uses the member {name}"
            )
        return template % (picked if strings and exact else tuple(map(text, picked)))

    @staticmethod
    def generic(
        status: int,
        *,
        type: str = "about:blank",
        title: str | None = None,
        detail: str | None = None,
        instance: str | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> Problem:
        """A plain Problem of any type and status; ``title`` defaults to the reason phrase
        and ``detail`` to the title, as RFC 9457 recommends for ``about:blank``."""
        problem = Problem.__new__(Problem)
        if not isinstance(status, int) or isinstance(status, bool):
            wrong_type("Problem", "status", "int", status)
        if not 100 <= status <= 599:
            message = f"Problem: status must be an HTTP status (100-599), got {status}"
            raise ValueError(message)
        if not isinstance(type, str):
            wrong_type("Problem", "type", "str", type)
        if title is None:
            title = reason(status)
        elif not isinstance(title, str):
            wrong_type("Problem", "title", "str or None", title)
        # Only a plain Problem carries its own type, title and status; subclasses fix them.
        problem.type = type
        problem.title = title
        problem.status = status
        problem._finish(title if detail is None else detail, instance, extensions)
        return problem

    def to_dict(self) -> dict[str, Any]:
        """The RFC 9457 problem object: type, title, status, detail, instance, the
        declared members, then the extensions."""
        data: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.instance is not None:
            data["instance"] = self.instance
        for name, attribute, _, _ in self._members:
            value = getattr(self, attribute)
            if value is not None:
                data[name] = value
        if self.extensions:
            data.update(self.extensions)
        return data

    def to_json(self) -> bytes:
        """`to_dict` as compact JSON bytes."""
        cls = type(self)
        try:
            layout = _layouts[cls]
        except KeyError:
            layout = _layout(cls)
        if (
            layout is None
            or self.type is not cls.type
            or self.title is not cls.title
            or self.status is not cls.status
        ):
            return encode(self.to_dict()).encode()
        # The class's own type, title, status and member names are JSON already: only
        # the values are encoded, in the order of to_dict().
        head, keys = layout
        parts = [head, encode(self.detail)]
        if self.instance is not None:
            parts += (',"instance":', encode(self.instance))
        for key, attribute in keys:
            value = getattr(self, attribute)
            if value is not None:
                parts += (key, encode(value))
        if self.extensions:
            parts += (",", encode(self.extensions)[1:-1])
        parts.append("}")
        return "".join(parts).encode()

    def body(self, request_id: str | None = None) -> dict[str, Any]:
        """The response body in the catalog's envelope.

        Flat (``rfc9457``): the problem object, `to_dict`; ``request_id`` is accepted for
        symmetry and not sent, since the flat object has no member for it (pass
        ``instance=`` to identify the occurrence). Wrapped: ``{"meta": {"requestId": ...},
        "error": to_dict()}``, where ``request_id`` defaults to the one ``parse`` found and
        ``meta`` is empty when neither is set.
        """
        if not self._wrapped:
            return self.to_dict()
        meta: dict[str, Any] = {}
        if request_id is None:
            request_id = self.request_id
        if request_id is not None:
            meta["requestId"] = request_id
        return {"meta": meta, "error": self.to_dict()}

    def headers(self) -> dict[str, str]:
        """The response headers: Content-Type, then every header the type documents a
        value for, except one whose value needs a member that is not set."""
        headers = {"Content-Type": self._content_type}
        values: dict[str, str] | None = None
        for name, template in self._headers:
            if "{" not in template and "}" not in template:
                headers[name] = template
                continue
            if values is None:
                values = self._header_values()
            try:
                headers[name] = template.format_map(values)
            except KeyError:
                continue  # a placeholder names a member that is not set
        return headers

    def _header_values(self) -> dict[str, str]:
        values = {}
        for name, attribute, _, _ in self._members:
            value = getattr(self, attribute)
            if value is not None:
                values[name] = header_text(value)
        return values

    def __str__(self) -> str:
        return self.detail

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.to_dict()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return _restore, (type(self), _state(self))


Problem._tables = Tables((), Problem.default_detail, ())
#: Each class's JSON layout (see `json_layout`), made when it is first needed; None for a
#: class whose own to_dict() decides its members.
_layouts: dict[type[Problem], Layout | None] = {}


def _layout(cls: type[Problem]) -> Layout | None:
    layout = None
    if cls.to_dict is Problem.to_dict:
        layout = json_layout(cls.type, cls.title, cls.status, cls._members)
    _layouts[cls] = layout
    return layout


def _state(problem: Problem) -> dict[str, Any]:
    """Every attribute of the instance: its slots, then its ``__dict__``."""
    state: dict[str, Any] = {}
    for cls in reversed(type(problem).__mro__):
        slots = cls.__dict__.get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if name not in ("__dict__", "__weakref__") and hasattr(problem, name):
                state[name] = getattr(problem, name)
    state.update(vars(problem))
    return state


def _restore(cls: type[Problem], state: dict[str, Any]) -> Problem:
    """Unpickle: the same class with the same attributes, without running its constructor."""
    problem = cls.__new__(cls)
    for name, value in state.items():
        setattr(problem, name, value)
    return problem
