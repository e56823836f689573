"""The sandbox times idle and slow connections out, as a real server does, and keeps serving
normal clients while hundreds of idle connections are open."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

import tight_customers as tc
from tests.resilience.hostile import wait_until
from tight_customers.sandbox import Sandbox

IDLE_CONNECTIONS = 300


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(customers=30, seed=1, header_timeout=1.0, keep_alive_timeout=1) as sb:
        yield sb


def connect(sb: Sandbox) -> socket.socket:
    sock = socket.create_connection((sb.host, sb.port), timeout=10)
    sock.setblocking(False)
    return sock


def closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(1024) == b""
    except BlockingIOError:
        return False
    except ConnectionResetError:
        return True


def test_normal_clients_are_served_while_300_idle_connections_are_open(sandbox: Sandbox) -> None:
    idle = [connect(sandbox) for _ in range(IDLE_CONNECTIONS)]
    try:
        with tc.TightClient(token=sandbox.token, base_url=sandbox.url, rate_limit=None) as c:
            assert len(list(c.customers.iterate(page_size=7))) == 30
        assert wait_until(lambda: all(closed_by_server(s) for s in idle))
    finally:
        for sock in idle:
            sock.close()


def test_a_client_sending_its_headers_a_byte_at_a_time_is_cut_off(sandbox: Sandbox) -> None:
    sock = connect(sandbox)
    request = b"GET /v6/customers/cus_1 HTTP/1.1\r\nHost: x\r\n" + b"X-Pad: y\r\n" * 200
    sent = 0

    def send_a_byte_unless_closed() -> bool:
        nonlocal sent
        if closed_by_server(sock):
            return True
        try:
            sent += sock.send(request[sent : sent + 1])
        except OSError:
            return True
        return False

    try:
        assert wait_until(send_a_byte_unless_closed)
        assert sent < len(request)  # cut off before the headers were complete
    finally:
        sock.close()


def test_an_idle_keep_alive_connection_is_closed_after_a_response(sandbox: Sandbox) -> None:
    sock = socket.create_connection((sandbox.host, sandbox.port), timeout=10)
    try:
        sock.sendall(
            b"GET /v6/customers/nope HTTP/1.1\r\nHost: x\r\n"
            + f"Authorization: Bearer {sandbox.token}\r\n\r\n".encode()
        )
        assert sock.recv(65536).startswith(b"HTTP/1.1 404")
        sock.setblocking(False)
        assert wait_until(lambda: closed_by_server(sock))
    finally:
        sock.close()


def test_the_timeouts_are_checked() -> None:
    with pytest.raises(ValueError, match="header_timeout"):
        Sandbox(customers=1, header_timeout=0)
    with pytest.raises(TypeError, match="keep_alive_timeout"):
        Sandbox(customers=1, keep_alive_timeout=0.5)  # type: ignore[arg-type]
