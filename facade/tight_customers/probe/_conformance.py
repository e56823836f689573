"""Checks over every answer the battery received: schemas and statuses, status values the spec
does not list, members it does not declare, and the token endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tight_customers.probe._catalog import CATALOG
from tight_customers.probe._report import CheckResult, Verdict
from tight_customers.probe._spec import Deviation, Spec, pointer
from tight_customers.probe._wire import Exchange

__all__ = ["conformance_checks"]

_MAX_LISTED = 20  # deviations kept per check (the rest are counted)

# Which component schema describes the members of each nested object of a customer.
_NESTED = {"address": "Address", "invoiceSettings": "InvoiceSettings"}


def _result(
    check_id: str, verdict: Verdict, live: str, found: list[Deviation], why: str = ""
) -> CheckResult:
    entry = CATALOG[check_id]
    if len(found) > _MAX_LISTED:
        live += f" (first {_MAX_LISTED} of {len(found)} listed)"
    return CheckResult(
        check_id,
        entry.semantic,
        entry.spec_says,
        live,
        verdict,
        found[0].spec_pointer if found else entry.spec_pointer,
        entry.affects,
        why,
        tuple(found[:_MAX_LISTED]),
    )


def conformance_checks(
    spec: Spec, exchanges: list[Exchange], token_given: bool
) -> list[CheckResult]:
    """The checks over all `exchanges`, in catalog order."""
    return [
        _token(exchanges, token_given),
        _schemas(exchanges),
        _status_values(spec, exchanges),
        _undocumented(spec, exchanges),
    ]


def _token(exchanges: list[Exchange], token_given: bool) -> CheckResult:
    answers = [e for e in exchanges if e.path.endswith("/auth/token")]
    if not answers:
        why = "a bearer token was given: the token endpoint was not called" if token_given else ""
        return _result("token", Verdict.UNDECIDED, "not called", [], why)
    answer = answers[0]
    body = answer.body if isinstance(answer.body, dict) else {}
    live = f"{answer.status}, token_type {body.get('token_type')!r}"
    if answer.status != 200 or body.get("token_type") != "Bearer":
        return _result("token", Verdict.DIFFERS, live, [])
    return _result("token", Verdict.AGREES, live, [])


def _schemas(exchanges: list[Exchange]) -> CheckResult:
    found = [
        Deviation(d.json_path, d.spec_pointer, d.message, e.label)
        for e in exchanges
        for d in e.deviations
    ]
    if found:
        live = f"{len(found)} deviations in {len({d.request for d in found})} answers"
        return _result("schemas", Verdict.VIOLATION, live, found)
    return _result("schemas", Verdict.AGREES, f"all {len(exchanges)} answers valid", [])


def _customers(exchanges: list[Exchange]) -> Iterator[tuple[Exchange, str, dict[str, Any]]]:
    """(exchange, JSON path, customer) of every customer in a successful answer."""
    for exchange in exchanges:
        if exchange.status != 200 or not isinstance(exchange.body, dict):
            continue
        data = exchange.body.get("data")
        if isinstance(data, list):
            for i, customer in enumerate(data):
                if isinstance(customer, dict):
                    yield exchange, f"$.data[{i}]", customer
        elif isinstance(data, dict) and not exchange.path.endswith("/query"):
            yield exchange, "$.data", data


def _status_values(spec: Spec, exchanges: list[Exchange]) -> CheckResult:
    listed = set(spec.enum("CustomerStatus"))
    where = pointer("components", "schemas", "CustomerStatus", "enum")
    found: dict[str, Deviation] = {}
    seen = 0
    for exchange, path, customer in _customers(exchanges):
        seen += 1
        status = customer.get("status")
        if isinstance(status, str) and status not in listed and status not in found:
            message = f"status {status!r} is not one of {', '.join(sorted(listed))}"
            found[status] = Deviation(f"{path}.status", where, message, exchange.label)
    if found:
        live = f"also {', '.join(sorted(found))} (kept as strings by the SDK)"
        return _result("status_values", Verdict.TOLERATED, live, list(found.values()))
    if not seen:
        return _result("status_values", Verdict.UNDECIDED, "—", [], "no customer was read")
    return _result("status_values", Verdict.AGREES, "only listed values", [])


def _undocumented(spec: Spec, exchanges: list[Exchange]) -> CheckResult:
    found: dict[str, Deviation] = {}

    def note(exchange: Exchange, path: str, obj: dict[str, Any], schema: str) -> None:
        for key in obj.keys() - spec.properties(schema):
            member = f"{schema}.{key}"
            if member not in found:
                where = pointer("components", "schemas", schema, "properties")
                message = f"{key!r} is not a member of {schema}"
                found[member] = Deviation(f"{path}.{key}", where, message, exchange.label)

    for exchange in exchanges:
        if isinstance(exchange.body, dict):
            envelope = _envelope_schema(exchange)
            if envelope:
                note(exchange, "$", exchange.body, envelope)
            for i, item in enumerate(exchange.errors()):
                note(exchange, f"$.error[{i}]", item, "ErrorItem")
    for exchange, path, customer in _customers(exchanges):
        note(exchange, path, customer, "Customer")
        for member, schema in _NESTED.items():
            if isinstance(customer.get(member), dict):
                note(exchange, f"{path}.{member}", customer[member], schema)
        for i, head in enumerate(customer.get("classSegments") or []):
            node, at = head, f"{path}.classSegments[{i}]"
            for _ in range(64):
                if not isinstance(node, dict):
                    break
                note(exchange, at, node, "ClassSegment")
                if isinstance(node.get("label"), dict):
                    note(exchange, f"{at}.label", node["label"], "ClassLabel")
                node, at = node.get("child"), f"{at}.child"
    if found:
        live = f"undeclared: {', '.join(sorted(found))}"
        return _result("undocumented_members", Verdict.TOLERATED, live, list(found.values()))
    return _result("undocumented_members", Verdict.AGREES, "only declared members", [])


def _envelope_schema(exchange: Exchange) -> str | None:
    if exchange.path.endswith("/auth/token"):
        return "TokenResponse" if exchange.status == 200 else "ErrorResult"
    if exchange.status == 200:
        return "CustomerPage" if exchange.path.endswith("/query") else "CustomerResult"
    return "ErrorResult"
