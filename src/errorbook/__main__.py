"""``python -m errorbook``: the command-line interface."""

from errorbook.cli import main

raise SystemExit(main())
