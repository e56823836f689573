"""Every default and limit of the SDK in one place (the wire paths, environment variables,
paging, timeouts, retries, pacing, logging). The CLI and the testing plugin read them here too."""

from __future__ import annotations

from typing import Final

DEFAULT_BASE_URL: Final = "https://sandbox.tight.com"

TOKEN_PATH: Final = "/v6/auth/token"
QUERY_CUSTOMERS_PATH: Final = "/v6/customers/query"
GET_CUSTOMER_PATH: Final = "/v6/customers/{id}"

# Environment variables a client reads when it is given no credentials (see `_env.py`).
ENV_TOKEN: Final = "TIGHT_API_TOKEN"
ENV_CLIENT_ID: Final = "TIGHT_CLIENT_ID"
ENV_CLIENT_SECRET: Final = "TIGHT_CLIENT_SECRET"
ENV_USER_ID: Final = "TIGHT_USER_ID"
ENV_BASE_URL: Final = "TIGHT_BASE_URL"

# Paging. The API documents a default page size (100) but no maximum, so the client checks only
# that a page size is a positive int and lets the server judge the rest. Walks (`iterate()`,
# `pages()`, the CLI's --all) ask for WALK_PAGE_SIZE per page; when the server refuses that
# `limit` with a 400, the walk goes on with the server's default page size.
SERVER_DEFAULT_PAGE_SIZE: Final = 100
WALK_PAGE_SIZE: Final = 1000
LIMIT_PARAM: Final = "limit"

# Timeouts in seconds.
CONNECT_TIMEOUT: Final = 5.0
READ_TIMEOUT: Final = 30.0

# Tokens from client credentials are renewed this long before they expire (capped at a tenth of
# the token's lifetime, so very short-lived tokens are still used for most of their life).
TOKEN_RENEW_MARGIN: Final = 60.0
TOKEN_RENEW_FRACTION: Final = 0.1

# Retries with exponential backoff and full jitter, honouring Retry-After.
DEFAULT_MAX_RETRIES: Final = 2
INITIAL_RETRY_DELAY: Final = 0.5
MAX_RETRY_DELAY: Final = 8.0
RETRYABLE_STATUSES: Final = frozenset({408, 429, 500, 502, 503, 504})
# The longest wait a server's Retry-After may impose on one retry (longer hints are capped).
RETRY_AFTER_CAP: Final = 60.0

# Client-side pacing: the API allows 1000 requests per five minutes per token.
RATE_LIMIT_REQUESTS: Final = 1000
RATE_LIMIT_WINDOW: Final = 300.0
DEFAULT_RATE_LIMIT: Final = (RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW)
# The pacer frees a slot this share of the window later than the server would, so requests whose
# latencies differ (the server counts arrivals, the pacer counts departures) still fit.
PACING_MARGIN: Final = 0.01

# Request headers that per-request `extra_headers` may not set (the client sends credentials).
PROTECTED_HEADERS: Final = frozenset({"authorization"})

# Response headers that carry a request id, in the order they are looked for.
REQUEST_ID_HEADERS: Final = ("x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id")

# `TIGHT_LOG=debug|info|warning|error` sends the `tight_customers` logger to stderr at that level.
ENV_LOG: Final = "TIGHT_LOG"
LOGGER_NAME: Final = "tight_customers"

# The most bytes a response body may have once decompressed (a 1,000-customer page is a few MB).
MAX_RESPONSE_BYTES: Final = 64 * 1024 * 1024

# A walk follows at most this many empty pages in a row that still carry a next cursor; a server
# that keeps doing so would otherwise be followed forever.
MAX_EMPTY_PAGES: Final = 100

# Longest body excerpt carried by an exception.
BODY_EXCERPT_CHARS: Final = 200

# The sandbox shared by a test session under the pytest plugin (`tight_customers.testing`).
TESTING_SANDBOX_CUSTOMERS: Final = 200
TESTING_SANDBOX_SEED: Final = 0
