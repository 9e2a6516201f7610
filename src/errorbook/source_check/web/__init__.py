"""Web frameworks: how each declares its routes and what runs around them, read from the source."""
