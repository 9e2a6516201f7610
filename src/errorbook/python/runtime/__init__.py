"""The fixed part of every generated problem package: standard-library Python, copied verbatim.

errorbook writes these modules into each generated package as its ``_runtime`` folder, under
the same names, so their relative imports work in both places. Everything that depends on the
catalog (the classes, the registry, the envelope) lives in the generated modules, which call
`registry.configure` once; each generated package holds its own copy of these modules, so
several packages in one process never share state. Nothing here imports errorbook.
"""
