"""What one Python file says, as plain data: everything check-source needs from its syntax tree.

`extract` builds one `FileFacts` per file, in a worker process; everything after that works on
these records and never sees a syntax tree. Names are already resolved within the file (which
import, definition or variable a name stands for, in its scope), but not across files: that
needs every file's facts, and is `resolve`'s job. Positions are 1-based lines and columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from errorbook.speed.pickling import Record

#: ``import``: ``import a.b`` (binding ``a``) or ``import a.b as m`` (binding ``m`` to ``a.b``);
#: ``from``: ``from a import b``; ``def``: a function or class of this file (``name`` is its
#: qualified name); ``var``: a variable of this file assigned a call or a list (``name`` is
#: ``scope:variable``); ``builtin``: a name no scope binds.
OriginKind = Literal["import", "from", "def", "var", "builtin"]

#: What is done with the result of a call: it is called in turn, or raised.
Then = Literal["call", "raise"]
#: How a use meets the name: an ``import`` statement; a ``call`` (construction, when it names a
#: class); a ``raise`` of the name itself (Python constructs it without arguments); ``except``,
#: ``isinstance`` and ``subclass`` (class bases); any other ``reference``.
UseKind = Literal["import", "call", "raise", "except", "isinstance", "subclass", "reference"]

#: The Python type of a literal argument.
LiteralType = Literal[
    "str", "int", "float", "bool", "None", "bytes", "list", "dict", "tuple", "set"
]


@dataclass(frozen=True, slots=True)
class Origin(Record):
    """Where a name of a file comes from (see `OriginKind`).

    Attributes:
        kind: The kind of binding.
        module: For imports: the module as written, without leading dots.
        name: The imported name, the definition's qualified name, or the variable's key.
        level: For imports: the number of leading dots of a relative import.
    """

    kind: OriginKind
    module: str = ""
    name: str = ""
    level: int = 0


@dataclass(frozen=True, slots=True)
class Argument(Record):
    """One argument of a call.

    Attributes:
        keyword: The keyword; ``None`` for a positional argument, ``*`` and ``**`` for unpacking.
        literal: The type of a literal value, or None when the value is not a literal.
        text: A short rendering of the literal, for messages.
    """

    keyword: str | None
    literal: LiteralType | None
    line: int
    column: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Use(Record):
    """One place a name from an import or a definition is used.

    Attributes:
        origin: What the first name of the chain stands for.
        names: The chain as written: the first name, then each attribute (``m.data.Cls``).
        positions: Where each name of the chain starts, as (line, column).
        kind: How the chain is used.
        line: The line of the chain's first name; ``column`` likewise.
        arguments: For a ``call``: its arguments.
        literal: For a ``call`` whose first argument is a string literal: that string (so a
            ``lookup("code")`` is checked).
        then: For a call whose result is itself called or raised: ``call`` or ``raise``.
        then_arguments: The arguments of that second call.
        function: The index in `FileFacts.functions` of the function it is in; -1 at the top.
    """

    origin: Origin
    names: tuple[str, ...]
    positions: tuple[tuple[int, int], ...]
    kind: UseKind
    line: int
    column: int
    arguments: tuple[Argument, ...] = ()
    literal: str | None = None
    then: Then | None = None
    then_arguments: tuple[Argument, ...] = ()
    function: int = -1


@dataclass(frozen=True, slots=True)
class Expr(Record):
    """A summary of an expression a framework reads: a decorator, a route table, a dependency.

    Attributes:
        kind: ``literal``, ``list`` (a list or tuple), ``ref`` (a name chain), ``call`` or
            ``other``.
        value: The value of a literal.
        origin: For ``ref``, and for a ``call`` of a name chain: what its first name stands for.
        names: That chain.
        items: The items of a list; the positional arguments of a call.
        keywords: The keyword arguments of a call.
    """

    kind: Literal["literal", "list", "ref", "call", "other"]
    line: int
    column: int
    value: str | int | float | bool | None = None
    origin: Origin | None = None
    names: tuple[str, ...] = ()
    items: tuple[Expr, ...] = ()
    keywords: tuple[tuple[str, Expr], ...] = ()

    def keyword(self, name: str) -> Expr | None:
        """The value of a keyword argument, or None."""
        return next((value for key, value in self.keywords if key == name), None)

    @property
    def attribute(self) -> str:
        """The last name of the chain: the method of ``app.get(...)``."""
        return self.names[-1] if self.names else ""


@dataclass(frozen=True, slots=True)
class Function(Record):
    """A function or method definition.

    Attributes:
        qualname: Dotted, through classes and functions: ``Service.fetch``.
        decorators: Each decorator, summarised.
        dependencies: Calls found in parameter defaults and ``Annotated`` metadata, where
            frameworks put dependencies (FastAPI's ``Depends(check_key)``).
        dynamic: Methods called on values (``service.fetch()``): which code runs depends on the
            value, so the call cannot be followed. Each is ``(method, line, column)``.
    """

    qualname: str
    line: int
    column: int
    decorators: tuple[Expr, ...] = ()
    dependencies: tuple[Expr, ...] = ()
    dynamic: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class ClassInfo(Record):
    """A class definition: its bases, its simple class attributes and its methods."""

    qualname: str
    line: int
    column: int
    bases: tuple[Expr, ...] = ()
    decorators: tuple[Expr, ...] = ()
    attributes: tuple[tuple[str, Expr], ...] = ()
    methods: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Assignment(Record):
    """``name = <call or list>`` (or ``+=``) in a scope: an app, a router, a URL table."""

    key: str
    value: Expr
    augmented: bool = False


@dataclass(frozen=True, slots=True)
class StarImport(Record):
    """``from module import *``: the names it binds cannot be known without guessing."""

    module: str
    level: int
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Unreadable(Record):
    """Why a file could not be read or parsed, and where."""

    message: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class FileFacts(Record):
    """Everything check-source knows about one file.

    Attributes:
        path: The file.
        lines: How many lines it has.
        uses: Every use of a name that comes from an import or a definition of the application.
        functions: Every function and method, in source order.
        classes: Every class, in source order.
        assignments: Variables assigned a call or a list, by key (see `Origin`).
        calls: Statement-level method calls frameworks register things with
            (``app.include_router(...)``), with the index of their function (-1 at the top).
        exports: The top-level names and what each stands for; a name bound in several
            different ways is left out.
        stars: Its star imports.
        strings: String literals that could be a code or a type URI (collected in tests).
        problem: Why the file could not be parsed; then every other part is empty.
    """

    path: Path
    lines: int = 0
    uses: tuple[Use, ...] = ()
    functions: tuple[Function, ...] = ()
    classes: tuple[ClassInfo, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    calls: tuple[tuple[int, Expr], ...] = ()
    exports: tuple[tuple[str, Origin], ...] = ()
    stars: tuple[StarImport, ...] = ()
    strings: frozenset[str] = frozenset()
    problem: Unreadable | None = None

    @property
    def is_package(self) -> bool:
        """True for a package's ``__init__.py``: its relative imports start in its own folder."""
        return self.path.name == "__init__.py"
