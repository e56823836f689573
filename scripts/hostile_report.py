"""What the client does now against a server that misbehaves on purpose: one line per case,
with the error it raises, how long it took to fail and, where memory is at stake, the peak RSS
of a child process that made the call with the default limits.

    .venv/bin/python scripts/hostile_report.py

The servers are the hostile loopback servers of the test suite (tests/resilience/hostile.py).
"""

from __future__ import annotations

import base64
import html
import json
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import tight_customers as tc  # noqa: E402
from tests.resilience.hostile import (  # noqa: E402
    HostileServer,
    Request,
    Writer,
    drip,
    endless_body,
    gzip_bomb,
    json_reply,
    query_in_child,
    raw_reply,
    wait_until,
)
from tight_customers.cli import app  # noqa: E402
from tight_customers.sandbox import Sandbox  # noqa: E402

TOKEN = "tkn_sEcr/t+Val=ue&<x>'q\"9"


def report(
    case: str, outcome: str, seconds: float | None = None, peak: float | None = None
) -> None:
    extra = "" if seconds is None else f" [{seconds:.2f} s"
    extra += "" if peak is None else f", peak RSS {peak:.0f} MiB"
    extra += "]" if extra else ""
    print(f"{case}: {outcome}{extra}", flush=True)


def attempt(call: Callable[[], Any]) -> tuple[str, float]:
    started = time.monotonic()
    try:
        call()
        outcome = "no error"
    except (tc.TightError, ValueError) as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    return outcome, time.monotonic() - started


def client(url: str, **options: Any) -> tc.TightClient:
    options.setdefault("max_retries", 0)
    return tc.TightClient(token=TOKEN, base_url=url, rate_limit=None, **options)


def query(url: str, **options: Any) -> Callable[[], Any]:
    def call() -> Any:
        with client(url, **options) as c:
            return c.customers.query()

    return call


def leaks(text: str) -> bool:
    return any(TOKEN[i : i + 6] in text for i in range(len(TOKEN) - 5))


def secrets() -> None:
    envelope = {"result": "FAILURE", "error": [{"type": TOKEN, "message": "x", "param": TOKEN}]}
    with HostileServer(json_reply(401, envelope)) as server:
        report("1 param/type echo", *attempt(query(server.url)))
        env = {"TIGHT_API_TOKEN": TOKEN, "TIGHT_BASE_URL": server.url, "TIGHT_CLIENT_ID": ""}
        result = CliRunner().invoke(app, ["get", "cus_1"], env=env)
        report("1 CLI error line", result.stderr.strip())
    basic = base64.b64encode(b"cid_x:cs_Top/Secr+t=").decode()
    forms = {
        "json": json.dumps(TOKEN)[1:-1].replace("/", "\\/"),
        "percent": quote(TOKEN, safe=""),
        "html": html.escape(TOKEN),
        "spaces-770": " " * 770 + TOKEN,
    }
    for name, echoed in forms.items():
        with HostileServer(raw_reply(502, f"<p>{echoed} wrong</p>".encode(), "text/html")) as s:
            outcome, seconds = attempt(query(s.url))
        report(f"2 echo {name}", f"leaks: {leaks(outcome)}; {outcome}", seconds)
    with HostileServer(raw_reply(401, f'{{"auth": "{basic}"}}'.encode())) as server:
        creds = tc.TightClient(
            client_id="cid_x", client_secret="cs_Top/Secr+t=", base_url=server.url, max_retries=0
        )
        outcome, seconds = attempt(creds.customers.query)
        report("2 echo Basic base64", f"leaks: {basic in outcome}; {outcome}", seconds)
    for name, bad in {"newline": "tkn_a\nTAIL", "nul": "tkn_a\0TAIL", "é": "tkn_aéTAIL"}.items():
        report(f"3 token with {name}", *attempt(lambda bad=bad: tc.TightClient(token=bad)))


