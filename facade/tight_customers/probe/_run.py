"""`run_probe`: the battery against one API, read-only and within a request budget."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tight_customers._constants import RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW
from tight_customers._exceptions import TightError
from tight_customers._options import check_base_url
from tight_customers._pacing import Pacer, check_rate_limit
from tight_customers._version import __version__
from tight_customers.probe._battery import Battery, FirstPageRefusedError
from tight_customers.probe._catalog import CATALOG
from tight_customers.probe._conformance import conformance_checks
from tight_customers.probe._report import ProbeReport
from tight_customers.probe._spec import load_spec
from tight_customers.probe._wire import Credentials, ProgressCallback, Wire

__all__ = ["DEFAULT_MAX_REQUESTS", "ProbeError", "run_probe"]

DEFAULT_MAX_REQUESTS = 80


class ProbeError(TightError):
    """The probe could not start: the API refused its credentials or its first query."""


def run_probe(
    base_url: str,
    *,
    token: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
    user_id: str | None = None,
    max_requests: int = DEFAULT_MAX_REQUESTS,
    rate_limit: tuple[int, float] | None = None,
    allow_insecure_http: bool = False,
    on_request: ProgressCallback | None = None,
    on_check: Callable[[str], None] | None = None,
    http_client: httpx.Client | None = None,
) -> ProbeReport:
    """Check the API at `base_url` against the openapi.yaml this SDK was built from.

    Read-only: it sends token requests (with client credentials), queries and gets, at most
    `max_requests` of them (1 to 80), paced under `rate_limit` (requests, seconds; default the
    API's 1000 per 300 s). `on_request(sent, budget)` follows each request and `on_check(name)`
    announces each check. Raises ValueError for bad arguments, ProbeError when the API refuses
    the first query, APIConnectionError when it cannot be reached.
    """
    if isinstance(max_requests, bool) or not isinstance(max_requests, int):
        raise TypeError(f"max_requests must be an int, got {max_requests!r}")
    if not 1 <= max_requests <= DEFAULT_MAX_REQUESTS:
        raise ValueError(f"max_requests must be between 1 and {DEFAULT_MAX_REQUESTS}")
    url = _public_url(check_base_url(base_url, allow_insecure_http))
    credentials = Credentials(token, client_id, client_secret, user_id)
    spec = load_spec()
    owned = http_client is None
    http = Wire.default_http() if http_client is None else http_client
    requests, window = check_rate_limit(rate_limit) or (RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW)
    wire = Wire(url, credentials, spec, max_requests, http, on_request, Pacer(requests, window))
    try:
        battery = Battery(wire, on_check)
        try:
            checks = battery.run()
        except FirstPageRefusedError as refused:
            raise ProbeError(f"{refused}: check the credentials and the base URL") from None
    finally:
        if owned:
            http.close()
    found = {c.id: c for c in [*checks, *conformance_checks(spec, wire.exchanges, bool(token))]}
    return ProbeReport(
        base_url=url,
        spec_title=spec.title,
        spec_version=spec.version,
        sdk_version=__version__,
        requests=wire.sent,
        max_requests=max_requests,
        checks=tuple(found[check_id] for check_id in CATALOG if check_id in found),
    )


def _public_url(url: str) -> str:
    """`url` without user info or query (what may appear in a report)."""
    parsed = httpx.URL(url)
    return str(parsed.copy_with(username=None, password=None, query=None)).rstrip("/")
