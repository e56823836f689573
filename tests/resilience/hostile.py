"""A loopback HTTP/1.1 server that misbehaves on purpose, for the hostile-response tests.

Each connection's requests are answered by a `Behaviour`: a function given the parsed request
and a `Writer`, which writes raw bytes (slowly, endlessly, compressed...) exactly as a broken or
hostile server would. The server binds 127.0.0.1 only, serves at most `max_connections`
connections, stops writing as soon as the client goes away, and stops itself on exit.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs


@attrs.frozen
class Request:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes


class ClientGoneError(Exception):
    """The client closed the connection (or the server is stopping)."""


class Writer:
    """Writes to one connection; raises `ClientGoneError` once the client has gone or the server
    stops, so that no behaviour outlives its test."""

    def __init__(self, conn: socket.socket, stopping: threading.Event) -> None:
        self._conn = conn
        self._stopping = stopping
        self.sent = 0

    def write(self, data: bytes) -> None:
        if self._stopping.is_set():
            raise ClientGoneError
        try:
            self._conn.sendall(data)
        except OSError:
            raise ClientGoneError from None
        self.sent += len(data)

    def pause(self, seconds: float) -> None:
        if self._stopping.wait(seconds):
            raise ClientGoneError

    def head(self, status: int, headers: dict[str, str]) -> None:
        lines = [f"HTTP/1.1 {status} X"] + [f"{k}: {v}" for k, v in headers.items()]
        self.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def chunk(self, data: bytes) -> None:
        self.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")


Behaviour = Callable[[Request, Writer], None]


def json_reply(status: int, body: Any, headers: dict[str, str] | None = None) -> Behaviour:
    """An ordinary response: `body` as JSON with a Content-Length."""
    raw = json.dumps(body).encode()

    def behave(request: Request, out: Writer) -> None:
        out.head(
            status,
            {
                "Content-Type": "application/json",
                "Content-Length": str(len(raw)),
                **(headers or {}),
            },
        )
        out.write(raw)

    return behave


def raw_reply(status: int, raw: bytes, content_type: str = "application/json") -> Behaviour:
    """`raw` as the body, byte for byte."""

    def behave(request: Request, out: Writer) -> None:
        out.head(status, {"Content-Type": content_type, "Content-Length": str(len(raw))})
        out.write(raw)

    return behave


def gzip_bomb(inflated_bytes: int = 4 * 1024**3) -> Behaviour:
    """A 200 whose gzip body inflates to `inflated_bytes` of zeros (about 1000:1), compressed
    as it is sent, so the server never holds more than one compressed chunk."""

    def behave(request: Request, out: Writer) -> None:
        out.head(
            200,
            {
                "Content-Type": "application/json",
                "Content-Encoding": "gzip",
                "Transfer-Encoding": "chunked",
            },
        )
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)
        block = b"\0" * (1024 * 1024)
        out.chunk(packer.compress(b'{"result": "SUCCESS", "data": [], "padding": "'))
        for _ in range(inflated_bytes // len(block)):
            data = packer.compress(block)
            if data:
                out.chunk(data)
        out.chunk(packer.flush())
        out.write(b"0\r\n\r\n")

    return behave


def endless_body(chunk: bytes = b" " * 65536, limit: int = 8 * 1024**3) -> Behaviour:
    """A chunked 200 that never ends (until the client leaves, or `limit` bytes)."""

    def behave(request: Request, out: Writer) -> None:
        out.head(200, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
        out.chunk(b'{"result": "SUCCESS", "data": [')
        while out.sent < limit:
            out.chunk(chunk)

    return behave


def drip(body: bytes, interval: float, *, headers_too: bool = False) -> Behaviour:
    """`body` one byte every `interval` seconds (the headers too, when `headers_too`)."""

    def behave(request: Request, out: Writer) -> None:
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        if headers_too:
            body_all = head + body
        else:
            out.write(head)
            body_all = body
        for i in range(len(body_all)):
            out.write(body_all[i : i + 1])
            out.pause(interval)

    return behave


def sequence(*behaviours: Behaviour) -> Behaviour:
    """One behaviour per request, in order; the last one repeats."""
    lock = threading.Lock()
    served = [0]

    def behave(request: Request, out: Writer) -> None:
        with lock:
            index = min(served[0], len(behaviours) - 1)
            served[0] += 1
        behaviours[index](request, out)

    return behave


def _read_request(conn: socket.socket, buffer: bytearray) -> Request | None:
    while b"\r\n\r\n" not in buffer:
        data = conn.recv(65536)
        if not data:
            return None
        buffer += data
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        data = conn.recv(65536)
        if not data:
            return None
        rest += data
    buffer[:] = rest[length:]
    return Request(method, target, headers, rest[:length])


class HostileServer:
    """`with HostileServer(behaviour) as server:` serves `server.url` on 127.0.0.1.

    `requests` lists what was received, in order (Authorization values included: tests check
    what the client sent, never print it).
    """

    def __init__(self, behaviour: Behaviour, *, max_connections: int = 64) -> None:
        self.behaviour = behaviour
        self.requests: list[Request] = []
        self._max = max_connections
        self._stopping = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.1)
        self._threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept, name="hostile-accept", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}"

    def __enter__(self) -> HostileServer:
        self._acceptor.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._acceptor.join(5)
        for thread in self._threads:
            thread.join(5)
        self._sock.close()

    def _accept(self) -> None:
        served = 0
        while served < self._max and not self._stopping.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            served += 1
            # Writes come in pieces (head, then body); without this Nagle's algorithm meets
            # delayed ACKs and every response waits ~40 ms.
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        buffer = bytearray()
        with conn:
            conn.settimeout(0.1)
            out = Writer(conn, self._stopping)
            while not self._stopping.is_set():
                try:
                    request = _read_request(conn, buffer)
                except TimeoutError:
                    continue
                except (OSError, ValueError):
                    return
                if request is None:
                    return
                self.requests.append(request)
                try:
                    self.behaviour(request, out)
                except ClientGoneError:
                    return


def wait_until(condition: Callable[[], bool], seconds: float = 15.0) -> bool:
    """Poll `condition` until it holds or `seconds` pass (a bound, not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# One `query()` with the default limits, in a child process so that its peak RSS is its own.
_ONE_QUERY = textwrap.dedent(
    """
    import json, resource, sys, time
    import tight_customers as tc

    def peak_rss_mib():
        # VmHWM is this process's own peak; ru_maxrss also counts the parent's RSS at fork.
        try:
            with open("/proc/self/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    started = time.monotonic()
    outcome = {"error": None}
    try:
        with tc.TightClient(token="tkn_child", base_url=sys.argv[1], rate_limit=None) as c:
            c.customers.query()
    except tc.TightError as exc:
        outcome = {"error": type(exc).__name__, "message": str(exc),
                   "limit": getattr(exc, "limit", None), "attempts": exc.attempts}
    outcome["seconds"] = time.monotonic() - started
    outcome["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(outcome))
    """
)


def query_in_child(url: str) -> dict[str, Any]:
    """What one `query()` of `url` with the default limits did in a fresh process: `error`
    (the exception's class name, or None), `message`, `limit`, `attempts`, `seconds` and
    `peak_rss_mib`."""
    done = subprocess.run(
        [sys.executable, "-c", _ONE_QUERY, url],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )
    outcome: dict[str, Any] = json.loads(done.stdout)
    return outcome
