"""tight_customers: the Python SDK for the Tight customers API (v6).

Example:
    >>> from tight_customers import TightClient, F, Sort
    >>> (F.name.contains("acme") & F.status.in_(["ACTIVE"])).to_dict()
    {'name': {'contain': 'acme'}, 'status': {'in': ['ACTIVE']}}
"""

from tight_customers._adapter import Customer
from tight_customers._client import AsyncTightClient, TightClient
from tight_customers._exceptions import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ErrorDetail,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    ResponseParseError,
    ServerError,
    TightError,
)
from tight_customers._filters import F, Filter
from tight_customers._logging import setup_logging
from tight_customers._pagination import AsyncPage, Page
from tight_customers._sort import Sort
from tight_customers._version import __version__

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncPage",
    "AsyncTightClient",
    "AuthenticationError",
    "BadRequestError",
    "Customer",
    "ErrorDetail",
    "F",
    "Filter",
    "NotFoundError",
    "Page",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseParseError",
    "ServerError",
    "Sort",
    "TightClient",
    "TightError",
    "__version__",
]

setup_logging()
