"""check-source: the application's Python code against the catalog, read statically."""
