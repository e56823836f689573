"""`public`: marks a class as part of the `tight_customers` namespace.

Public classes live in private modules; their `__module__` is set to the package users import
them from, so reprs, tracebacks and pickles name `tight_customers.NotFoundError`, never
`tight_customers._exceptions.NotFoundError`.
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["PACKAGE", "public"]

PACKAGE = "tight_customers"
C = TypeVar("C", bound=type)


def public(cls: C) -> C:
    """Class decorator: `cls.__module__` becomes `tight_customers`."""
    cls.__module__ = PACKAGE
    return cls
