"""``python -m explorer``: the same entry point as the ``explorer`` command."""

from explorer.cli import main

raise SystemExit(main())
