"""Prism as a mock with dynamic examples (`prism mock -d openapi.yaml`): the facade against a few
hundred responses that no one here wrote, generated from the schemas at random.

For every call the facade must either return a value or raise one of its documented error
classes (`TightError` and below), never anything else. Where the random body conforms to
openapi.yaml (checked with tests/openapi_support), the outcome must also be the documented one:
a non-2xx status raises the `APIError` subclass of that status, a 2xx `result: FAILURE` raises
`APIError`, and a 2xx `SUCCESS` parses into exactly the customers of the body. A body that breaks
the spec (json-schema-faker cannot always finish the recursive `ClassSegment.child`) may parse or
raise `ResponseParseError`, nothing else.

Each case asks Prism for one documented status with `Prefer: code=<status>`.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpx
import pytest

from tests.contract._prism import SPEC, Exchange, PrismServer, Recorder, prism
from tests.openapi_support import documented_statuses, validate_response
from tight_customers import (
    APIError,
    AsyncTightClient,
    AuthenticationError,
    BadRequestError,
    F,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseParseError,
    ServerError,
    Sort,
    TightClient,
    TightError,
)

CALLS_PER_OPERATION = 120
TOKEN_PATH = "/v6/auth/token"
QUERY_PATH = "/v6/customers/query"
GET_PATH = "/v6/customers/{id}"

EXPECTED_ERROR: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
    500: ServerError,
    503: ServerError,
    504: ServerError,
}

# A few request shapes, so Prism also validates (and accepts) what the facade sends.
QUERIES: list[dict[str, Any]] = [
    {},
    {"limit": 5},
    {"filter": F.name.contains("acme") & F.status.in_(["ACTIVE"]), "limit": 10},
    {"filter": F.email >= "a", "sort": Sort("NAME", "DESC")},
    {"filter": F.class_segments.in_(["cls_1"], expand=True), "sort": Sort("NAME", "ASC")},
    {"filter": F.status.not_in(["INACTIVE"]) & (F.name < "z")},
]


@pytest.fixture(scope="module")
def mock_server() -> Iterator[PrismServer]:
    with prism("mock", "--dynamic", str(SPEC)) as server:
        yield server


# ------------------------------------------------------------------ one planned call


@dataclass
class Outcome:
    case: str
    exchanges: list[Exchange]
    value: Any = None
    error: BaseException | None = None
    problems: list[str] = field(default_factory=list)


class StatusPlanner:
    """Sets `Prefer: code=<status>` on each request from the plan of the current call."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}

    def hook(self, request: httpx.Request) -> None:
        path = request.url.path
        key = TOKEN_PATH if path == TOKEN_PATH else QUERY_PATH if path == QUERY_PATH else GET_PATH
        code = self.codes.get(key, 200)
        request.headers["Prefer"] = f"code={code}"

    async def ahook(self, request: httpx.Request) -> None:
        self.hook(request)


def _plan(rng: random.Random, path: str, method: str) -> int:
    """Half the calls ask for the 2xx, the rest for a documented error status."""
    statuses = sorted(documented_statuses(path, method))
    ok = [s for s in statuses if 200 <= s < 300]
    errors = [s for s in statuses if s >= 400]
    return rng.choice(ok) if rng.random() < 0.5 else rng.choice(errors)


def _body(exchange: Exchange) -> Any:
    try:
        return json.loads(exchange.response_body)
    except ValueError:
        return None


def _conforms(path: str, method: str, exchange: Exchange) -> str | None:
    """None when the response conforms to openapi.yaml, else why not."""
    try:
        validate_response(path, method, exchange.status, _body(exchange))
    except AssertionError as exc:
        return str(exc).splitlines()[-1].strip()
    return None


