"""Prism as a validating proxy between the facade and the sandbox:

    facade (TightClient) ──▶ prism proxy openapi.yaml <sandbox url> --errors ──▶ Sandbox

Prism checks every request the facade sends and every response the sandbox returns against
openapi.yaml. With `--errors` a violation turns into Prism's own error response
(application/problem+json, 422 for a request, 500 for a response); without one it passes the
exchange through, listing lesser findings in the `sl-violations` header. The scripted session
below covers every filter operator, both sort directions, pagination both ways, get, the token
endpoint and the documented error cases; it must pass with no violation on either side, and each
step must end the way the facade documents (a value, or the named error class).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import anyio
import httpx
import pytest

from tests.contract._prism import SPEC, Exchange, PrismServer, Recorder, prism
from tight_customers import (
    AsyncTightClient,
    AuthenticationError,
    BadRequestError,
    F,
    Filter,
    NotFoundError,
    RateLimitError,
    ServerError,
    Sort,
    SortDirection,
    TightClient,
)
from tight_customers.sandbox import Sandbox


@dataclass
class Proxied:
    sandbox: Sandbox
    prism: PrismServer


@pytest.fixture(scope="module")
def proxied() -> Iterator[Proxied]:
    with (
        Sandbox(customers=200, seed=0, rate_limit=10**6) as sb,
        prism("proxy", str(SPEC), sb.url, "--errors") as server,
    ):
        yield Proxied(sb, server)


@dataclass
class Step:
    """One scripted step: what it does and how it must end: with a value (`raises` None), with
    the error class `raises`, or, where retries or token renewal decide, either."""

    case: str
    run: Callable[[], Any]
    raises: type[BaseException] | None = None
    or_value: bool = False


@dataclass
class Session:
    recorder: Recorder
    outcomes: list[tuple[Step, str]]

    def run(self, steps: list[Step]) -> None:
        for step in steps:
            self.recorder.case = step.case
            try:
                step.run()
            except Exception as exc:
                got = type(exc).__name__
                if step.raises is None or not isinstance(exc, step.raises):
                    self.outcomes.append((step, f"raised {got}: {exc}"))
                continue
            if step.raises is not None and not step.or_value:
                self.outcomes.append((step, f"returned a value, expected {step.raises.__name__}"))


def _report(proxied: Proxied, session: Session) -> None:
    """Print what Prism saw; fail naming operation, case and rule for every violation."""
    exchanges = session.recorder.exchanges
    tally = Counter((e.operation.split(" (")[0], e.status) for e in exchanges)
    print(f"\nprism proxy --errors: {len(exchanges)} requests and responses validated")
    for (operation, status), count in sorted(tally.items()):
        print(f"  {operation} -> HTTP {status}: {count}")
    problems: list[str] = [e.describe() for e in session.recorder.failing()]
    log_violations = proxied.prism.violation_lines()
    if log_violations:
        problems.append("- Prism's log:\n  " + "\n  ".join(log_violations[:30]))
    problems += [
        f"- case: {step.case}\n  rule: the facade's documented outcome; {what}"
        for step, what in session.outcomes
    ]
    if problems:
        pytest.fail(
            f"{len(problems)} problem(s) in the proxied session:\n" + "\n".join(problems[:40]),
            pytrace=False,
        )


def _client(proxied: Proxied, recorder: Recorder, **options: Any) -> TightClient:
    auth = {k: v for k, v in options.items() if k in ("token", "client_id", "client_secret")}
    settings = {k: v for k, v in options.items() if k not in auth}
    if not auth:
        auth = {
            "client_id": proxied.sandbox.client_id,
            "client_secret": proxied.sandbox.client_secret,
        }
    http = httpx.Client(event_hooks=recorder.hooks())
    return TightClient(base_url=proxied.prism.url, http_client=http, **auth, **settings)


def _filter_steps(client: TightClient, customers: list[dict[str, Any]]) -> list[Step]:
    name = sorted(c["name"] for c in customers)[len(customers) // 2]
    email = sorted(c["email"] for c in customers if c.get("email"))[len(customers) // 3]
    segment = next(c["classSegments"][0]["id"] for c in customers if c.get("classSegments"))
    q = client.customers.query
    steps: list[Step] = []

    def query_with(condition: Filter) -> Callable[[], Any]:
        return lambda: q(filter=condition)

    for field, value in (("name", name), ("email", email)):
        f = getattr(F, field)
        steps += [
            Step(f"filter {field} == {value!r}", query_with(f == value)),
            Step(f"filter {field} != {value!r}", query_with(f != value)),
            Step(f"filter {field} < {value!r}", query_with(f < value)),
            Step(f"filter {field} <= {value!r}", query_with(f <= value)),
            Step(f"filter {field} > {value!r}", query_with(f > value)),
            Step(f"filter {field} >= {value!r}", query_with(f >= value)),
            Step(f"filter {field}.contains('ac')", query_with(f.contains("ac"))),
        ]
    status = F.status
    steps += [
        Step("filter status == 'ACTIVE'", lambda: q(filter=status == "ACTIVE")),
        Step("filter status != 'ACTIVE'", lambda: q(filter=status != "ACTIVE")),
        Step("filter status < 'B'", lambda: q(filter=status < "B")),
        Step("filter status <= 'INACTIVE'", lambda: q(filter=status <= "INACTIVE")),
        Step("filter status > 'ACTIVE'", lambda: q(filter=status > "ACTIVE")),
        Step("filter status >= 'INACTIVE'", lambda: q(filter=status >= "INACTIVE")),
        Step("filter status in [ACTIVE, ARCHIVED]",
             lambda: q(filter=status.in_(["ACTIVE", "ARCHIVED"]))),
        Step("filter status not in [INACTIVE]", lambda: q(filter=status.not_in(["INACTIVE"]))),
        Step(
            f"filter classSegments in [{segment}]",
            lambda: q(filter=F.class_segments.in_([segment])),
        ),
        Step(
            f"filter classSegments in [{segment}] expand",
            lambda: q(filter=F.class_segments.in_([segment], expand=True)),
        ),
        Step(
            "filter name range & status in & email contains",
            lambda: q(
                filter=(F.name >= "A") & (F.name < "M") & status.in_(["ACTIVE"])
                & F.email.contains("example"),
                limit=7,
            ),
        ),
        Step(
            "raw dict filter",
            lambda: q(filter={"name": {"contain": "acme"}, "status": {"notIn": ["INACTIVE"]}}),
        ),
    ]  # fmt: skip
    return steps


def _paging_steps(client: TightClient) -> list[Step]:
    flt = F.status.in_(["ACTIVE", "INACTIVE"])

    def walk(direction: SortDirection) -> None:
        forward = list(
            client.customers.pages(filter=flt, sort=Sort("NAME", direction), page_size=25)
        )
        assert len(forward) > 2 and not forward[-1].has_next
        page = forward[-1]
        backward = [page]
        while (previous := page.previous()) is not None:
            backward.append(previous)
            page = previous
        assert [p.data[0].id for p in reversed(backward)] == [p.data[0].id for p in forward]

    def iterate() -> None:
        got = list(client.customers.iterate(sort=Sort("NAME", "DESC"), page_size=40, max_items=90))
        assert len(got) == 90

    return [
        Step("sort NAME ASC", lambda: client.customers.query(sort=Sort("NAME", "ASC"), limit=5)),
        Step("sort NAME DESC", lambda: client.customers.query(sort=Sort("NAME", "DESC"), limit=5)),
        Step("paginate forward then backward, ASC", lambda: walk("ASC")),
        Step("paginate forward then backward, DESC", lambda: walk("DESC")),
        Step("iterate DESC, 90 items in pages of 40", iterate),
        Step("limit 1", lambda: client.customers.query(limit=1)),
        Step("limit 1000", lambda: client.customers.query(limit=1000)),
    ]


def _error_steps(proxied: Proxied, client: TightClient, recorder: Recorder) -> list[Step]:
    sb = proxied.sandbox
    first = client.customers.query(filter=F.status == "ACTIVE", limit=5)
    assert first.after is not None
    cursor = first.after

    def tampered() -> None:
        bad = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
        client.customers.query(filter=F.status == "ACTIVE", limit=5, cursor=bad)

    def fault(*actions: int | str) -> Callable[[], Any]:
        def run() -> Any:
            sb.enqueue_faults(*actions)
            try:
                return client.customers.query(limit=3)
            finally:
                sb.clear_faults()

        return run

    def wrong_secret() -> None:
        with _client(proxied, recorder, client_id=sb.client_id, client_secret="wrong") as other:
            other.customers.get("cus_1")

    def bad_token() -> None:
        with _client(proxied, recorder, token="tkn_not_issued") as other:
            other.customers.query(limit=1)

    def expired() -> None:
        sb.expire_all_tokens()
        client.customers.query(limit=2)  # a client with credentials may renew and retry once

    def read_scope_token() -> None:
        auth = {"client_id": sb.client_id, "client_secret": sb.client_secret}
        with _client(proxied, recorder, user_id="business-owner-42", scope="read", **auth) as other:
            other.customers.query(limit=2)

    return [
        Step("get an unknown id", lambda: client.customers.get("cus_nope"), NotFoundError),
        Step("tampered cursor", tampered, BadRequestError),
        Step(
            "cursor with a different filter",
            lambda: client.customers.query(filter=F.status == "INACTIVE", limit=5, cursor=cursor),
            BadRequestError,
        ),
        Step("cursor alone continues its query", lambda: client.customers.query(cursor=cursor)),
        Step("token: wrong client secret", wrong_secret, AuthenticationError),
        Step("token: userId and scope read", read_scope_token),
        Step("bearer token never issued", bad_token, AuthenticationError),
        Step("expired token: renewed, or AuthenticationError", expired, AuthenticationError,
             or_value=True),
        Step("429 with Retry-After, every retry", fault(429, 429, 429), RateLimitError),
        Step("429 without Retry-After", fault(*["429-no-retry-after"] * 3), RateLimitError),
        Step("500", fault(500, 500, 500), ServerError),
        Step("503", fault(503, 503, 503), ServerError),
        Step("504", fault(504, 504, 504), ServerError),
        Step("one 503: retried, or ServerError", fault(503), ServerError, or_value=True),
    ]  # fmt: skip


def test_facade_session_through_prism_proxy(proxied: Proxied, no_sleep: list[float]) -> None:
    recorder = Recorder()
    session = Session(recorder, [])
    customers = proxied.sandbox.customers()
    some_id = customers[len(customers) // 2]["id"]
    with _client(proxied, recorder) as client:
        recorder.case = "first call (fetches a token)"
        client.customers.query(limit=1)
        session.run(_filter_steps(client, customers))
        session.run(_paging_steps(client))
        session.run([Step(f"get {some_id}", lambda: client.customers.get(some_id))])
        recorder.case = "setup of the error cases"
        session.run(_error_steps(proxied, client, recorder))
    _report(proxied, session)
    seen = {(e.operation.split(" (")[0], e.status) for e in recorder.exchanges}
    for expected in [
        ("createToken", 200), ("createToken", 401), ("queryCustomers", 200),
        ("queryCustomers", 400), ("queryCustomers", 401), ("queryCustomers", 429),
        ("queryCustomers", 500), ("queryCustomers", 503), ("queryCustomers", 504),
        ("getCustomer", 200), ("getCustomer", 404),
    ]:  # fmt: skip
        assert expected in seen, f"the session never produced {expected}: {sorted(seen)}"


def test_async_facade_through_prism_proxy(proxied: Proxied, no_sleep: list[float]) -> None:
    """The async twin sends the same requests and reads the same responses."""
    recorder = Recorder()
    sb = proxied.sandbox
    customer_id = sb.customers()[0]["id"]
    problems: list[str] = []

    async def main() -> None:
        http = httpx.AsyncClient(event_hooks=recorder.async_hooks())
        async with (
            http,
            AsyncTightClient(
                client_id=sb.client_id, client_secret=sb.client_secret,
                base_url=proxied.prism.url, http_client=http,
            ) as client,
        ):  # fmt: skip
            recorder.case = "async: every operator at once, paging forward"
            flt = (F.name >= "A") & (F.email.contains("e")) & F.status.not_in(["PENDING_REVIEW"])
            count = 0
            async for _ in client.customers.iterate(
                filter=flt, sort=Sort("NAME", "DESC"), page_size=30
            ):
                count += 1
            recorder.case = "async: get"
            await client.customers.get(customer_id)
            recorder.case = "async: get an unknown id"
            try:
                await client.customers.get("cus_nope")
                problems.append("async get of an unknown id returned a value")
            except NotFoundError:
                pass
            if count == 0:
                problems.append("async iterate returned nothing")

    anyio.run(main)
    session = Session(recorder, [(Step(p, lambda: None), p) for p in problems])
    _report(proxied, session)


def test_prism_flags_a_broken_exchange(proxied: Proxied) -> None:
    """The harness itself: a request that breaks the spec is caught and reported by name."""
    recorder = Recorder()
    recorder.case = "deliberately invalid: limit 0 and an unknown operator"
    with httpx.Client(event_hooks=recorder.hooks()) as http:
        http.post(
            f"{proxied.prism.url}/v6/customers/query",
            headers={"Authorization": f"Bearer {proxied.sandbox.issue_token()}"},
            content=json.dumps({"limit": 0, "filter": {"name": {"like": "x"}}}),
        )
    failing: list[Exchange] = recorder.failing()
    assert len(failing) == 1
    text = failing[0].describe()
    assert "queryCustomers" in text and "limit" in text and "deliberately invalid" in text, text


def test_prism_flags_a_broken_response(proxied: Proxied) -> None:
    """The harness itself: a response that breaks the spec is caught and reported by name (with
    --errors Prism answers 500 in its place, which the facade raises as ServerError)."""
    sb = proxied.sandbox
    broken = {"id": "cus_contract_broken", "name": "Broken", "status": "ACTIVE", "ccEmails": "x"}
    sb.insert_customer(broken)
    recorder = Recorder()
    recorder.case = "deliberately broken customer: ccEmails is a string"
    try:
        with (
            _client(proxied, recorder, token=sb.issue_token(), max_retries=0) as client,
            pytest.raises(ServerError),
        ):
            client.customers.get(broken["id"])
    finally:
        sb.delete_customer(broken["id"])
    failing = recorder.failing()
    assert len(failing) == 1
    text = failing[0].describe()
    assert "getCustomer" in text and "ccEmails" in text and "deliberately broken" in text, text
