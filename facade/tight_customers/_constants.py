"""Every default and limit of the SDK in one place (the wire paths, paging, timeouts, retries)."""

from __future__ import annotations

from typing import Final

DEFAULT_BASE_URL: Final = "https://sandbox.tight.com"

TOKEN_PATH: Final = "/v6/auth/token"
QUERY_CUSTOMERS_PATH: Final = "/v6/customers/query"
GET_CUSTOMER_PATH: Final = "/v6/customers/{id}"

# Environment variables read by `from_env()`.
ENV_TOKEN: Final = "TIGHT_API_TOKEN"
ENV_CLIENT_ID: Final = "TIGHT_CLIENT_ID"
ENV_CLIENT_SECRET: Final = "TIGHT_CLIENT_SECRET"
ENV_USER_ID: Final = "TIGHT_USER_ID"
ENV_BASE_URL: Final = "TIGHT_BASE_URL"

# Paging (openapi.yaml: default 100, maximum 1000).
DEFAULT_PAGE_SIZE: Final = 100
MIN_PAGE_SIZE: Final = 1
MAX_PAGE_SIZE: Final = 1000

# Timeouts in seconds.
CONNECT_TIMEOUT: Final = 5.0
READ_TIMEOUT: Final = 30.0

# Tokens from client credentials are renewed this long before they expire (capped at a tenth of
# the token's lifetime, so very short-lived tokens are still used for most of their life).
TOKEN_RENEW_MARGIN: Final = 60.0
TOKEN_RENEW_FRACTION: Final = 0.1

# Resilience (issue 6): retries with exponential backoff and full jitter, honouring Retry-After.
DEFAULT_MAX_RETRIES: Final = 2
INITIAL_RETRY_DELAY: Final = 0.5
MAX_RETRY_DELAY: Final = 8.0
RETRYABLE_STATUSES: Final = frozenset({408, 429, 500, 502, 503, 504})
# The longest wait a server's Retry-After may impose on one retry (longer hints are capped).
RETRY_AFTER_CAP: Final = 60.0

# Client-side pacing (issue 6): the API allows 1000 requests per five minutes per token.
RATE_LIMIT_REQUESTS: Final = 1000
RATE_LIMIT_WINDOW: Final = 300.0
# The pacer frees a slot this share of the window later than the server would, so requests whose
# latencies differ (the server counts arrivals, the pacer counts departures) still fit.
PACING_MARGIN: Final = 0.01

# `TIGHT_LOG=debug` (or info) sends the `tight_customers` logger to stderr at that level.
ENV_LOG: Final = "TIGHT_LOG"

# Longest body excerpt carried by an exception.
BODY_EXCERPT_CHARS: Final = 200

LOGGER_NAME: Final = "tight_customers"