def _judge(
    outcome: Outcome, path: str, method: str, check_value: Callable[[Any, Any], None]
) -> None:
    """Hold one call's outcome to the rules in the module docstring."""
    error = outcome.error
    if error is not None and not isinstance(error, TightError):
        outcome.problems.append(
            f"raised {type(error).__name__}, which is not a documented error class: {error!r}"
        )
        return
    # The exchange that decided the outcome: the last one for this operation.
    mine = [e for e in outcome.exchanges if _matches(e, path)]
    if not mine:
        if error is None:
            outcome.problems.append("returned without calling the operation")
        return
    last = mine[-1]
    if last is not outcome.exchanges[-1] and 200 <= last.status < 300:
        return  # the operation succeeded; whatever came after it is another operation's case
    not_conforming = _conforms(path, method, last)
    if not_conforming is not None:
        if error is not None and not isinstance(error, ResponseParseError | APIError):
            outcome.problems.append(
                f"the response breaks the spec ({not_conforming}); expected a value or "
                f"ResponseParseError/APIError, got {type(error).__name__}: {error}"
            )
        return
    body = _body(last)
    if last.status >= 400:
        expected = EXPECTED_ERROR[last.status]
        if not isinstance(error, expected) or error.status_code != last.status:
            outcome.problems.append(
                f"HTTP {last.status} with a conforming body: expected {expected.__name__}, got "
                f"{type(error).__name__ if error else 'a value'}"
            )
        return
    result = body.get("result") if isinstance(body, dict) and path != TOKEN_PATH else "SUCCESS"
    if result == "FAILURE":
        if not isinstance(error, APIError):
            outcome.problems.append(
                f"HTTP {last.status} result FAILURE: expected APIError, got "
                f"{type(error).__name__ if error else 'a value'}"
            )
        return
    if result == "SUCCESS":
        if error is not None:
            outcome.problems.append(
                f"HTTP {last.status} result SUCCESS with a conforming body raised "
                f"{type(error).__name__}: {error}"
            )
            return
        try:
            check_value(outcome.value, body)
        except AssertionError as exc:
            outcome.problems.append(f"parsed value differs from the body: {exc}")
    # An unknown `result` (the set is open) may be taken either way; any TightError is fine.


def _conforms_any(exchange: Exchange) -> str | None:
    for method, path in (("post", TOKEN_PATH), ("post", QUERY_PATH), ("get", GET_PATH)):
        if _matches(exchange, path):
            return _conforms(path, method, exchange)
    return None


def _matches(exchange: Exchange, path: str) -> bool:
    if path == GET_PATH:
        return exchange.method == "GET" and exchange.path.startswith("/v6/customers/")
    return exchange.path == path


def _check_page(page: Any, body: Any) -> None:
    assert [c.id for c in page.data] == [c["id"] for c in body["data"]], "customer ids"
    assert [c.name for c in page.data] == [c["name"] for c in body["data"]], "customer names"
    cursor = body.get("cursor") or {}
    assert page.after == cursor.get("after"), "cursor.after"
    assert page.before == cursor.get("before"), "cursor.before"


def _check_customer(customer: Any, body: Any) -> None:
    assert customer.id == body["data"]["id"], "id"
    assert customer.name == body["data"]["name"], "name"


def _check_nothing(_value: Any, _body: Any) -> None:
    return None


def _report(title: str, outcomes: list[Outcome]) -> None:
    """Print a summary (pytest -s / -rA shows it) and fail naming operation, case and rule."""
    tally = Counter(
        (
            e.status,
            (type(o.error).__name__ if o.error else "value")
            + (" (body breaks the spec)" if _conforms_any(e) else ""),
        )
        for o in outcomes
        for e in o.exchanges[-1:]
    )
    print(f"\n{title}: {len(outcomes)} calls, {sum(len(o.exchanges) for o in outcomes)} responses")
    for (status, what), count in sorted(tally.items()):
        print(f"  HTTP {status} -> {what}: {count}")
    bad = [o for o in outcomes if o.problems]
    if bad:
        lines = []
        for o in bad[:15]:
            last = o.exchanges[-1] if o.exchanges else None
            lines.append(
                f"- operation: {last.operation if last else '?'}\n  case: {o.case}\n"
                + "\n".join(f"  rule: {p}" for p in o.problems)
            )
        pytest.fail(
            f"{title}: {len(bad)} of {len(outcomes)} calls broke the rules:\n" + "\n".join(lines),
            pytrace=False,
        )


def _sync_client(server: PrismServer, http: httpx.Client, *, credentials: bool) -> TightClient:
    if credentials:
        return TightClient(
            client_id="cid_contract",
            client_secret="not-a-secret",
            base_url=server.url,
            http_client=http,
        )
    return TightClient(token="tkn_contract", base_url=server.url, http_client=http)


class _Calls:
    """One test's planned calls: `call(name)` plans the statuses of the next call, records its
    exchanges and its value or exception, and judges the outcome (collected in `outcomes`)."""

    def __init__(
        self,
        seed: int,
        plan: Callable[[random.Random], dict[str, int]],
        *,
        path: str,
        method: str,
        check: Callable[[Any, Any], None],
    ) -> None:
        self.seed, self.plan, self.path, self.method, self.check = seed, plan, path, method, check
        self.rng = random.Random(seed)
        self.planner, self.recorder = StatusPlanner(), Recorder()
        self.outcomes: list[Outcome] = []

    @contextmanager
    def call(self, name: str) -> Iterator[Outcome]:
        """Set `outcome.value` inside; an exception is recorded as `outcome.error`, not raised."""
        self.planner.codes = self.plan(self.rng)
        self.recorder.case = f"{name} (seed {self.seed}), Prefer codes {self.planner.codes}"
        start = len(self.recorder.exchanges)
        outcome = Outcome(self.recorder.case, [])
        try:
            yield outcome
        except Exception as exc:
            outcome.error = exc
        outcome.exchanges = self.recorder.exchanges[start:]
        _judge(outcome, self.path, self.method, self.check)
        self.outcomes.append(outcome)


