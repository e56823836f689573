"""tight_customers: the Python SDK for the Tight customers API (v6).

Example:
    >>> from tight_customers import TightClient, F, Sort
    >>> (F.name.contains("acme") & F.status.in_(["ACTIVE"])).to_dict()
    {'name': {'contain': 'acme'}, 'status': {'in': ['ACTIVE']}}
"""

import importlib
from typing import TYPE_CHECKING, Any

from tight_customers._logging import setup_logging
from tight_customers._version import __version__

# The public names: name → the module that defines it. Imported on first use (PEP 562), so that
# `import tight_customers.sandbox` or the CLI's --help never loads the HTTP client. Type
# checkers need `__all__` and the TYPE_CHECKING imports spelled out, so the names are written
# three times; tests/facade/test_exports.py fails unless all three agree.
_EXPORTS = {
    "APIConnectionError": "tight_customers._exceptions",
    "APIError": "tight_customers._exceptions",
    "APITimeoutError": "tight_customers._exceptions",
    "Address": "tight_customers._adapter",
    "AsyncPage": "tight_customers._pagination",
    "AsyncTightClient": "tight_customers._client",
    "AuthenticationError": "tight_customers._exceptions",
    "BadRequestError": "tight_customers._exceptions",
    "ClassLabel": "tight_customers._adapter",
    "ClassSegment": "tight_customers._adapter",
    "ClientClosedError": "tight_customers._exceptions",
    "CustomData": "tight_customers._adapter",
    "Customer": "tight_customers._adapter",
    "CustomerStatus": "tight_customers._adapter",
    "ErrorDetail": "tight_customers._exceptions",
    "F": "tight_customers._filters",
    "Filter": "tight_customers._filters",
    "InvoiceSettings": "tight_customers._adapter",
    "NotFoundError": "tight_customers._exceptions",
    "Page": "tight_customers._pagination",
    "PaginationError": "tight_customers._exceptions",
    "PermissionDeniedError": "tight_customers._exceptions",
    "RateLimitError": "tight_customers._exceptions",
    "RawFilter": "tight_customers._filters",
    "RawResponse": "tight_customers._response",
    "RawSort": "tight_customers._sort",
    "Requiredness": "tight_customers._adapter",
    "ResponseParseError": "tight_customers._exceptions",
    "ResponseTooLargeError": "tight_customers._exceptions",
    "ServerError": "tight_customers._exceptions",
    "Sort": "tight_customers._sort",
    "SortDirection": "tight_customers._sort",
    "SortField": "tight_customers._sort",
    "TightClient": "tight_customers._client",
    "TightError": "tight_customers._exceptions",
}

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "Address",
    "AsyncPage",
    "AsyncTightClient",
    "AuthenticationError",
    "BadRequestError",
    "ClassLabel",
    "ClassSegment",
    "ClientClosedError",
    "CustomData",
    "Customer",
    "CustomerStatus",
    "ErrorDetail",
    "F",
    "Filter",
    "InvoiceSettings",
    "NotFoundError",
    "Page",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawFilter",
    "RawResponse",
    "RawSort",
    "Requiredness",
    "ResponseParseError",
    "ResponseTooLargeError",
    "ServerError",
    "Sort",
    "SortDirection",
    "SortField",
    "TightClient",
    "TightError",
    "__version__",
]

if TYPE_CHECKING:
    from tight_customers._adapter import (
        Address,
        ClassLabel,
        ClassSegment,
        CustomData,
        Customer,
        CustomerStatus,
        InvoiceSettings,
        Requiredness,
    )
    from tight_customers._client import (
        AsyncTightClient,
        TightClient,
    )
    from tight_customers._exceptions import (
        APIConnectionError,
        APIError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ClientClosedError,
        ErrorDetail,
        NotFoundError,
        PaginationError,
        PermissionDeniedError,
        RateLimitError,
        ResponseParseError,
        ResponseTooLargeError,
        ServerError,
        TightError,
    )
    from tight_customers._filters import (
        F,
        Filter,
        RawFilter,
    )
    from tight_customers._pagination import (
        AsyncPage,
        Page,
    )
    from tight_customers._response import RawResponse
    from tight_customers._sort import (
        RawSort,
        Sort,
        SortDirection,
        SortField,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tight_customers' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


setup_logging()
