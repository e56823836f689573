"""The probe against the default sandbox (everything agrees) and against sandboxes configured
to differ in one semantic each (exactly that one is reported)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.probe.conftest import (
    ALLOWED_REQUESTS,
    non_agreeing,
    probe,
    sent_requests,
)
from tight_customers.probe import DEFAULT_MAX_REQUESTS, Verdict
from tight_customers.sandbox import Behaviour, Sandbox


def test_default_sandbox_agrees_within_the_request_bound() -> None:
    with Sandbox() as sb:
        report = probe(sb)
        received = sent_requests(sb)
    # The default dataset holds statuses the spec does not list (the SDK must keep them):
    # a tolerated deviation, not a difference. Every semantic agrees.
    assert non_agreeing(report) == {"status_values": "tolerated deviation"}
    assert report.exit_code == 0
    assert report.requests == len(received) <= DEFAULT_MAX_REQUESTS
    # Read-only: token, query and get requests only.
    assert set(received) <= {*ALLOWED_REQUESTS, ("GET", "/v6/customers/{id}")}
    assert ("GET", "/v6/customers/{id}") in received


def test_listed_statuses_only_everything_agrees(listed_statuses_only: list[dict[str, Any]]) -> None:
    with Sandbox(data=listed_statuses_only) as sb:
        report = probe(sb)
    assert non_agreeing(report) == {}
    assert len(report.checks) == 19


DIFFERENT = [
    pytest.param(Behaviour(contain_ignores_case=False), "contain_case", id="exact-case-contain"),
    pytest.param(Behaviour(max_page_size=500), "max_page_size", id="max-page-size-500"),
    pytest.param(Behaviour(default_page_size=50), "default_page_size", id="default-page-size-50"),
    pytest.param(Behaviour(order_ignores_case=True), "sort_order", id="case-insensitive-order"),
    pytest.param(Behaviour(before_cursors=False), "cursor_round_trip", id="no-before-cursor"),
    pytest.param(Behaviour(error_params=False), "error_envelope", id="errors-without-param"),
]


@pytest.mark.parametrize(("behaviour", "check_id"), DIFFERENT)
def test_a_deliberate_difference_is_the_only_one_reported(
    listed_statuses_only: list[dict[str, Any]], behaviour: Behaviour, check_id: str
) -> None:
    with Sandbox(data=listed_statuses_only, behaviour=behaviour) as sb:
        report = probe(sb)
        received = len(sent_requests(sb))
    assert non_agreeing(report) == {check_id: "differs"}
    assert report.exit_code == 1
    assert report.requests == received <= DEFAULT_MAX_REQUESTS
    found = report.check(check_id)
    assert found.spec_pointer.startswith("/")
    assert "sandbox" in found.affects and "docs" in found.affects


def test_the_differences_say_what_the_api_does(listed_statuses_only: list[dict[str, Any]]) -> None:
    with Sandbox(data=listed_statuses_only, behaviour=Behaviour(max_page_size=500)) as sb:
        assert "maximum 500" in probe(sb).check("max_page_size").live
    with Sandbox(data=listed_statuses_only, behaviour=Behaviour(default_page_size=50)) as sb:
        assert "default 50" in probe(sb).check("default_page_size").live
    with Sandbox(data=listed_statuses_only, behaviour=Behaviour(order_ignores_case=True)) as sb:
        assert "ignoring case" in probe(sb).check("sort_order").live
    with Sandbox(data=listed_statuses_only, behaviour=Behaviour(contain_ignores_case=False)) as sb:
        assert "case-sensitive" in probe(sb).check("contain_case").live


def test_an_unlisted_status_is_a_tolerated_deviation(
    listed_statuses_only: list[dict[str, Any]],
) -> None:
    data = copy.deepcopy(listed_statuses_only)
    data[10]["status"] = "ON_HOLD"
    with Sandbox(data=data) as sb:
        report = probe(sb)
    assert non_agreeing(report) == {"status_values": "tolerated deviation"}
    assert report.exit_code == 0
    (deviation,) = report.check("status_values").deviations
    assert deviation.json_path.endswith(".status")
    assert deviation.json_path.startswith("$.data[")
    assert deviation.spec_pointer == "/components/schemas/CustomerStatus/enum"
    assert "ON_HOLD" in deviation.message


def test_an_extra_undocumented_member_is_a_tolerated_deviation(
    listed_statuses_only: list[dict[str, Any]],
) -> None:
    data = copy.deepcopy(listed_statuses_only)
    data[3]["loyaltyTier"] = "gold"
    data[5]["address"] = {**(data[5].get("address") or {}), "latitude": 48.1}
    with Sandbox(data=data) as sb:
        report = probe(sb)
    assert non_agreeing(report) == {"undocumented_members": "tolerated deviation"}
    found = report.check("undocumented_members").deviations
    paths = {d.json_path.rsplit(".", 1)[-1]: d for d in found}
    assert set(paths) == {"loyaltyTier", "latitude"}
    assert paths["latitude"].json_path.endswith(".address.latitude")
    assert paths["latitude"].spec_pointer == "/components/schemas/Address/properties"


def test_a_schema_violation_names_its_json_path_and_spec_pointer(
    listed_statuses_only: list[dict[str, Any]],
) -> None:
    data = copy.deepcopy(listed_statuses_only)
    data[7]["email"] = 42
    with Sandbox(data=data) as sb:
        report = probe(sb)
    schemas = report.check("schemas")
    assert schemas.verdict is Verdict.VIOLATION
    assert report.exit_code == 1
    paths = {(d.json_path.split("]")[-1], d.spec_pointer) for d in schemas.deviations}
    assert paths == {(".email", "/components/schemas/Customer/properties/email/type")}
    assert all(d.request.startswith("request ") for d in schemas.deviations)


def test_a_three_customer_tenant_leaves_what_it_cannot_decide_undecided() -> None:
    with Sandbox(customers=3, seed=0) as sb:
        report = probe(sb)
    starved = ("default_page_size", "max_page_size", "sort_order", "tie_break", "null_handling")
    for check_id in starved:
        found = report.check(check_id)
        assert found.verdict is Verdict.UNDECIDED, (check_id, found.live)
        assert found.why, check_id
    assert report.exit_code == 0


def test_an_undecidable_semantic_is_never_reported_as_agreeing() -> None:
    # Names without letters (no case to test), no shared names, no emails, no segments.
    data = [
        {"id": f"cus_{n}", "name": name, "status": "ACTIVE", "email": None}
        for n, name in enumerate(("1001", "2002", "3003", "4004"))
    ]
    with Sandbox(data=data) as sb:
        report = probe(sb)
    for check_id in ("contain_case", "sort_order", "tie_break", "null_handling", "expand"):
        found = report.check(check_id)
        assert found.verdict is Verdict.UNDECIDED, (check_id, found.live)
        assert found.why
