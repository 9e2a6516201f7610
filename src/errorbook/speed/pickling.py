"""A base for errorbook's frozen, slotted dataclasses that makes them cheap to pickle.

Workers send every loaded entry back to the parent process. On Python 3.11 a slotted
dataclass pickles through a ``__getstate__`` that calls `dataclasses.fields` for every object,
which made unpickling a 10,000-entry catalog cost the parent seconds. Rebuilding each record
through its own constructor gives the same object, several times faster.
"""

from __future__ import annotations

from typing import Any, ClassVar


class Record:
    """Mix into a ``@dataclass(frozen=True, slots=True)`` whose fields are all ``__init__``
    arguments."""

    __slots__ = ()
    __match_args__: ClassVar[tuple[str, ...]]

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        return type(self), tuple([getattr(self, name) for name in self.__match_args__])
