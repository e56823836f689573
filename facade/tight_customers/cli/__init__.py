"""The `tight-customers` command line (extra `cli`): `tight-customers --help`."""

from tight_customers.cli._app import app, main

__all__ = ["app", "main"]
