"""The web-framework adapters' fixed part: standard-library core, one module per framework.

errorbook copies `core` and `openapi`, and the modules of each framework the configuration
names, into the generated package's ``_runtime/web`` folder; the package's ``integrations``
subpackage configures `core` with the catalog's error map and re-exports each framework's
``install`` (or ``plugin``, or middleware). A framework module imports its framework, so it is
imported only by the application that uses it; nothing else of the package imports it.
"""
