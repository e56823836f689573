"""Datasets and helpers of the probe tests: the probe runs over real HTTP against sandboxes."""

from __future__ import annotations

from typing import Any

import pytest

from tight_customers.probe import ProbeReport, run_probe
from tight_customers.sandbox import Sandbox, generate_customers

ALLOWED_REQUESTS = {
    ("POST", "/v6/auth/token"),
    ("POST", "/v6/customers/query"),
}


@pytest.fixture(scope="session")
def listed_statuses_only() -> list[dict[str, Any]]:
    """The default dataset (1000 customers, seed 0) with every status the spec lists: the
    default data deliberately holds others (ARCHIVED, MERGED, ...), which is a deviation of its
    own; the tests of other deviations start from data without it."""
    customers = generate_customers(1000, seed=0)
    for customer in customers:
        if customer["status"] not in ("ACTIVE", "INACTIVE"):
            customer["status"] = "INACTIVE"
    return customers


def probe(sb: Sandbox, **options: Any) -> ProbeReport:
    """The probe against `sb` with its client credentials (so the token endpoint is checked)."""
    return run_probe(sb.url, client_id=sb.client_id, client_secret=sb.client_secret, **options)


def non_agreeing(report: ProbeReport) -> dict[str, str]:
    """{check id: verdict} of the checks that do not agree."""
    return {c.id: c.verdict.value for c in report.checks if c.verdict.value != "agrees"}


def sent_requests(sb: Sandbox) -> list[tuple[str, str]]:
    """(method, path) of every request the sandbox received, customer ids folded to {id}."""
    found = []
    for record in sb.request_log:
        path = record.path
        if path.startswith("/v6/customers/") and path != "/v6/customers/query":
            path = "/v6/customers/{id}"
        found.append((record.method, path))
    return found