def _run_sync(
    server: PrismServer,
    seed: int,
    plan: Callable[[random.Random], dict[str, int]],
    call: Callable[[TightClient, random.Random], Any],
    *,
    path: str,
    method: str,
    check: Callable[[Any, Any], None],
    credentials: bool = False,
) -> list[Outcome]:
    calls = _Calls(seed, plan, path=path, method=method, check=check)
    hooks = {"request": [calls.planner.hook], **calls.recorder.hooks()}
    for i in range(CALLS_PER_OPERATION):
        with (
            calls.call(f"call {i}") as outcome,
            httpx.Client(event_hooks=hooks) as http,
            _sync_client(server, http, credentials=credentials) as client,
        ):
            outcome.value = call(client, calls.rng)
    return calls.outcomes


def _query(client: TightClient, rng: random.Random) -> Any:
    kwargs = dict(rng.choice(QUERIES))
    return client.customers.query(**kwargs)


def test_query_parses_random_pages(mock_server: PrismServer, no_sleep: list[float]) -> None:
    outcomes = _run_sync(
        mock_server,
        11,
        lambda rng: {QUERY_PATH: _plan(rng, QUERY_PATH, "post")},
        _query,
        path=QUERY_PATH,
        method="post",
        check=_check_page,
    )
    _report("queryCustomers against prism mock -d", outcomes)


def test_get_parses_random_customers(mock_server: PrismServer, no_sleep: list[float]) -> None:
    outcomes = _run_sync(
        mock_server,
        12,
        lambda rng: {GET_PATH: _plan(rng, GET_PATH, "get")},
        lambda client, rng: client.customers.get(f"cus_{rng.randrange(10**8)}"),
        path=GET_PATH,
        method="get",
        check=_check_customer,
    )
    _report("getCustomer against prism mock -d", outcomes)


def test_token_parses_random_token_responses(
    mock_server: PrismServer, no_sleep: list[float]
) -> None:
    """Client credentials: the facade fetches a random token, then makes one call with it."""
    outcomes = _run_sync(
        mock_server,
        13,
        lambda rng: {TOKEN_PATH: _plan(rng, TOKEN_PATH, "post"), GET_PATH: 200},
        lambda client, rng: client.customers.get("cus_1"),
        path=TOKEN_PATH,
        method="post",
        check=_check_nothing,
        credentials=True,
    )
    _report("createToken against prism mock -d", outcomes)


def test_pagination_over_random_pages(mock_server: PrismServer, no_sleep: list[float]) -> None:
    """`next()`/`previous()` follow whatever cursors the random page carries, one step each."""

    def walk(client: TightClient, rng: random.Random) -> Any:
        page = client.customers.query(limit=3)
        neighbour = page.next() if rng.random() < 0.5 else page.previous()
        return neighbour if neighbour is not None else page

    outcomes = _run_sync(
        mock_server,
        14,
        lambda rng: {QUERY_PATH: rng.choice([200, 200, 200, 400, 500])},
        walk,
        path=QUERY_PATH,
        method="post",
        check=_check_page,
    )
    _report("queryCustomers paging against prism mock -d", outcomes)


def test_async_client_parses_random_pages(mock_server: PrismServer, no_sleep: list[float]) -> None:
    calls = _Calls(
        15,
        lambda rng: {QUERY_PATH: _plan(rng, QUERY_PATH, "post")},
        path=QUERY_PATH,
        method="post",
        check=_check_page,
    )

    async def main() -> None:
        hooks = {"request": [calls.planner.ahook], **calls.recorder.async_hooks()}
        http = httpx.AsyncClient(event_hooks=hooks)
        async with (
            http,
            AsyncTightClient(
                token="tkn_contract", base_url=mock_server.url, http_client=http
            ) as client,
        ):
            for i in range(CALLS_PER_OPERATION // 2):
                with calls.call(f"async call {i}") as outcome:
                    outcome.value = await client.customers.query(**dict(calls.rng.choice(QUERIES)))

    anyio.run(main)
    _report("queryCustomers (async) against prism mock -d", calls.outcomes)
