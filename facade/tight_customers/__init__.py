"""tight_customers: the Python SDK for the Tight customers API (v6)."""

from tight_customers._version import __version__

__all__ = ["__version__"]
