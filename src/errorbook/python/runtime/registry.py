"""Which class a code or type URI names: the package's registry.

The package's root module calls `configure` once with the catalog's registry; the classes
themselves are imported only when a code or type URI first asks for them.
"""

from __future__ import annotations

from .problem import Problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping, Sequence
    from typing import Any

_ENVELOPES = ("rfc9457", "wrapped")
_package = ""
_base_uri = ""
_classes: Mapping[str, str] = {}
_types: Mapping[str, str] = {}
_aliases: Mapping[str, Sequence[str]] = {}
_uris: dict[str, str] | None = None
_by_key: dict[str, type[Problem]] = {}
_by_uri: dict[str, type[Problem]] = {}


def configure(
    package: str,
    *,
    base_uri: str,
    envelope: str,
    content_type: str,
    classes: Mapping[str, str],
    types: Mapping[str, str],
    aliases: Mapping[str, Sequence[str]],
) -> None:
    """Set up this copy of the runtime for its package; the package's root calls it once.

    Args:
        package: The package's import name (the root's ``__name__``).
        base_uri: The catalog's base URI: an entry's type URI is it followed by the code,
            unless ``types`` says otherwise.
        envelope: ``rfc9457`` (flat bodies) or ``wrapped`` (``{"meta": ..., "error": ...}``).
        content_type: The Content-Type of every response body.
        classes: Each entry's class name by code; the class lives in the module of the code's
            folder.
        types: The type URIs that are not ``base_uri`` followed by the code, by code.
        aliases: The former type URIs of an entry, by code.
    """
    global _package, _base_uri, _classes, _types, _aliases, _uris
    if envelope not in _ENVELOPES:
        raise ValueError(f"envelope must be one of {_ENVELOPES}, got {envelope!r}")
    _package, _base_uri = package, base_uri
    _classes, _types, _aliases = classes, types, aliases
    _uris = None
    _by_key.clear()
    _by_uri.clear()
    Problem._content_type = content_type
    Problem._wrapped = envelope == "wrapped"


def lookup(key: str) -> type[Problem]:
    """The class of a code, a type URI or a former type URI (alias).

    Raises:
        KeyError: No entry of the catalog has that code or URI.
    """
    if not isinstance(key, str):
        raise KeyError(key)
    cls = _by_key.get(key)
    if cls is None:
        code = key if key in _classes else (_uris or _index()).get(key)
        if code is None:
            raise KeyError(key)
        cls = _by_key[key] = _load_class(code)
    return cls


def type_class(type_uri: str) -> type[Problem] | None:
    """The class of a type URI or former type URI, or None when no entry has it."""
    cls = _by_uri.get(type_uri)
    if cls is not None:
        return cls
    code = (_uris or _index()).get(type_uri)
    if code is None:
        return None
    cls = _by_uri[type_uri] = _load_class(code)
    return cls


def _index() -> dict[str, str]:
    """Every type URI and former type URI, with the code it names."""
    global _uris
    uris = {_types.get(code) or _base_uri + code: code for code in _classes}
    for code, former in _aliases.items():
        uris.update(dict.fromkeys(former, code))
    _uris = uris
    return uris


def _load_class(code: str) -> type[Problem]:
    import importlib

    # The module of the code's folder, named as errorbook.model.naming names it: "-" is "_",
    # and an entry of the catalog folder itself lives in the root.
    folder = code.rpartition("/")[0].replace("-", "_").replace("/", ".")
    module = importlib.import_module(f"{_package}.{folder}" if folder else _package)
    cls: type[Problem] = getattr(module, _classes[code])
    return cls


def submodules(package: str, names: Collection[str]) -> Callable[[str], Any]:
    """A PEP 562 ``__getattr__`` that imports a package's subfolders when first used."""

    def __getattr__(name: str) -> Any:
        if name in names:
            import importlib

            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