def sizes_and_time() -> None:
    for name, behaviour in (("gzip bomb", gzip_bomb()), ("endless chunked body", endless_body())):
        with HostileServer(behaviour) as server:
            child = query_in_child(server.url)
        error = child["error"]
        outcome = "no error" if error is None else f"{error}: {child['message']}"
        report(f"4 {name} (child, defaults)", outcome, child["seconds"], child["peak_rss_mib"])
    body = json.dumps({"result": "SUCCESS", "data": []}).encode()
    with HostileServer(drip(body, 1.0)) as server:
        report("4 drip 1 B/s, timeout=3, no retries", *attempt(query(server.url, timeout=3)))

    async def async_drip(url: str) -> None:
        async with tc.AsyncTightClient(token=TOKEN, base_url=url, timeout=3, max_retries=0) as c:
            await c.customers.query()

    with HostileServer(drip(body, 1.0, headers_too=True)) as server:
        outcome, seconds = attempt(lambda: anyio.run(async_drip, server.url))
        report("4 header drip 1 B/s, async, timeout=3", outcome, seconds)


def walks() -> None:
    def bad_cursor(request: Request, out: Writer) -> None:
        cursor = json.loads(request.body).get("cursor")
        page = 0 if cursor is None else int(cursor[1:])
        data = [{"id": f"cus_{page}_{i}", "name": "n", "status": "ACTIVE"} for i in range(10)]
        after = f"c{page + 1}" if page < 1 else 5
        raw = json.dumps({"result": "SUCCESS", "data": data, "cursor": {"after": after}}).encode()
        out.head(200, {"Content-Type": "application/json", "Content-Length": str(len(raw))})
        out.write(raw)

    with HostileServer(bad_cursor) as server:
        env = {"TIGHT_API_TOKEN": TOKEN, "TIGHT_BASE_URL": server.url, "TIGHT_CLIENT_ID": ""}
        result = CliRunner().invoke(app, ["query", "--all", "--format", "jsonl"], env=env)
        rows = sum(1 for line in result.stdout.splitlines() if line.startswith("{"))
        report(
            "5 cursor.after = 5 (CLI export)",
            f"exit {result.exit_code}, {rows} rows written; {result.stderr.strip()}",
        )
    counter = iter(range(10**9))

    def empty(request: Request, out: Writer) -> None:
        body = {"result": "SUCCESS", "data": [], "cursor": {"after": f"x{next(counter)}"}}
        raw = json.dumps(body).encode()
        out.head(200, {"Content-Type": "application/json", "Content-Length": str(len(raw))})
        out.write(raw)

    with HostileServer(empty) as server:

        def walk() -> None:
            with client(server.url) as c:
                list(c.customers.iterate())

        outcome, seconds = attempt(walk)
        report(f"5 endless empty pages ({len(server.requests)} requests)", outcome, seconds)


def urls_and_closing() -> None:
    for url in (
        "https://sandbox.tight.com/api?x=1",
        "https://sandbox.tight.com/#f",
        "https://user:hunter2@sandbox.tight.com",
        "http://evil.localhost:8000",
    ):
        report(
            f"7 base_url {url.replace('hunter2', '<password>')}", *attempt(lambda u=url: client(u))
        )
    with HostileServer(json_reply(200, {"result": "SUCCESS", "data": []})) as server:
        closed = client(server.url)
        closed.close()
        report("8 closed client", *attempt(closed.customers.query))


def sandbox_connections() -> None:
    with Sandbox(customers=50, seed=1, header_timeout=2.0) as sb:
        idle = [socket.create_connection((sb.host, sb.port)) for _ in range(300)]
        started = time.monotonic()
        with tc.TightClient(token=sb.token, base_url=sb.url, rate_limit=None) as c:
            served = len(list(c.customers.iterate(page_size=10)))
        for sock in idle:
            sock.setblocking(False)

        def all_closed() -> bool:
            closed = 0
            for sock in idle:
                try:
                    closed += sock.recv(1) == b""
                except BlockingIOError:
                    pass
                except ConnectionResetError:
                    closed += 1
            return closed == len(idle)

        closed = wait_until(all_closed, 30)
        seconds = time.monotonic() - started
        for sock in idle:
            sock.close()
    report(
        "9 sandbox, 300 idle connections, header_timeout=2",
        f"{served} customers served meanwhile; all idle connections closed: {closed}",
        seconds,
    )


if __name__ == "__main__":
    secrets()
    sizes_and_time()
    walks()
    urls_and_closing()
    sandbox_connections()
